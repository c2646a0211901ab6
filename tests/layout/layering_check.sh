#!/usr/bin/env bash
# Checks libskylr's layering (ARCHITECTURE.md): a module's files include only their own
# module's headers, the public headers (skylr/...) and the modules below it; modules that share a
# level (marathon and tls; discovery, render and haproxy) never include each other; public headers
# include only public headers. Prints every offending include and exits 1 when there is one.
# Usage: layering_check.sh LIBSKYLR_DIR
set -euo pipefail
lib=${1:?usage: layering_check.sh LIBSKYLR_DIR}

declare -A level=([util]=0 [os]=1 [config]=2 [marathon]=3 [tls]=3 [model]=4 [discovery]=5 [render]=5
                  [haproxy]=5 [apply]=6 [sync]=7 [protocol]=8)
failures=0

report() {
  echo "$1"
  failures=$((failures + 1))
}

shopt -s nullglob
for file in "$lib"/include/skylr/*.h; do
  while IFS= read -r included; do
    [[ $included == skylr/* ]] || report "${file#"$lib"/}: public header includes internal \"$included\""
  done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$file")
done

while IFS= read -r file; do
  relative=${file#"$lib"/src/}
  module=${relative%%/*}
  [[ -n ${level[$module]:-} ]] || { report "src/$relative: not in a known module"; continue; }
  while IFS= read -r included; do
    [[ $included == skylr/* ]] && continue
    target=${included%%/*}
    if [[ -z ${level[$target]:-} ]]; then
      report "src/$relative: includes \"$included\", which names no module"
    elif [[ $target != "$module" ]] &&
         (( level[$target] > level[$module] || level[$target] == level[$module] )); then
      report "src/$relative: $module must not include \"$included\" ($target is not below it)"
    fi
  done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$file")
done < <(find "$lib/src" -name '*.h' -o -name '*.cpp' | sort)

if (( failures > 0 )); then
  echo "$failures include(s) against the layering"
  exit 1
fi
echo "layering ok"

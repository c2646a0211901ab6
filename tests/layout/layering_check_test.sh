#!/usr/bin/env bash
# layering_check.sh refuses each kind of include against the layering, in a scratch tree.
# Usage: layering_check_test.sh LAYERING_CHECK
set -euo pipefail
check=${1:?usage: layering_check_test.sh LAYERING_CHECK}
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/include/skylr" "$tree/src/util" "$tree/src/render" "$tree/src/haproxy" "$tree/src/tls"

expect() {  # expect ok|refused FILE LINE
  printf '#include "%s"\n' "$3" > "$tree/$2"
  if "$check" "$tree" >/dev/null; then outcome=ok; else outcome=refused; fi
  rm "$tree/$2"
  if [[ $outcome != "$1" ]]; then
    echo "FAIL: $2 including \"$3\": $outcome, expected $1"
    exit 1
  fi
}

expect ok src/render/a.cpp model/backends.h
expect ok src/render/a.cpp render/service.h
expect ok src/haproxy/a.cpp skylr/config.h
expect refused src/util/a.cpp model/backends.h
expect refused src/render/a.cpp haproxy/text.h
expect refused src/haproxy/a.cpp render/service.h
expect ok src/tls/a.cpp util/host_check.h
expect refused src/tls/a.cpp marathon/json.h
expect refused src/render/a.cpp nowhere.h
expect refused include/skylr/a.h util/json_path.h
echo "layering_check refuses what it must"

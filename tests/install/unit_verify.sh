#!/usr/bin/env bash
# Checks skylrd.service with systemd's own tools, on the unit as `cmake --install`
# configures it for a staging prefix, with this build's programs and man pages:
# `systemd-analyze verify` (syntax, programs, Documentation=) and `systemd-analyze
# security`, whose exposure must stay "OK" or better (at most 4.9 of 10; 1.6 when last
# measured). Exits 77 (ctest: skipped) without systemd-analyze.
# Usage: unit_verify.sh BUILD_DIR
set -euo pipefail
build_dir=$1
if ! command -v systemd-analyze >/dev/null; then
  echo "SKIP: systemd-analyze is not installed (Debian package systemd)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

DESTDIR=$work cmake --install "$build_dir" --prefix /opt/skylr --component skylr >/dev/null
root=$work/opt/skylr
unit=$root/lib/systemd/system/skylrd.service
# The unit names the install's paths; verify it with the staged ones.
sed -i "s|/opt/skylr/|$root/|g" "$unit"
grep -q "^ExecStart=$root/bin/skylrd --config $root/etc/skylr/skylr.json\$" "$unit"
MANPATH=$root/share/man systemd-analyze verify "$unit"
report=$(systemd-analyze security --offline=true "$unit" 2>&1)
exposure=$(sed -n 's/.*Overall exposure level for skylrd.service: \([0-9.]*\) .*/\1/p' <<<"$report")
echo "exposure: $exposure"
[[ -n $exposure ]] || { echo "$report"; exit 1; }
awk -v e="$exposure" 'BEGIN { exit !(e <= 4.9) }' || { echo "$report"; echo "FAIL: exposure $exposure above 4.9 (OK)"; exit 1; }
echo "skylrd.service verifies; exposure $exposure"

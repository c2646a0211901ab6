#!/bin/sh
# Checks a rendered configuration with the real HAProxy, as skylrd does before a reload:
# `haproxy -c` with the users file as a second -f. Fails on an invalid configuration and
# also on any warning or alert, so that golden files stay clean.
# With a golden case's expected-routes.map beside CONFIG, the check reads a copy of CONFIG
# whose routes map (the default /etc/haproxy/skylr-routes.map) is that file.
# Usage: haproxy_check.sh HAPROXY CONFIG USERS_FILE
set -u
haproxy=$1 config=$2 users=$3
routes=$(dirname "$config")/expected-routes.map
if [ -f "$routes" ]; then
  copy=$(mktemp)
  trap 'rm -f "$copy"' EXIT
  sed "s#/etc/haproxy/skylr-routes.map#$routes#g" "$config" > "$copy"
  config=$copy
fi
output=$("$haproxy" -c -f "$config" -f "$users" 2>&1)
status=$?
printf '%s\n' "$output"
if [ "$status" -ne 0 ]; then
  echo "FAIL: haproxy -c exited with $status for $config"
  exit 1
fi
if printf '%s\n' "$output" | grep -q -e '\[WARNING\]' -e '\[ALERT\]'; then
  echo "FAIL: haproxy -c reported warnings for $config"
  exit 1
fi

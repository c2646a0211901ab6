#!/bin/sh
# Checks a rendered configuration with the real HAProxy, as skylrd does before a reload:
# `haproxy -c` with the users file as a second -f. Fails on an invalid configuration and
# also on any warning or alert, so that golden files stay clean.
# Usage: haproxy_check.sh HAPROXY CONFIG USERS_FILE
set -u
haproxy=$1 config=$2 users=$3
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

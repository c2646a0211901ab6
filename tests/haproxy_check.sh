#!/bin/sh
# Checks a rendered configuration with the real HAProxy, as skylrd does before a reload:
# `haproxy -c` with the users file as a second -f. Fails on an invalid configuration and
# also on any warning or alert, so that golden files stay clean.
# With a golden case's expected-routes.map beside CONFIG, the check reads a copy of CONFIG
# whose routes map (the default /etc/haproxy/skylr-routes.map) is that file; when CONFIG
# loads the default crt-list (/etc/haproxy/skylr-certs.list), the copy loads one of a
# certificate made now with openssl.
# Usage: haproxy_check.sh HAPROXY CONFIG USERS_FILE
set -u
haproxy=$1 config=$2 users=$3
routes=$(dirname "$config")/expected-routes.map
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
copy=$scratch/haproxy.cfg
cp "$config" "$copy"
if [ -f "$routes" ]; then
  sed -i "s#/etc/haproxy/skylr-routes.map#$routes#g" "$copy"
fi
if grep -q /etc/haproxy/skylr-certs.list "$copy"; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=golden.test \
    -keyout "$scratch/key.pem" -out "$scratch/cert.pem" 2>/dev/null || { echo "FAIL: openssl"; exit 1; }
  cat "$scratch/cert.pem" "$scratch/key.pem" > "$scratch/default.pem"
  echo "$scratch/default.pem" > "$scratch/certs.list"
  sed -i "s#/etc/haproxy/skylr-certs.list#$scratch/certs.list#g" "$copy"
fi
output=$("$haproxy" -c -f "$copy" -f "$users" 2>&1)
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

#!/bin/sh
# Runs the built skylrctl binary's push-job, regenerate and status against the built
# marathon-sim binary (port 0): main()'s wiring, plain progress lines when stdout is not a
# terminal, the token from the environment, and exit codes.
# Usage: skylrctl_binary_test.sh SKYLRCTL MARATHON_SIM
set -u
skylrctl=$1 sim=$2
work=$(mktemp -d)
sim_pid=
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "FAIL: $*"; exit 1; }

# run EXPECTED_STATUS ARGS...: runs skylrctl, keeping stdout and stderr in $work.
run() {
  want_status=$1
  shift
  "$skylrctl" "$@" >"$work/out" 2>"$work/err"
  status=$?
  [ "$status" -eq "$want_status" ] || { cat "$work/out" "$work/err"; fail "skylrctl $* exited $status, expected $want_status"; }
}

printf '{"apps":[{"id":"/web","instances":1,"portDefinitions":[{"port":0}]}]}\n' >"$work/apps.json"
"$sim" --port 0 --apps "$work/apps.json" --stage-ms 300 >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 100); do
  grep -q 'listening on' "$work/sim.out" 2>/dev/null && break
  sleep 0.05
done
marathon="http://$(sed -n 's/^marathon-sim listening on //p' "$work/sim.out")"
[ "$marathon" != "http://" ] || fail "marathon-sim did not start: $(cat "$work/sim.err")"

run 0 --help
for command in regenerate push-job status; do
  grep -q "^  $command " "$work/out" || fail "--help does not list $command"
done
grep -q '6  refused' "$work/out" || fail "--help does not list the exit codes"

run 0 push-job web --instances 2 --wait --timeout 20 --marathon "$marathon"
grep -q '^deployment .* started for /web (version ' "$work/out" || fail "no start line: $(cat "$work/out")"
grep -q '^deployment .*: step 1 of 1 (' "$work/out" || fail "no progress line: $(cat "$work/out")"
grep -q "$(printf '\r')" "$work/out" && fail "progress rewritten in place although stdout is a file"
grep -q '^deployment .* finished after ' "$work/out" || fail "no end line: $(cat "$work/out")"

run 0 push-job web --instances 3 --marathon "$marathon"
run 3 push-job web --instances 4 --marathon "$marathon"
grep -q '^/web is locked by deployment ' "$work/err" || fail "409 not explained: $(cat "$work/err")"
run 0 push-job web --instances 4 --force --marathon "$marathon"

SKYLR_TOKEN=some-token-0123456789 run 4 push-job web --instances 2 --skylrd http://127.0.0.1:1
grep -q '^cannot push through skylrd: ' "$work/err" || fail "skylrd down not explained: $(cat "$work/err")"
run 2 push-job web --instances 2 --skylrd http://127.0.0.1:1
run 2 push-job web --instances 2 --skylrd http://127.0.0.1:1 --token t --wait
run 4 status --skylrd http://127.0.0.1:1

printf '{"marathon_hosts": ["%s"], "services": {"web": {"port": 8000}}, "config_destination": "%s"}\n' \
  "${marathon#http://}" "$work/haproxy.cfg" >"$work/skylr.json"
run 0 regenerate --config "$work/skylr.json" --dry-run
grep -q "^+++ $work/haproxy.cfg (rendered)" "$work/out" || fail "no diff: $(cat "$work/out")"
[ ! -e "$work/haproxy.cfg" ] || fail "--dry-run wrote the config"
echo "ok"

#!/bin/sh
# Runs the built skylrctl binary: exit codes, output streams and messages of one scenario.
# Usage: skylrctl_test.sh SKYLRCTL DATA_DIR VERSION SCENARIO [MARATHON_SIM]
# (the jobs scenario runs push-job, regenerate and status against the MARATHON_SIM binary)
set -u
skylrctl=$1 data=$2 version=$3 scenario=$4 marathon_sim=${5:-}
golden=$data/golden/original-format
work=$(mktemp -d)
sim_pid=
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "FAIL ($scenario): $*"; exit 1; }

# run EXPECTED_STATUS ARGS...: runs skylrctl, keeping stdout and stderr in $work.
run() {
  want_status=$1
  shift
  "$skylrctl" "$@" >"$work/out" 2>"$work/err"
  status=$?
  [ "$status" -eq "$want_status" ] || { cat "$work/err"; fail "skylrctl $* exited $status, expected $want_status"; }
}

# Starts MARATHON_SIM on a free port with the app /web; sets $marathon to its URL.
start_sim() {
  printf '{"apps":[{"id":"/web","instances":1,"portDefinitions":[{"port":0}]}]}\n' >"$work/apps.json"
  "$marathon_sim" --port 0 --apps "$work/apps.json" --stage-ms 300 >"$work/sim.out" 2>"$work/sim.err" &
  sim_pid=$!
  for _ in $(seq 100); do
    grep -q 'listening on' "$work/sim.out" 2>/dev/null && break
    sleep 0.05
  done
  marathon="http://$(sed -n 's/^marathon-sim listening on //p' "$work/sim.out")"
  [ "$marathon" != "http://" ] || fail "marathon-sim did not start: $(cat "$work/sim.err")"
}

# push-job, regenerate and status: main()'s wiring, plain progress lines when stdout is
# not a terminal, the token from the environment, and exit codes.
jobs_scenario() {
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
}

case $scenario in
  render-stdout)
    run 0 render --config "$golden/config.json" --apps "$golden/apps.json"
    cmp "$work/out" "$golden/expected.cfg" || fail "stdout differs from expected.cfg"
    [ ! -s "$work/err" ] || fail "unexpected stderr: $(cat "$work/err")"
    ;;
  render-file)
    run 0 render --config "$golden/config.json" --apps "$golden/apps.json" -o "$work/haproxy.cfg"
    cmp "$work/haproxy.cfg" "$golden/expected.cfg" || fail "output file differs from expected.cfg"
    [ ! -s "$work/out" ] || fail "unexpected stdout"
    ;;
  bad-config)
    printf '{"marathon_hosts": ["m:8080"], "services": {"web": {"port": 70000}},\n "config_destination": "/x"}\n' \
      >"$work/bad.json"
    expected="$work/bad.json: services.web.port: expected an integer 1-65535, got 70000"
    run 1 validate --config "$work/bad.json"
    [ "$(cat "$work/err")" = "$expected" ] || fail "stderr was: $(cat "$work/err")"
    run 1 render --config "$work/bad.json" --apps "$golden/apps.json"
    [ "$(cat "$work/err")" = "$expected" ] || fail "stderr was: $(cat "$work/err")"
    [ ! -s "$work/out" ] || fail "unexpected stdout"
    run 0 validate --config "$golden/config.json"
    [ "$(cat "$work/out")" = "$golden/config.json: ok" ] || fail "stdout was: $(cat "$work/out")"
    ;;
  bad-usage)
    run 2 render --config "$golden/config.json"
    grep -q -e '--apps' "$work/err" || fail "no message about --apps: $(cat "$work/err")"
    run 2 frobnicate
    run 2
    run 2 validate --config a.json --extra
    ;;
  version)
    run 0 --version
    [ "$(cat "$work/out")" = "skylrctl $version" ] || fail "version output: $(cat "$work/out")"
    ;;
  help)
    run 0 --help
    grep -q '3  locked by a deployment' "$work/out" || fail "exit codes missing from --help"
    grep -q 'render' "$work/out" || fail "subcommands missing from --help"
    run 0 render --help
    grep -q -e '--apps' "$work/out" || fail "render --help does not describe --apps"
    run 0 validate --help
    ;;
  jobs)
    start_sim
    jobs_scenario
    ;;
  *)
    fail "unknown scenario"
    ;;
esac
echo "ok ($scenario)"

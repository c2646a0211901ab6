#!/bin/sh
# Runs the built skylrctl binary: exit codes, output streams and messages of one scenario.
# Usage: skylrctl_test.sh SKYLRCTL DATA_DIR VERSION SCENARIO
set -u
skylrctl=$1 data=$2 version=$3 scenario=$4
golden=$data/golden/original-format
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL ($scenario): $*"; exit 1; }

# run EXPECTED_STATUS ARGS...: runs skylrctl, keeping stdout and stderr in $work.
run() {
  want_status=$1
  shift
  "$skylrctl" "$@" >"$work/out" 2>"$work/err"
  status=$?
  [ "$status" -eq "$want_status" ] || { cat "$work/err"; fail "skylrctl $* exited $status, expected $want_status"; }
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
  *)
    fail "unknown scenario"
    ;;
esac
echo "ok ($scenario)"

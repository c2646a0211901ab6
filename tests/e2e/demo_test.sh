#!/usr/bin/env bash
# Runs `scripts/demo --once` with the binaries of an existing build (no install, no build)
# and checks that it showed a new task answering through HAProxy after the scale, and that
# it left no process behind.
# Usage: demo_test.sh <scripts/demo> <build dir>
set -uo pipefail
demo=$1
build=$2

output=$(SKYLR_DEMO_BUILD_DIR=$build timeout 60 "$demo" --once 2>&1)
status=$?
echo "$output"
fail() { echo "FAIL: $*"; exit 1; }
[[ $status -eq 0 ]] || fail "scripts/demo --once exited with $status"
new_task=$(sed -n 's/^== the new task \([^ ]*\) answered through HAProxy$/\1/p' <<<"$output")
[[ -n $new_task ]] || fail "no new task was shown answering"
grep -qx "/web $new_task" <<<"$output" || fail "no answer from $new_task among the requests shown"
run_dir=$(sed -n 's|.*(log: \(/tmp/skylr-demo-[^/]*\)/skylrd.log).*|\1|p' <<<"$output")
[[ -n $run_dir && ! -e $run_dir ]] || fail "the demo's directory $run_dir was not removed"
if pgrep -f -- "$run_dir/" >/dev/null; then fail "processes using $run_dir are still running"; fi
echo "PASS: new task $new_task answered"

#!/usr/bin/env bash
# Installs libskylr from BUILD_DIR into a temporary prefix, builds examples/consumer against
# that install with find_package(skylr), and runs it on a test case.
# Usage: consumer_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build_dir=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
cmake -S "$source_dir/examples/consumer" -B "$work/build" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/build" >/dev/null

case_dir="$source_dir/tests/data/consumer"
"$work/build/backend-count" "$case_dir/config.json" "$case_dir/apps.json" >"$work/out.txt"
diff -u "$case_dir/expected.txt" "$work/out.txt"
echo "consumer built against the installed skylr package and printed the expected counts"

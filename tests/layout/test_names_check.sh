#!/usr/bin/env bash
# Checks that no doctest TEST_CASE name under TESTS_DIR holds a ';'. CTest registers each
# discovered test under its name as a CMake list, so "a; b" becomes two tests, "a" and
# " b", whose filters match nothing: they pass without running anything. Prints every
# offending name and exits 1 when there is one.
# Usage: test_names_check.sh TESTS_DIR
set -euo pipefail
tests=${1:?usage: test_names_check.sh TESTS_DIR}
if grep -rn --include='*.cpp' 'TEST_CASE("[^"]*;' "$tests"; then
  echo "test names above hold ';', which ctest splits into tests that run nothing"
  exit 1
fi
echo "test names ok"

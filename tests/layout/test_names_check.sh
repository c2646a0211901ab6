#!/usr/bin/env bash
# Checks that no doctest TEST_CASE name under TESTS_DIR holds a ';' (its string literals
# joined, over several lines too). CTest registers each discovered test under its name as a
# CMake list, so "a; b" becomes two tests, "a" and " b", whose filters match nothing: they
# pass without running anything. Prints every offending name and exits 1 when there is one.
# Usage: test_names_check.sh TESTS_DIR
set -euo pipefail
tests=${1:?usage: test_names_check.sh TESTS_DIR}
mapfile -t sources < <(find "$tests" -name '*.cpp' | sort)
offending=$(perl -0777 -ne '
  while (/TEST_CASE\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)/g) {
    my $name = $1;
    $name =~ s/"\s*"//g;
    print "$ARGV: $name\n" if $name =~ /;/;
  }' "${sources[@]}")
if [[ -n $offending ]]; then
  printf '%s\n' "$offending"
  echo "test names above hold ';', which ctest splits into tests that run nothing"
  exit 1
fi
echo "test names ok (${#sources[@]} files)"

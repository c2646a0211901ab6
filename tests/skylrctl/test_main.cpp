// The doctest entry point of skylrctl_tests (skylrctl's commands run in-process).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

// The doctest entry point of skylr_integration_tests (tests with the real HAProxy).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

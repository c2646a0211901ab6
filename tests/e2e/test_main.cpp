// The doctest entry point of skylr_e2e_tests (skylrd, marathon-sim and HAProxy as processes).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

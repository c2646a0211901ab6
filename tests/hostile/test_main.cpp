// The doctest entry point of skylr_hostile_tests. First the process moves into a mount
// namespace of its own with every mount private: the tmpfs mounts of the host-fault
// tests are then seen only by the test and the programs it starts (skylrd, HAProxy), and
// vanish with it. Without the privilege to do so (not root), those tests say so and
// check nothing.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <sched.h>
#include <sys/mount.h>

#include "hostile_support.h"

int main(int argc, char** argv) {
  bool private_mounts = ::unshare(CLONE_NEWNS) == 0 &&
                        ::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
  skylr::hostile::set_private_mounts(private_mounts);
  doctest::Context context(argc, argv);
  return context.run();
}

#include "deployment_watch.h"

#include <doctest/doctest.h>

namespace skylr {

TEST_CASE("skylr::progress_line") {
  using std::chrono::milliseconds;
  CHECK(progress_line({"d-1", "v", {"/web"}, 2, 3}, milliseconds(12345)) ==
        "deployment d-1: step 2 of 3 (12.3s)");
  CHECK(progress_line({"d-1", "", {}, 0, 0}, milliseconds(0)) == "deployment d-1: step ? of ? (0.0s)");
}

}  // namespace skylr

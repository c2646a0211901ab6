#include "config/update_fields.h"

#include <doctest/doctest.h>

namespace skylr::config {

TEST_CASE("skylr::config::check_update_fields") {
  CHECK(check_update_fields({"instances", "cpus", "mem", "disk", "gpus"}));
  CHECK(check_update_fields({}));
  Status refused = check_update_fields({"instances", "cmd"});
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message ==
        R"(job_updates.fields: "cmd" cannot be allowed; skylrd checks only instances, cpus, mem, disk, gpus)");
}

}  // namespace skylr::config

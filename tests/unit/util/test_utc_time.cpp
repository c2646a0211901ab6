#include "util/utc_time.h"

#include <doctest/doctest.h>

#include <string>

#include "scoped_time_zone.h"

namespace skylr::util {

TEST_CASE("skylr::util::iso_utc") {
  using std::chrono::system_clock;
  system_clock::time_point when{std::chrono::milliseconds(1796188792123)};
  CHECK(iso_utc(when) == "2026-12-02T05:19:52Z");
  CHECK(iso_utc(system_clock::time_point{}) == "1970-01-01T00:00:00Z");
  SUBCASE("UTC whatever the host's time zone") {
    testing::ScopedTimeZone tokyo("Asia/Tokyo");
    CHECK(iso_utc(when) == "2026-12-02T05:19:52Z");
  }
}

}  // namespace skylr::util

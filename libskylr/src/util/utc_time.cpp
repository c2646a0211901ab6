#include "util/utc_time.h"

#include <fmt/chrono.h>

namespace skylr::util {

// fmt 9 writes a time_point in local time: the UTC fields come from gmtime.
std::string iso_utc(std::chrono::system_clock::time_point when) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(when)));
}

}  // namespace skylr::util

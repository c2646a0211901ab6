#include "sim_clock.h"

#include <fmt/format.h>

#include <ctime>
#include <mutex>
#include <random>

namespace skylr::sim {

std::string iso_timestamp(std::chrono::system_clock::time_point time) {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  auto since_epoch = duration_cast<milliseconds>(time.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(since_epoch / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, since_epoch % 1000);
}

std::string now_timestamp() { return iso_timestamp(std::chrono::system_clock::now()); }

std::string uuid_v4() {
  static std::mutex mutex;
  static std::mt19937_64 engine{std::random_device{}()};
  std::uint64_t high = 0;
  std::uint64_t low = 0;
  {
    std::lock_guard lock(mutex);
    high = engine();
    low = engine();
  }
  high = (high & ~0xf000ULL) | 0x4000ULL;                               // version 4
  low = (low & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;          // RFC 4122 variant
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xffff,
                     high & 0xffff, low >> 48, low & 0xffffffffffffULL);
}

std::string new_task_id(std::string_view app_id) {
  std::string safe(app_id.substr(app_id.starts_with('/') ? 1 : 0));
  for (char& c : safe) {
    if (c == '/') c = '_';
  }
  return safe + "." + uuid_v4();
}

}  // namespace skylr::sim

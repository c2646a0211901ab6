// ScopedTimeZone: sets the process's TZ for a scope and puts the previous one back, so that
// tests can check that times come out in UTC whatever the host's time zone. Not thread-safe.
#pragma once

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace skylr::testing {

class ScopedTimeZone {
 public:
  explicit ScopedTimeZone(const char* zone) {
    if (const char* current = std::getenv("TZ")) saved_ = current;
    ::setenv("TZ", zone, 1);
    ::tzset();
  }
  ~ScopedTimeZone() {
    if (saved_) {
      ::setenv("TZ", saved_->c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }
  ScopedTimeZone(const ScopedTimeZone&) = delete;
  ScopedTimeZone& operator=(const ScopedTimeZone&) = delete;

 private:
  std::optional<std::string> saved_;
};

}  // namespace skylr::testing

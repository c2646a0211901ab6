// SharedConfig: the Skylr config in force, replaced whole on SIGHUP. Readers get a
// snapshot that stays valid while they hold it. Thread-safe.
#pragma once

#include <memory>
#include <mutex>

#include "skylr/config.h"

namespace skylr {

class SharedConfig {
 public:
  explicit SharedConfig(Config config) : current_(std::make_shared<const Config>(std::move(config))) {}

  // The config in force now.
  std::shared_ptr<const Config> get() const {
    std::lock_guard lock(mutex_);
    return current_;
  }

  // Puts `config` in force for every later get().
  void set(Config config) {
    auto next = std::make_shared<const Config>(std::move(config));
    std::lock_guard lock(mutex_);
    current_ = std::move(next);
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const Config> current_;
};

}  // namespace skylr

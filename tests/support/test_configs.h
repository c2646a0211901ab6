// Small Config values for tests that need a valid config without reading a file.
#pragma once

#include <string>

#include "skylr/config.h"

namespace skylr::testing {

// A config tracking one HTTP service `name` (Marathon app "/<name>") on `port`.
inline Config config_with_service(const std::string& name, int port = 3000) {
  Config config;
  ServiceConfig service;
  service.name = name;
  service.app_id = "/" + name;
  service.port = port;
  config.services[name] = service;
  return config;
}

}  // namespace skylr::testing

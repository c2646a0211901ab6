// Builders of config and Marathon values for the model, render and golden tests.
#pragma once

#include <string>

#include "skylr/config.h"

namespace skylr {

// An HTTP service `name` for the Marathon app "/<name>", listening on `port`.
inline ServiceConfig make_service(const std::string& name, int port) {
  ServiceConfig service;
  service.name = name;
  service.app_id = "/" + name;
  service.port = port;
  return service;
}

}  // namespace skylr

#include "api_error.h"

#include <fmt/format.h>

#include "json_out.h"

namespace skylr::sim {

ApiError message_error(int status, std::string_view message) {
  return {status, write_json([&](JsonWriter& out) {
            out.StartObject();
            write_member(out, "message", message);
            out.EndObject();
          })};
}

ApiError details_error(int status, std::string_view message, const std::vector<ErrorDetail>& details) {
  return {status, write_json([&](JsonWriter& out) {
            out.StartObject();
            write_member(out, "message", message);
            out.Key("details");
            out.StartArray();
            for (const auto& detail : details) {
              out.StartObject();
              write_member(out, "path", detail.path);
              out.Key("errors");
              write_strings(out, detail.errors);
              out.EndObject();
            }
            out.EndArray();
            out.EndObject();
          })};
}

ApiError app_not_found(std::string_view app_id) {
  return message_error(404, fmt::format("App '{}' does not exist", app_id));
}

ApiError app_exists(std::string_view app_id) {
  return message_error(409, fmt::format("An app with id [{}] already exists.", app_id));
}

ApiError task_not_found(std::string_view task_id) {
  return message_error(404, fmt::format("Task '{}' does not exist", task_id));
}

}  // namespace skylr::sim

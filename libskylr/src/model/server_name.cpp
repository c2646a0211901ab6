#include "model/server_name.h"

#include <fmt/format.h>

#include <cstdint>

namespace skylr::model {
namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == ':' || c == '-';
}

// True for the 8-4-4-4-12 hex digit form of a UUID.
bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash_here = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_here ? text[i] != '-' : !is_hex(text[i])) return false;
  }
  return true;
}

// 32-bit FNV-1a of `text`.
std::uint32_t fnv1a(std::string_view text) {
  std::uint32_t hash = 2166136261u;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

}  // namespace

std::string server_name(std::string_view task_id) {
  auto dot = task_id.rfind('.');
  if (dot != std::string_view::npos && is_uuid(task_id.substr(dot + 1))) {
    std::string name = "t-";  // not fmt: this runs once per task in every model
    name += task_id.substr(dot + 1);
    return name;
  }
  std::string name;
  bool changed = task_id.empty();
  for (char c : task_id) {
    changed = changed || !is_name_char(c);
    name += is_name_char(c) ? c : '_';
  }
  if (changed) name += fmt::format("{}{:08x}", name.empty() ? "t-" : "-", fnv1a(task_id));
  return name;
}

}  // namespace skylr::model

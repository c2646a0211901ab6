// normalize_app_id: Marathon app ids as absolute paths without empty segments.
#include "skylr/marathon.h"

namespace skylr {

std::string normalize_app_id(std::string_view id) {
  std::string out;
  out.reserve(id.size() + 1);
  out += '/';
  for (char c : id) {
    if (c == '/' && out.back() == '/') continue;
    out += c;
  }
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

}  // namespace skylr

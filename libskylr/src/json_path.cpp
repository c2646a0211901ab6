#include "json_path.h"

#include <fmt/format.h>

namespace skylr {
namespace {

// `key` as written in a path: control characters as \xHH, so that a path from untrusted
// input stays on one line of a log.
void append_key(std::string_view key, std::string& out) {
  for (char c : key) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
}

}  // namespace

void JsonPath::append_to(std::string& out) const {
  if (parent_ != nullptr) parent_->append_to(out);
  switch (kind_) {
    case Kind::kRoot:
      break;
    case Kind::kMember:
      if (!out.empty()) out += '.';
      append_key(key_, out);
      break;
    case Kind::kElement:
      out += '[';
      out += std::to_string(index_);
      out += ']';
      break;
  }
}

std::string JsonPath::str() const {
  std::string out;
  append_to(out);
  return out.empty() ? "(document)" : out;
}

}  // namespace skylr

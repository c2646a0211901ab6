#include "util/json_path.h"

#include <fmt/format.h>

namespace skylr::util {
namespace {

// Keys longer than this are cut in paths (and end in "..."), so that an error naming a
// key from untrusted input stays a short line.
constexpr std::size_t kMaxKeyShown = 64;

// `key` as written in a path: control characters as \xHH, so that a path from untrusted
// input stays on one line of a log; long keys cut.
void append_key(std::string_view key, std::string& out) {
  bool cut = key.size() > kMaxKeyShown;
  if (cut) key = key.substr(0, kMaxKeyShown);
  for (char c : key) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  if (cut) out += "...";
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

}  // namespace skylr::util

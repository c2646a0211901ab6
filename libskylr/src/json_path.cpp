#include "json_path.h"

namespace skylr {

void JsonPath::append_to(std::string& out) const {
  if (parent_ != nullptr) parent_->append_to(out);
  switch (kind_) {
    case Kind::kRoot:
      break;
    case Kind::kMember:
      if (!out.empty()) out += '.';
      out += key_;
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

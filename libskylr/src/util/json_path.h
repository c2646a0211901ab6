// JsonPath: where a value sits in a JSON document, e.g. `apps[3].tasks[0].ports[1]`.
// Paths are chains of stack frames built while a parser descends, so following a path
// costs nothing; the text is only formatted when an error is reported.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace skylr::util {

class JsonPath {
 public:
  // The document root.
  JsonPath() = default;

  // The member `key` of the object at this path. `key` must outlive the returned path.
  JsonPath member(std::string_view key) const { return JsonPath(this, key, 0, Kind::kMember); }

  // The element `index` of the array at this path.
  JsonPath element(std::size_t index) const { return JsonPath(this, {}, index, Kind::kElement); }

  // The path as text: "apps[3].tasks[0]"; the root is "(document)". Control characters
  // in keys are written as \xHH; keys over 64 bytes are cut and end in "...".
  std::string str() const;

 private:
  enum class Kind { kRoot, kMember, kElement };
  JsonPath(const JsonPath* parent, std::string_view key, std::size_t index, Kind kind)
      : parent_(parent), key_(key), index_(index), kind_(kind) {}
  void append_to(std::string& out) const;

  const JsonPath* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  Kind kind_ = Kind::kRoot;
};

}  // namespace skylr::util

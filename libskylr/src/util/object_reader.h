// Reading the config's JSON objects into structs while collecting every problem.
// `Problems` gathers one line per problem; `ObjectReader` wraps one JSON object with the
// table of keys it may hold, reports unknown keys (with a "did you mean") and duplicate
// keys, and reads typed members, recording what is wrong instead of stopping. The same
// mechanism reads every object of the config. Not thread-safe; one parse at a time.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "skylr/result.h"
#include "util/json_path.h"
#include "util/json_read.h"

namespace skylr::util {

// Every problem found in a config so far, in the order found.
class Problems {
 public:
  // Records an error whose message already starts with its key path.
  void add(const Error& error) { lines_.push_back(error.message); }

  // Records "<path>: <what>".
  void add(const JsonPath& path, std::string_view what);

  // True when nothing was recorded.
  bool empty() const { return lines_.empty(); }

  // All problems, one per line.
  Error error() const;

 private:
  std::vector<std::string> lines_;
};

// Whether a member must be present.
enum class Presence { kOptional, kRequired };

// The accepted range of an integer member.
struct IntRange {
  int min;
  int max;
};

// The accepted range of a number member.
struct NumberRange {
  double min;
  double max;
};

// A content check for a string member: nullopt when acceptable, else what is wrong
// ("must not be empty").
using StringCheck = std::optional<std::string> (*)(std::string_view);

// One accepted spelling of an enumerated member and the value it stands for.
template <typename T>
struct Choice {
  std::string_view name;
  T value;
};

// `text` as a JSON-style quoted string with control characters escaped, for messages.
std::string quote(std::string_view text);

// The string `value` at `path` if it is a string passing `check` (may be null); else
// nullopt, with the problem recorded.
std::optional<std::string> accept_string(const rapidjson::Value& value, const JsonPath& path,
                                         StringCheck check, Problems& problems);

// The problem "expected <what>, got <quote(text)> (<reason>)" for a string that is not in
// the notation `what`.
std::string unparsed_message(std::string_view what, std::string_view text, const Error& reason);

// One JSON object of the config being read.
class ObjectReader {
 public:
  // Starts reading `value` at `path`. Records a type error when it is not an object, an
  // "unknown key" problem for each member not in `known` and a problem for each repeated
  // key. An empty `known` accepts every key (maps such as `services`).
  ObjectReader(const rapidjson::Value& value, JsonPath path,
               std::span<const std::string_view> known, Problems& problems);

  // False when the value is not an object; then every read finds nothing.
  bool valid() const { return value_.IsObject(); }
  // The JSON value being read, its path and where its problems go.
  const rapidjson::Value& value() const { return value_; }
  const JsonPath& path() const { return path_; }
  Problems& problems() const { return problems_; }

  // The member `key`, or nullptr when absent or null ("required key is missing" is
  // recorded when it is required).
  const rapidjson::Value* find(std::string_view key, Presence presence = Presence::kOptional) const;

  // The member `key` read as an object with the keys `known`; nullopt when absent.
  std::optional<ObjectReader> object(std::string_view key, std::span<const std::string_view> known,
                                     Presence presence = Presence::kOptional) const;

  // Calls fn(element, element_path) for each element of the array member `key`. Returns the
  // array's size, or nullopt when it is absent or not an array (a problem is recorded).
  template <typename Fn>
  std::optional<std::size_t> for_each(std::string_view key, Presence presence, Fn fn) const;

  // Reads the member `key` into `out` when present and valid; otherwise records the problem
  // and leaves `out` as it was.
  void read(std::string_view key, std::string& out, StringCheck check = nullptr,
            Presence presence = Presence::kOptional) const;
  void read(std::string_view key, std::optional<std::string>& out, StringCheck check) const;
  void read(std::string_view key, int& out, IntRange range,
            Presence presence = Presence::kOptional) const;
  void read(std::string_view key, std::optional<int>& out, IntRange range) const;
  void read(std::string_view key, bool& out) const;
  void read(std::string_view key, double& out, NumberRange range) const;

  // Reads the string member `key` through `parse` into `out`; a failure is recorded as
  // unparsed_message(what, ...).
  template <typename T>
  void read_parsed(std::string_view key, T& out, std::string_view what,
                   Result<T> (*parse)(std::string_view)) const {
    std::optional<std::string> text = read_string(key, nullptr, Presence::kOptional);
    if (!text) return;
    Result<T> parsed = parse(*text);
    if (!parsed.ok()) {
      return problems_.add(path_.member(key), unparsed_message(what, *text, parsed.error()));
    }
    out = std::move(parsed).value();
  }

  // Reads the member `key`, which must be one of the names in `choices`, into `out`.
  template <typename Out, typename T, std::size_t N>
  void read_choice(std::string_view key, Out& out, const Choice<T> (&choices)[N]) const {
    std::string_view names[N];
    for (std::size_t i = 0; i < N; ++i) names[i] = choices[i].name;
    if (auto index = choice_index(key, names)) out = choices[*index].value;
  }

  // Reads the member `key`, which must be one of `names`, into `out`.
  void read_choice(std::string_view key, std::string& out, std::span<const std::string_view> names) const {
    if (auto index = choice_index(key, names)) out = names[*index];
  }

 private:
  std::optional<std::size_t> choice_index(std::string_view key,
                                          std::span<const std::string_view> names) const;
  const rapidjson::Value* find_array(std::string_view key, Presence presence) const;
  std::optional<std::string> read_string(std::string_view key, StringCheck check,
                                         Presence presence) const;
  std::optional<int> read_int(std::string_view key, IntRange range, Presence presence) const;
  void check_keys(std::span<const std::string_view> known) const;

  const rapidjson::Value& value_;
  JsonPath path_;
  Problems& problems_;
};

template <typename Fn>
std::optional<std::size_t> ObjectReader::for_each(std::string_view key, Presence presence,
                                                  Fn fn) const {
  const rapidjson::Value* array = find_array(key, presence);
  if (array == nullptr) return std::nullopt;
  JsonPath array_path = path_.member(key);
  for (rapidjson::SizeType i = 0; i < array->Size(); ++i) fn((*array)[i], array_path.element(i));
  return array->Size();
}

}  // namespace skylr::util

// Parsing Marathon's large answers (`GET /v2/apps?embed=apps.tasks` is tens of MB on big
// clusters) into a document that holds only what Skylr's readers use. A filter sits
// between RapidJSON's reader and the document: members that the schema does not name are
// parsed (so the whole text is still checked) but never stored, so the document is a
// fraction of the body's size and the body is not copied. What the readers see is
// unchanged: kept members keep their values, order and duplicates, array elements are
// never dropped, and a value of another type than its schema expects (an app that is not
// an object) is kept whole for the readers to report.
#pragma once

#include <rapidjson/document.h>

#include <array>
#include <span>
#include <string_view>

#include "skylr/result.h"

namespace skylr::marathon {

struct JsonSchema;

// The schema of the value of one kept member.
struct SchemaChild {
  std::string_view key;
  const JsonSchema* schema;
};

// Which parts of a JSON value are stored.
struct JsonSchema {
  enum Kind { kObject, kArray };
  Kind kind;
  std::span<const std::string_view> keys;  // objects: the members kept
  std::span<const SchemaChild> children;   // objects: kept members whose values are filtered too
  const JsonSchema* elements = nullptr;    // arrays: the schema of every element
};

// Parses `body`, an object whose member `key` holds a value of `schema`, into `document`,
// keeping only `key` at the top level and what `schema` names below it. Like parse_json,
// a raw NUL ends the text, and nesting depth cannot exhaust the stack. Fails with
// "<key>: invalid JSON at line L, column C: <reason>".
Status parse_marathon_answer(std::string_view body, std::string_view key, const JsonSchema& schema,
                             rapidjson::Document& document);

// The keys of `a` followed by those of `b`, for schemas made of several readers' keys.
template <std::size_t A, std::size_t B>
constexpr std::array<std::string_view, A + B> join_keys(const std::array<std::string_view, A>& a,
                                                        const std::array<std::string_view, B>& b) {
  std::array<std::string_view, A + B> keys{};
  for (std::size_t i = 0; i < A; ++i) keys[i] = a[i];
  for (std::size_t i = 0; i < B; ++i) keys[A + i] = b[i];
  return keys;
}

}  // namespace skylr::marathon

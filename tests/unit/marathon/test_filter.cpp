// parse_marathon_answer: which members a schema keeps, and that everything the readers
// might report (order, duplicates, values of unexpected types, syntax errors) survives.
#include "marathon/filter.h"

#include <doctest/doctest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <string>
#include <string_view>

namespace skylr::marathon {
namespace {

using namespace std::string_view_literals;

constexpr std::array<std::string_view, 1> kInnerKeys = {"keep"};
constexpr JsonSchema kInner{JsonSchema::kObject, kInnerKeys, {}};
constexpr JsonSchema kInnerArray{JsonSchema::kArray, {}, {}, &kInner};
constexpr std::array<std::string_view, 3> kItemKeys = {"id", "whole", "inner"};
constexpr std::array<SchemaChild, 1> kItemChildren = {SchemaChild{"inner", &kInnerArray}};
constexpr JsonSchema kItem{JsonSchema::kObject, kItemKeys, kItemChildren};
constexpr JsonSchema kItems{JsonSchema::kArray, {}, {}, &kItem};

struct Case {
  std::string_view body;
  std::string_view expected;  // the stored document as compact JSON, or the error
};

std::string stored(std::string_view body) {
  rapidjson::Document document;
  Status status = parse_marathon_answer(body, "items", kItems, document);
  if (!status) return status.error().message;
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  document.Accept(writer);
  return buffer.GetString();
}

TEST_CASE("skylr::marathon::parse_marathon_answer") {
  const Case cases[] = {
      // Only the answer's key at the top; only named members in items and inner objects.
      {R"({"other":{"x":[1,{"y":2}]},"items":[{"id":"a","cmd":"sleep","whole":{"any":[1,"2"]},
          "inner":[{"keep":1,"drop":{"deep":[[]]}},{"drop":null}]}],"tail":1})",
       R"({"items":[{"id":"a","whole":{"any":[1,"2"]},"inner":[{"keep":1},{}]}]})"},
      // Order and duplicates of kept members stay; dropped scalars of every type vanish.
      {R"({"items":[{"x":true,"id":"b","y":1.5,"id":null,"z":-1,"w":"s","v":18446744073709551615}]})",
       R"({"items":[{"id":"b","id":null}]})"},
      // Values of other types than the schema expects are kept whole.
      {R"({"items":{"drop":1}})", R"({"items":{"drop":1}})"},
      {R"({"items":["x",[{"drop":1}],null]})", R"({"items":["x",[{"drop":1}],null]})"},
      {R"({"items":[{"inner":{"drop":1}}]})", R"({"items":[{"inner":{"drop":1}}]})"},
      {R"([{"drop":1}])", R"([{"drop":1}])"},
      {R"("text")", R"("text")"},
      {R"({})", R"({})"},
      // Syntax errors anywhere, dropped parts included, in parse_json's words.
      {R"({"other":[1,}, "items":[]})", "items: invalid JSON at line 1, column 13: Invalid value."},
      {R"({"items":[{"drop":tru}]})", "items: invalid JSON at line 1, column 22: Invalid value."},
      {R"({"items":[]} x)", "items: invalid JSON at line 1, column 14: The document root must not be followed by other values."},
      // A raw NUL ends the text.
      {"{\"items\":[]}\0trailing"sv, R"({"items":[]})"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.body);
    CHECK(stored(c.body) == c.expected);
  }
}

TEST_CASE("skylr::marathon::join_keys") {
  constexpr std::array<std::string_view, 2> a = {"a", "b"};
  constexpr std::array<std::string_view, 1> b = {"c"};
  CHECK(join_keys(a, b) == std::array<std::string_view, 3>{"a", "b", "c"});
}

}  // namespace
}  // namespace skylr::marathon

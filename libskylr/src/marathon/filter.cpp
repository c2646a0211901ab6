#include "marathon/filter.h"

#include <rapidjson/encodedstream.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "util/json_read.h"

namespace skylr::marathon {

using util::parse_json;
namespace {

// A RapidJSON SAX handler forwarding to a document every event outside dropped members.
class Filter {
 public:
  Filter(rapidjson::Document& out, const JsonSchema& root) : out_(out), root_(root) {}

  bool Null() { return scalar([&] { return out_.Null(); }); }
  bool Bool(bool b) { return scalar([&] { return out_.Bool(b); }); }
  bool Int(int i) { return scalar([&] { return out_.Int(i); }); }
  bool Uint(unsigned u) { return scalar([&] { return out_.Uint(u); }); }
  bool Int64(std::int64_t i) { return scalar([&] { return out_.Int64(i); }); }
  bool Uint64(std::uint64_t u) { return scalar([&] { return out_.Uint64(u); }); }
  bool Double(double d) { return scalar([&] { return out_.Double(d); }); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) {
    return scalar([&] { return out_.RawNumber(s, n, copy); });
  }
  bool String(const char* s, rapidjson::SizeType n, bool copy) {
    return scalar([&] { return out_.String(s, n, copy); });
  }
  bool StartObject() { return !open(JsonSchema::kObject) || out_.StartObject(); }
  bool StartArray() { return !open(JsonSchema::kArray) || out_.StartArray(); }
  bool EndObject(rapidjson::SizeType) {
    return close([&](rapidjson::SizeType kept) { return out_.EndObject(kept); });
  }
  bool EndArray(rapidjson::SizeType) {
    return close([&](rapidjson::SizeType kept) { return out_.EndArray(kept); });
  }
  bool Key(const char* s, rapidjson::SizeType n, bool copy);

 private:
  struct Frame {
    const JsonSchema* schema;      // nullptr: kept whole
    rapidjson::SizeType kept = 0;  // members or elements forwarded
    bool array;
  };

  // The schema of the value starting now; counts it when it is an element of an array.
  const JsonSchema* next_schema() {
    if (frames_.empty()) return &root_;
    Frame& top = frames_.back();
    if (!top.array) return pending_;
    ++top.kept;
    return top.schema != nullptr ? top.schema->elements : nullptr;
  }

  template <typename Forward>
  bool scalar(Forward forward) {
    if (dropping_) {
      dropping_ = drop_depth_ > 0;
      return true;
    }
    next_schema();
    return forward();
  }

  // Starts a container; false when it is inside a dropped member.
  bool open(JsonSchema::Kind kind) {
    if (dropping_) {
      ++drop_depth_;
      return false;
    }
    const JsonSchema* schema = next_schema();
    if (schema != nullptr && schema->kind != kind) schema = nullptr;  // the readers report it
    frames_.push_back({schema, 0, kind == JsonSchema::kArray});
    return true;
  }

  template <typename Forward>
  bool close(Forward forward) {
    if (dropping_) {
      dropping_ = --drop_depth_ > 0;
      return true;
    }
    rapidjson::SizeType kept = frames_.back().kept;
    frames_.pop_back();
    return forward(kept);
  }

  // Whether the member `key` of an object of `schema` is kept; sets the schema of its value.
  bool keep_member(const JsonSchema* schema, std::string_view key) {
    pending_ = nullptr;
    if (schema == nullptr) return true;
    if (std::find(schema->keys.begin(), schema->keys.end(), key) == schema->keys.end()) return false;
    for (const SchemaChild& child : schema->children) {
      if (child.key == key) pending_ = child.schema;
    }
    return true;
  }

  rapidjson::Document& out_;
  const JsonSchema& root_;
  std::vector<Frame> frames_;
  const JsonSchema* pending_ = nullptr;  // the schema of the value of the last key kept
  bool dropping_ = false;                // inside a member that is not kept
  int drop_depth_ = 0;                   // containers open inside the dropped member
};

bool Filter::Key(const char* s, rapidjson::SizeType n, bool copy) {
  if (dropping_) return true;
  Frame& top = frames_.back();
  if (!keep_member(top.schema, std::string_view(s, n))) {
    dropping_ = true;
    drop_depth_ = 0;
    return true;
  }
  ++top.kept;
  return out_.Key(s, n, copy);
}

}  // namespace

Status parse_marathon_answer(std::string_view body, std::string_view key, const JsonSchema& schema,
                             rapidjson::Document& document) {
  const std::array<std::string_view, 1> keys = {key};
  const std::array<SchemaChild, 1> children = {SchemaChild{key, &schema}};
  const JsonSchema root{JsonSchema::kObject, keys, children};
  constexpr unsigned kFlags = rapidjson::kParseDefaultFlags | rapidjson::kParseIterativeFlag;
  bool parsed = false;
  auto generate = [&](rapidjson::Document& handler) {
    rapidjson::MemoryStream memory(body.data(), body.size());
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> input(memory);
    Filter filter(handler, root);
    rapidjson::Reader reader;
    parsed = !reader.Parse<kFlags>(input, filter).IsError();
    return parsed;
  };
  document.Populate(generate);
  if (parsed) return {};
  auto failure = parse_json(body, key);  // the same failure, told in its words
  if (!failure) return failure.error();
  document = std::move(*failure);
  return {};
}

}  // namespace skylr::marathon

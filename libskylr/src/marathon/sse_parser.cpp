#include "skylr/sse_parser.h"

#include <fmt/format.h>

namespace skylr {

SseParser::SseParser(std::size_t max_line_bytes) : max_line_bytes_(max_line_bytes) {}

Status SseParser::feed(std::string_view chunk, std::vector<SseEvent>& out) {
  for (char c : chunk) {
    if (skip_lf_) {
      skip_lf_ = false;
      if (c == '\n') continue;
    }
    if (c == '\r' || c == '\n') {
      skip_lf_ = c == '\r';
      if (Status status = end_line(out); !status) return status;
      continue;
    }
    if (line_.size() >= max_line_bytes_) {
      return Error{fmt::format("event stream: line longer than {} bytes", max_line_bytes_)};
    }
    line_ += c;
  }
  return {};
}

Status SseParser::end_line(std::vector<SseEvent>& out) {
  if (line_.empty()) {
    if (has_data_) {
      out.push_back(std::move(pending_));
    } else {
      ++heartbeats_;
    }
    pending_ = SseEvent{};
    has_data_ = false;
    return {};
  }
  std::string_view line = line_;
  std::size_t colon = line.find(':');
  std::string_view field = line.substr(0, colon);
  std::string_view value = colon == std::string_view::npos ? std::string_view{} : line.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (colon != 0) apply_field(field, value);  // a leading ':' marks a comment
  line_.clear();
  if (pending_.data.size() > max_line_bytes_) {
    return Error{fmt::format("event stream: event data longer than {} bytes", max_line_bytes_)};
  }
  return {};
}

void SseParser::apply_field(std::string_view field, std::string_view value) {
  if (field == "event") {
    pending_.type = value;
  } else if (field == "data") {
    if (has_data_) pending_.data += '\n';
    pending_.data += value;
    has_data_ = true;
  }
}

}  // namespace skylr

// SseParser: turns the bytes of a server-sent-events stream (Marathon's GET /v2/events)
// into events. Pure and incremental: feed it chunks as they arrive, split anywhere.
// Lines end with CRLF, LF or CR; `data` lines are joined with '\n'; comments and
// unknown fields are ignored. A line longer than the limit fails the stream, so an
// endless line cannot exhaust memory. Not thread-safe: one parser per stream.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "skylr/result.h"

namespace skylr {

// One dispatched event.
struct SseEvent {
  std::string type = "message";  // the `event` field
  std::string data;              // `data` lines joined with '\n'
};

class SseParser {
 public:
  // `max_line_bytes` bounds one line and one event's data.
  explicit SseParser(std::size_t max_line_bytes = 4u << 20);

  // Parses `chunk`, appending every event it completes to `out`. Fails once a line or
  // an event exceeds the limit; the parser must then be discarded.
  Status feed(std::string_view chunk, std::vector<SseEvent>& out);

  // Blank lines seen that dispatched nothing (Marathon's heartbeats), since construction.
  std::size_t heartbeats() const { return heartbeats_; }

 private:
  Status end_line(std::vector<SseEvent>& out);
  void apply_field(std::string_view field, std::string_view value);

  std::size_t max_line_bytes_;
  std::string line_;
  bool skip_lf_ = false;  // the previous chunk ended with CR; a leading LF belongs to it
  bool has_data_ = false;
  SseEvent pending_;
  std::size_t heartbeats_ = 0;
};

}  // namespace skylr

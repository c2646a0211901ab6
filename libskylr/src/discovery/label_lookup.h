// Looking up one app port's marathon-lb labels: HAPROXY_{n}_<suffix> (or the app-wide
// HAPROXY_<suffix> where marathon-lb allows it), each label read remembered for the
// explanation, the labels Skylr refuses found, and the value readers every setting shares.
// Pure; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "skylr/marathon.h"

namespace skylr::discovery {

// The labels of port `index` of `app` (which must outlive it).
class PortLabels {
 public:
  PortLabels(const App& app, int index);

  // The value of HAPROXY_{n}_<suffix>, or of HAPROXY_<suffix> when `app_wide` allows it;
  // nullptr when neither is set. A label found is remembered as read.
  const std::string* find(std::string_view suffix, bool app_wide = false);

  // The first label of this port (or app-wide) Skylr refuses, with why: a template of raw
  // HAProxy text, or a label it does not read; empty when none.
  std::string refused() const;

  // The labels read so far, handed over.
  std::vector<std::pair<std::string, std::string>> take_read() { return std::move(read_); }

  // "HAPROXY_<n>_".
  const std::string& prefix() const { return prefix_; }

 private:
  const App& app_;
  std::string prefix_;
  std::vector<std::pair<std::string, std::string>> read_;
};

// "label HAPROXY_<n>_<suffix>: <what>", the reason a port is refused.
std::string bad_label(const PortLabels& labels, std::string_view suffix, std::string_view what);

// Reads "true"/"false" (any case) into `out` when the label is set; the reason when it is
// neither.
std::optional<std::string> read_bool(PortLabels& labels, std::string_view suffix, bool& out);

// Reads an integer in [low, high] into `out` when the label is set; the reason when it is
// not one.
std::optional<std::string> read_int(PortLabels& labels, std::string_view suffix, int low, int high, int& out);

// `text` in ASCII lower case.
std::string lower_case(std::string_view text);

// `text` split at any of `separators`, empty pieces dropped.
std::vector<std::string> split(std::string_view text, std::string_view separators);

}  // namespace skylr::discovery

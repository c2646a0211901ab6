// What the fuzz targets share: the input as text, a fixed config with a service of every
// kind (for targets that fuzz only Marathon's side), and checks that abort with a message
// when an invariant breaks, so that libFuzzer and the replay test both report it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "skylr/config.h"
#include "skylr/result.h"

namespace skylr::fuzz {

// The fuzzer's bytes as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Prints `what` and `detail` to stderr and aborts.
[[noreturn]] void fail(std::string_view what, std::string_view detail);

// Aborts with `what` unless `condition` holds.
inline void require(bool condition, std::string_view what, std::string_view detail = {}) {
  if (!condition) fail(what, detail);
}

// Aborts unless `error` is fit to log: non-empty, at most `max_bytes`, without control
// characters (a '\n' only when `multi_line`).
void require_loggable(const Error& error, std::size_t max_bytes, bool multi_line = false);

// Aborts when `violations` (from rendered_config_violations) is not empty.
void require_no_violations(const std::vector<std::string>& violations, const std::string& text);

// A valid config with services /web (basic auth), /grp/api (port index 1, HTTP check),
// /db (TCP, backend_port 5432) and /raw (no checks, Marathon health ignored), and stats.
const Config& fixed_config();

// The two parts of a render input: the config text before the first NUL byte (nullopt
// when there is none: the fixed config applies) and the apps text after it.
std::pair<std::optional<std::string_view>, std::string_view> split_render_input(
    std::string_view input);

}  // namespace skylr::fuzz

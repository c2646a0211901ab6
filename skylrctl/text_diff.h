// Unified diffs of two texts, line by line, in the format of `diff -u`: for showing what a
// new HAProxy configuration would change before it is applied (`skylrctl regenerate
// --dry-run`). The diff is minimal (Myers' algorithm) unless the texts differ in more
// than kMaxDiffEdits lines, where the differing middle is shown as removed and added
// whole. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace skylr {

// Beyond this many added plus removed lines the diff is no longer minimised.
inline constexpr std::size_t kMaxDiffEdits = 2000;

// The unified diff turning `old_text` into `new_text`, headed "--- <old_name>" and
// "+++ <new_name>", with `context` unchanged lines around each change, or "" when the
// texts are equal. A last line without a newline is marked "\ No newline at end of file".
std::string unified_diff(std::string_view old_text, std::string_view new_text, std::string_view old_name,
                         std::string_view new_name, std::size_t context = 3);

}  // namespace skylr

// "Did you mean" suggestions for misspelt keys: the Levenshtein edit distance between two
// keys and the known key closest to an unknown one. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace skylr::util {

// The number of single-character insertions, deletions and substitutions that turn `a`
// into `b` (case-sensitive).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The entry of `known` that `key` was probably meant to be: one equal to it ignoring case,
// else the first one at the smallest edit distance if that distance is at most 2.
// nullopt when no entry is that close.
std::optional<std::string_view> closest_key(std::string_view key,
                                            std::span<const std::string_view> known);

}  // namespace skylr::util

// Reading the text HAProxy prints (its stdout and stderr, CLI answers, pid files).
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace skylr::haproxy {

// `output` without HAProxy's [NOTICE] banner lines (version, path of the executable) and
// without surrounding blank space; empty when nothing else is left.
std::string haproxy_messages(std::string_view output);

// The words of `text`, separated by any run of spaces, tabs and line ends.
std::vector<std::string_view> split_words(std::string_view text);

}  // namespace skylr::haproxy

// one_line: free text (HAProxy's messages, config problems, Marathon's errors) made to fit
// one line of a log, a /health reason or a row of `skylrctl status`. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace skylr {

// The lines of `text` (split at "\n", "\r\n" or "\r"), without trailing whitespace;
// blank lines left out.
std::vector<std::string_view> text_lines(std::string_view text);

// `text` on one line: its text_lines joined with " | ", every control character left in
// them written as \xNN.
std::string one_line(std::string_view text);

}  // namespace skylr

// Cutting text into lines, for the line-based texts Skylr reads (HAProxy's answers and
// configuration, crt-lists, PEM files). Views into the text, which must outlive them. Pure.
#pragma once

#include <string_view>
#include <vector>

namespace skylr::util {

// The lines of `text` without their '\n' ends; a last line without one counts too, and an
// empty text has none.
std::vector<std::string_view> lines_of(std::string_view text);

// The lines of `text` that hold more than spaces and tabs, without their line ends ("\n" or
// "\r\n").
std::vector<std::string_view> non_blank_lines(std::string_view text);

}  // namespace skylr::util

// The fuzz targets' invariant on rendered HAProxy configurations: every line is one the
// renderer means to write. A line is blank, a comment, a known section header, or four
// spaces and a known directive whose every word has the expected form (names, numbers,
// host:port, tokens without whitespace, quotes, backslashes or '#'); each service has
// one frontend on its port; every server line names an address and port of a running
// task of the service's app that Marathon does not report dead. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "skylr/config.h"
#include "skylr/marathon.h"

namespace skylr::fuzz {

// The violations found in `text`, rendered for `config` from `apps`, one sentence each
// naming the line; empty when the text is well formed.
std::vector<std::string> rendered_config_violations(const Config& config,
                                                    const std::vector<App>& apps,
                                                    const std::string& text);

// True when `host` is what a server or bind line may carry: an IPv4 or IPv6 literal, or
// a DNS name whose labels are non-empty runs of [A-Za-z0-9_-] (a trailing dot allowed).
bool is_renderable_host(const std::string& host);

}  // namespace skylr::fuzz

// The status page of GET /: what /health and /status say, for a person. The page is
// rendered whole on the server, so a client without JavaScript (and `chromium
// --dump-dom`) sees the data; its small inline script then fetches the main part again
// (GET /?view=main) every few seconds and swaps it in. One renderer serves both, and
// every text from Marathon, HAProxy or the config (app ids, hosts, task ids, messages) is
// HTML-escaped in it. Nothing is loaded from elsewhere: the style and the script are
// inline. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "protocol/status.h"
#include "status_board.h"

namespace skylr {

// How often the page's script fetches the main part again.
inline constexpr int kStatusPageRefreshSeconds = 2;

// The main part of the page: health and its reasons, the last sync, apply, reload and
// config re-read, HAProxy, problems, each service with its servers (slot, address, task,
// live or draining), and the recent events, newest first.
std::string status_page_main(const protocol::SkylrdStatus& status, const Health& health);

// The whole page: head (viewport, style), the main part, and the refreshing script.
std::string status_page(const protocol::SkylrdStatus& status, const Health& health);

// `text` with &, <, >, " and ' written as HTML character references.
std::string html_escape(std::string_view text);

}  // namespace skylr

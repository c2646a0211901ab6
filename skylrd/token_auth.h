// Bearer tokens for skylrd's job-update endpoints: reading the token a caller presents,
// matching it against the configured tokens without leaking through timing which one is
// close. Secrets never appear in error messages. Pure; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skylr/config.h"

namespace skylr {

// The token of an Authorization header value "Bearer <token>" (scheme in any case, spaces
// around the token ignored), or nullopt for another scheme or an empty token.
std::optional<std::string_view> bearer_token(std::string_view authorization);

// The name of the token in `tokens` whose secret is `presented`, or nullopt. Every secret
// is compared, each over the whole of `presented`, so the time taken depends only on the
// number of tokens and the presented length, not on where or whether a secret differs.
std::optional<std::string> match_token(const std::vector<ApiToken>& tokens, std::string_view presented);

}  // namespace skylr

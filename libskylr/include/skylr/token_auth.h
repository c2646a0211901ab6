// Bearer tokens for skylrd's job-update endpoints: reading the token a caller presents,
// matching it against the configured tokens without leaking through timing which one is
// close, and the tokens file (`job_updates.tokens_file`), one "name:secret" per line.
// Secrets never appear in error messages. Pure except load_tokens_file; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skylr/config.h"
#include "skylr/file_system.h"
#include "skylr/result.h"

namespace skylr {

// The token of an Authorization header value "Bearer <token>" (scheme in any case, spaces
// around the token ignored), or nullopt for another scheme or an empty token.
std::optional<std::string_view> bearer_token(std::string_view authorization);

// The name of the token in `tokens` whose secret is `presented`, or nullopt. Every secret
// is compared, each over the whole of `presented`, so the time taken depends only on the
// number of tokens and the presented length, not on where or whether a secret differs.
std::optional<std::string> match_token(const std::vector<ApiToken>& tokens, std::string_view presented);

// The tokens of a tokens file's `text`: "name:secret" lines; blank lines and lines starting
// with '#' are skipped, spaces around name and secret ignored. Fails listing every bad line
// ("line 3: expected name:secret", "line 4: secret of \"ci\": must be at least 16
// characters long", "line 5: \"ci\" is already the name of a token"), where names already
// taken are those of `earlier` and of the lines before.
Result<std::vector<ApiToken>> parse_tokens_file(std::string_view text, const std::vector<ApiToken>& earlier);

// Adds the tokens of `updates.tokens_file`, when set, to `updates.tokens`. Fails when the
// file cannot be read or with parse_tokens_file's problems, each prefixed with
// "job_updates.tokens_file: <path>: ".
Status load_tokens_file(FileSystem& fs, JobUpdateConfig& updates);

}  // namespace skylr

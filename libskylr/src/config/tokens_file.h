// The tokens file of job_updates (`job_updates.tokens_file`): one "name:secret" per
// line, read when skylrd loads its configuration. Secrets never appear in error
// messages. Pure except load_tokens_file; thread-compatible.
#pragma once

#include <string_view>
#include <vector>

#include "skylr/config.h"
#include "skylr/file_system.h"
#include "skylr/result.h"

namespace skylr::config {

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

}  // namespace skylr::config

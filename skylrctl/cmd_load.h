// Reading the input files of skylrctl's commands, and telling the operator what a model
// left out. Errors come back as lines ready for stderr, each starting with the file's
// name, e.g. `skylr.json: services.web.port: expected an integer 1-65535, got "80"`.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "skylr/config.h"
#include "skylr/marathon.h"
#include "skylr/model.h"
#include "skylr/result.h"

namespace skylr {

// The validated config in file `path`; fails with every problem, one per line, each
// prefixed with "<path>: ".
Result<Config> load_config(const std::string& path);

// The apps of a saved `GET /v2/apps?embed=apps.tasks` answer in file `path`; fails naming
// the file and the first bad value.
Result<std::vector<App>> load_apps(const std::string& path);

// Writes to `err` a warning line per listed service (`services`) whose app Marathon does
// not have, and per problem of the model (a task left out, a port label discovery refused).
void report_left_out(const Config& config, const Model& model, std::ostream& err);

// The value of `result`, or nullopt after writing its error and a newline to `err`.
template <typename T>
std::optional<T> value_or_report(Result<T> result, std::ostream& err) {
  if (result) return std::move(*result);
  err << result.error().message << '\n';
  return std::nullopt;
}

}  // namespace skylr

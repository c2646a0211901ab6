#include "cmd_load.h"

#include <fmt/format.h>

#include <string_view>

#include "skylr/file_system.h"

namespace skylr {
namespace {

// `error` with "<path>: " before each of its lines.
Error in_file(const std::string& path, const Error& error) {
  std::string message;
  std::string_view rest = error.message;
  while (!rest.empty()) {
    std::size_t end = rest.find('\n');
    if (!message.empty()) message += '\n';
    message += fmt::format("{}: {}", path, rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  return Error{message};
}

// The file at `path` read and parsed by `parse`.
template <typename T>
Result<T> load(const std::string& path, Result<T> (*parse)(std::string_view)) {
  auto text = local_file_system().read_file(path);
  if (!text) return text.error();
  auto value = parse(*text);
  if (!value) return in_file(path, value.error());
  return value;
}

}  // namespace

Result<Config> load_config(const std::string& path) { return load(path, parse_config); }

Result<std::vector<App>> load_apps(const std::string& path) { return load(path, parse_apps); }

}  // namespace skylr

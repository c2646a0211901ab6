#include "cmd_load.h"

#include "skylr/config_file.h"
#include "skylr/file_system.h"

namespace skylr {

Result<Config> load_config(const std::string& path) {
  return load_config_file(local_file_system(), path);
}

Result<std::vector<App>> load_apps(const std::string& path) {
  auto text = local_file_system().read_file(path);
  if (!text) return text.error();
  auto apps = parse_apps(*text);
  if (!apps) return prefix_lines(path, apps.error());
  return apps;
}

}  // namespace skylr

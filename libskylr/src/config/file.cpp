// load_config_file: the config file read and parsed.
#include "skylr/config.h"

namespace skylr {

Result<Config> load_config_file(FileSystem& fs, const std::string& path) {
  Result<std::string> text = fs.read_file(path);
  if (!text) return text.error();
  Result<Config> config = parse_config(*text);
  if (!config) return prefix_lines(path, config.error());
  return config;
}

}  // namespace skylr

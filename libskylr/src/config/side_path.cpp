#include "config/side_path.h"

#include <fmt/format.h>

#include <filesystem>

#include "config/strings.h"

namespace skylr::config {

std::string beside_config(const std::string& config_destination, std::string_view name) {
  std::filesystem::path directory = std::filesystem::path(config_destination).parent_path();
  return (directory / name).string();
}

void read_side_path(const util::ObjectReader& section, std::string_view key, std::string& path) {
  if (section.find(key) != nullptr) return section.read(key, path, check_plain_path);
  if (auto problem = check_plain_path(path)) {
    section.problems().add(section.path().member(key),
                           fmt::format("{} (the default beside config_destination is {})", *problem, util::quote(path)));
  }
}

}  // namespace skylr::config

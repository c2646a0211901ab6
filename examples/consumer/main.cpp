// backend-count: prints, for each service of a Skylr config, how many Marathon tasks
// HAProxy would route to, given a saved `GET /v2/apps?embed=apps.tasks` answer.
// Usage: backend-count CONFIG APPS
#include <skylr/config.h>
#include <skylr/marathon.h>
#include <skylr/model.h>

#include <fstream>
#include <iostream>
#include <sstream>

namespace {

std::string read_all(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: backend-count CONFIG APPS\n";
    return 2;
  }
  auto config = skylr::parse_config(read_all(argv[1]));
  if (!config) {
    std::cerr << argv[1] << ": " << config.error().message << "\n";
    return 1;
  }
  auto apps = skylr::parse_apps(read_all(argv[2]));
  if (!apps) {
    std::cerr << argv[2] << ": " << apps.error().message << "\n";
    return 1;
  }
  skylr::Model model = skylr::build_model(*config, *apps);
  for (const auto& service : model.services) {
    std::cout << service.service << " " << service.servers.size() << "\n";
  }
  return 0;
}

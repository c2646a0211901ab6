#include "plain_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace skylr::bench {

std::string config_head(std::string_view config) {
  std::size_t end = config.size();
  for (std::string_view start : {"\n# service ", "\nfrontend ", "\nbackend ", "\nlisten "}) {
    end = std::min(end, config.find(start));
  }
  return std::string(config.substr(0, end == config.size() ? end : end + 1));
}

std::string plain_config(std::string_view head, const std::vector<PlainService>& services) {
  fmt::memory_buffer out;
  auto text = std::back_inserter(out);
  fmt::format_to(text, "{}", head);
  for (const PlainService& service : services) {
    fmt::format_to(text, "\nfrontend {}\n    bind {}\n    mode {}\n    default_backend {}\n", service.frontend,
                   service.bind, service.mode, service.backend);
    fmt::format_to(text, "\nbackend {}\n    balance roundrobin\n", service.backend);
    int number = 0;
    for (const std::string& server : service.servers) fmt::format_to(text, "    server t{} {}\n", ++number, server);
  }
  return fmt::to_string(out);
}

}  // namespace skylr::bench

// The real Resolver: getaddrinfo and getnameinfo.
#include "skylr/resolver.h"

#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>

namespace skylr {
namespace {

class SystemResolver final : public Resolver {
 public:
  std::vector<std::string> resolve(const std::string& host) override {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0) return {};
    std::vector<std::string> addresses;
    for (addrinfo* entry = found; entry != nullptr; entry = entry->ai_next) {
      std::array<char, NI_MAXHOST> text{};
      if (getnameinfo(entry->ai_addr, entry->ai_addrlen, text.data(), text.size(), nullptr, 0,
                      NI_NUMERICHOST) != 0) {
        continue;
      }
      std::string address(text.data());
      if (std::find(addresses.begin(), addresses.end(), address) == addresses.end()) {
        addresses.push_back(std::move(address));
      }
    }
    freeaddrinfo(found);
    return addresses;
  }
};

}  // namespace

Resolver& default_resolver() {
  static SystemResolver resolver;
  return resolver;
}

}  // namespace skylr

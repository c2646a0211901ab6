// Resolver: host names to IP addresses, behind an interface so that tests resolve
// without DNS. Implementations are thread-safe.
#pragma once

#include <string>
#include <vector>

namespace skylr {

class Resolver {
 public:
  virtual ~Resolver() = default;

  // Every address of `host` in numeric text form ("10.0.0.7", "::1"), in the resolver's
  // order, without repeats; empty when the name does not resolve.
  virtual std::vector<std::string> resolve(const std::string& host) = 0;
};

// The system resolver: getaddrinfo, as HAProxy's `init-addr libc` resolves at start.
Resolver& default_resolver();

}  // namespace skylr

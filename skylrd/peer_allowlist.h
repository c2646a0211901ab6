// PeerAllowlist: which network peers may post Marathon events. skylrd fills it with the
// resolved addresses of `marathon_hosts` and checks every POST /marathon against it.
// Pure; thread-compatible (build once, then only read).
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace skylr {

class PeerAllowlist {
 public:
  // Adds an IPv4 or IPv6 address in text form; returns false when it is not one.
  bool add(std::string_view address);

  // True when `peer` (as a server reports the remote address) is one of the added
  // addresses. IPv4-mapped IPv6 peers ("::ffff:10.0.0.7") match their IPv4 address, and
  // IPv6 addresses match whatever their spelling ("::1" and "0:0:0:0:0:0:0:1").
  bool allows(std::string_view peer) const;

  // True when nothing was added (then nothing is allowed).
  bool empty() const { return addresses_.empty(); }

 private:
  std::set<std::string> addresses_;  // canonical forms
};

}  // namespace skylr

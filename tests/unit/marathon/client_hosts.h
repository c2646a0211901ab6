// The Marathon masters of the MarathonClient tests: c0, c1 and c2 on port 8080, as
// endpoints and as the origins FakeHttpClient scripts answers for.
#pragma once

#include <string>
#include <vector>

#include "skylr/config.h"

namespace skylr::test {

inline const std::string c0 = "http://c0:8080";
inline const std::string c1 = "http://c1:8080";
inline const std::string c2 = "http://c2:8080";

// The endpoints of c0, c1 and c2, in that order.
inline std::vector<MarathonEndpoint> three_hosts() {
  return {{"http", "c0", 8080, ""}, {"http", "c1", 8080, ""}, {"http", "c2", 8080, ""}};
}

}  // namespace skylr::test

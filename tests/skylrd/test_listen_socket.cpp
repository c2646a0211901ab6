#include "listen_socket.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

namespace skylr {

TEST_CASE("skylr::bind_exclusively") {
  httplib::Server first;
  Result<int> port = bind_exclusively(first, ListenAddress{"127.0.0.1", 0});
  REQUIRE(port.ok());
  REQUIRE(*port > 0);

  SUBCASE("a second server cannot share the port, and is told why") {
    httplib::Server second;
    Result<int> again = bind_exclusively(second, ListenAddress{"127.0.0.1", *port});
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message ==
          fmt::format("cannot listen on 127.0.0.1:{}: Address already in use", *port));
  }
  SUBCASE("not even with cpp-httplib's own SO_REUSEPORT socket") {
    httplib::Server shared;
    CHECK_FALSE(shared.bind_to_port("127.0.0.1", *port));
  }
}

TEST_CASE("skylr::listen_failure") {
  httplib::Server held;
  Result<int> port = bind_exclusively(held, ListenAddress{"127.0.0.1", 0});
  REQUIRE(port.ok());
  CHECK(listen_failure(ListenAddress{"127.0.0.1", *port}) == "Address already in use");
}

}  // namespace skylr

// skylrd as README "Security" says to run it: as an unprivileged user (nobody) with write
// access to its own directories only and no capability but CAP_NET_BIND_SERVICE, which
// the HAProxy it starts inherits to serve a port below 1024.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fstream>

#include "hostile_support.h"

namespace skylr::hostile {
namespace {

// The "Uid:" or "CapEff:" line of /proc/<pid>/status, without its name.
std::string status_line(pid_t pid, const std::string& name) {
  std::ifstream status(fmt::format("/proc/{}/status", pid));
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with(name + ":")) return line.substr(name.size() + 2);
  }
  return "";
}

}  // namespace

TEST_CASE(
    "least privilege: skylrd as nobody with only CAP_NET_BIND_SERVICE serves a port below 1024") {
  auto task = backend();
  FakeMarathon marathon;
  marathon.set_tasks({task->port()});
  Skylrd skylrd(marathon, SkylrdSetup{.unprivileged = true});
  REQUIRE(skylrd.await_health(200, R"("status":"ok")", 15s));
  CHECK(skylrd.service_port() < 1024);
  CHECK(testing::http_get(skylrd.service_port()) == "backend");
  pid_t haproxy = testing::read_pid_file(skylrd.pid_file());
  REQUIRE(haproxy > 0);
  const std::string nobody = "65534\t65534\t65534\t65534";
  CHECK(status_line(skylrd.pid(), "Uid") == nobody);
  CHECK(status_line(haproxy, "Uid") == nobody);
  const std::string net_bind_service = "0000000000000400";  // bit 10
  CHECK(status_line(skylrd.pid(), "CapEff") == net_bind_service);
  CHECK(status_line(haproxy, "CapEff") == net_bind_service);
}

}  // namespace skylr::hostile

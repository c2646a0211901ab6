#include "ctl_fixture.h"

#include <fmt/format.h>

#include <cstdlib>

#include "config/endpoint.h"
#include "integration_support.h"
#include "job_update_api.h"
#include "shared_config.h"
#include "skylr/httplib_client.h"
#include "skylr/marathon_client.h"
#include "test_configs.h"

namespace skylr::testing {

using config::parse_marathon_endpoint;

ScopedEnv::ScopedEnv(std::string name, const std::string& value) : name_(std::move(name)) {
  ::setenv(name_.c_str(), value.c_str(), 1);
}

ScopedEnv::~ScopedEnv() { ::unsetenv(name_.c_str()); }

struct FakeSkylrd::Impl {
  Impl(const std::string& marathon_url, std::string status)
      : config([] {
          Config tracked = config_with_service("web");
          tracked.job_updates.tokens = {{"ci", kToken}};
          return tracked;
        }()),
        marathon({parse_marathon_endpoint(marathon_url).value()}, std::nullopt, httplib_client()),
        status_json(std::move(status)),
        server([this](httplib::Server& routes) {
          install_job_update_api(routes, {&config, &marathon, [this](std::string_view line) {
                                            std::lock_guard lock(mutex);
                                            audit.emplace_back(line);
                                          }});
          routes.Get("/status", [this](const httplib::Request&, httplib::Response& response) {
            response.set_content(status_json, "application/json");
          });
        }) {}

  SharedConfig config;
  MarathonClient marathon;
  std::string status_json;
  mutable std::mutex mutex;
  std::vector<std::string> audit;
  TestServer server;  // last: its handlers use the members above
};

FakeSkylrd::FakeSkylrd(const std::string& marathon_url, std::string status_json)
    : impl_(std::make_unique<Impl>(marathon_url, std::move(status_json))) {}

FakeSkylrd::~FakeSkylrd() = default;

std::string FakeSkylrd::url() const { return impl_->server.origin(); }

std::vector<std::string> FakeSkylrd::audit_lines() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->audit;
}

std::string dead_url() { return fmt::format("http://127.0.0.1:{}", free_port()); }

}  // namespace skylr::testing

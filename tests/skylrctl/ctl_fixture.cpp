#include "ctl_fixture.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

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

std::string json_member(const std::string& out, const char* key) {
  REQUIRE_MESSAGE((out.ends_with("\n") && out.find('\n') == out.size() - 1), "not one line: ", out);
  rapidjson::Document object;
  object.Parse(out.c_str());
  REQUIRE_MESSAGE((object.IsObject() && object.HasMember(key)), "no member ", key, " in ", out);
  const rapidjson::Value& value = object[key];
  if (value.IsString()) return value.GetString();
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return buffer.GetString();
}

}  // namespace skylr::testing

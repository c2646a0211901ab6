#include "render/rendered_config.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "model/model_fixtures.h"
#include "skylr/render.h"

namespace skylr::render {
namespace {

using TimePoint = std::chrono::steady_clock::time_point;

// 24 services on 12 apps: HTTP and TCP, with and without health checks, two services on
// one app, and an app that Marathon never has.
Config random_config() {
  std::vector<ServiceConfig> services;
  for (int n = 0; n < 24; ++n) {
    ServiceConfig service = make_service(fmt::format("svc{:02}", n), 4000 + n);
    service.app_id = fmt::format("/app{:02}", n % 12);
    if (n % 3 == 1) service.mode = ServiceMode::kTcp;
    if (n % 4 == 2) service.health.check = HealthCheck::kHttp;
    if (n % 5 == 3) service.health.check = HealthCheck::kNone;
    services.push_back(service);
  }
  services.push_back(make_service("ghost", 4999));
  return make_config(services);
}

// Marathon's apps as a random walk changes them: tasks start, stop and move to new
// ports, apps go away and come back, and an app's answer is sometimes malformed.
class RandomCluster {
 public:
  explicit RandomCluster(unsigned seed) : random_(seed) {
    for (int n = 0; n < 12; ++n) {
      std::string id = fmt::format("/app{:02}", n);
      apps_[id] = make_app(id, {});
      for (int t = 0; t < 3; ++t) add_task(apps_[id]);
    }
  }

  // Changes 1-3 apps; returns their ids.
  std::set<std::string> step() {
    std::set<std::string> changed;
    int count = 1 + pick(3);
    for (int i = 0; i < count; ++i) {
      std::string id = fmt::format("/app{:02}", pick(12));
      changed.insert(id);
      change(id);
    }
    return changed;
  }

  // Every app Marathon has.
  std::vector<App> all() const {
    std::vector<App> apps;
    for (const auto& [id, app] : apps_) apps.push_back(app);
    return apps;
  }

  // The apps Marathon has among `ids`.
  std::vector<App> some(const std::set<std::string>& ids) const {
    std::vector<App> apps;
    for (const std::string& id : ids) {
      auto found = apps_.find(id);
      if (found != apps_.end()) apps.push_back(found->second);
    }
    return apps;
  }

 private:
  int pick(int below) { return std::uniform_int_distribution<int>(0, below - 1)(random_); }

  void add_task(App& app) {
    ++next_task_;
    app.tasks.push_back(make_task(fmt::format("{}.{:08}-0000-0000-0000-000000000000", app.id.substr(1), next_task_),
                                  fmt::format("10.0.{}.{}", pick(4), 1 + pick(200)), {31000 + next_task_}));
  }

  void change(const std::string& id) {
    auto found = apps_.find(id);
    if (found == apps_.end()) {
      apps_[id] = make_app(id, {});
      add_task(apps_[id]);
      return;
    }
    App& app = found->second;
    app.malformed.clear();
    switch (pick(6)) {
      case 0: add_task(app); break;
      case 1: if (!app.tasks.empty()) app.tasks.erase(app.tasks.begin() + pick(static_cast<int>(app.tasks.size()))); break;
      case 2: if (!app.tasks.empty()) app.tasks[static_cast<std::size_t>(pick(static_cast<int>(app.tasks.size())))].ports = {32000 + pick(999)}; break;
      case 3: apps_.erase(found); break;
      case 4: app.malformed = "apps[0].tasks: missing or null"; break;
      default: for (int t = 0; t < 5; ++t) add_task(app); break;
    }
  }

  std::mt19937 random_;
  std::map<std::string, App> apps_;
  int next_task_ = 0;
};

// `table` with `parts`' services replaced.
void put_slots(SlotTable& table, const SlotTable& parts) {
  for (const ServiceSlots& part : parts.services) {
    auto at = std::find_if(table.services.begin(), table.services.end(),
                           [&](const ServiceSlots& slots) { return slots.service == part.service; });
    REQUIRE(at != table.services.end());
    *at = part;
  }
}

}  // namespace

TEST_CASE("skylr::render::RenderedConfig: service by service, the text a full render gives") {
  Config config = random_config();
  SlotPolicy policy = slot_policy(config.haproxy);
  for (unsigned seed : {1u, 2u, 3u, 20261202u}) {
    CAPTURE(seed);
    RandomCluster cluster(seed);
    TimePoint now{};
    Model model = build_model(config, cluster.all());
    SlotTable slots = assign_slots({}, model, policy, now);
    RenderedConfig rendered;
    RenderChanges first = rendered.render_all(config, model, slots);
    CHECK(first.layout);
    REQUIRE(rendered.text() == render_haproxy_config(config, model, slots));
    for (int step = 0; step < 150; ++step) {
      CAPTURE(step);
      now += std::chrono::seconds(1);
      std::set<std::string> ids = cluster.step();
      Model part = build_partial_model(config, cluster.some(ids), ids, model);
      SlotTable parts;
      for (const ServiceBackends& backends : part.services) {
        parts.services.push_back(assign_service_slots(slots.find(backends.service), backends, policy, now));
      }
      std::map<std::string, std::string> before;
      for (const ServiceBackends& backends : part.services) {
        before[backends.service] = std::string(rendered.section(backends.service));
      }
      RenderChanges changes = rendered.render_services(config, part, parts);
      CHECK_FALSE(changes.layout);
      for (const ChangedSection& changed : changes.sections) {
        CHECK(before.at(changed.service) == changed.before);
        CHECK(changed.before != rendered.section(changed.service));
      }
      Model whole = build_model(config, cluster.all(), model);
      merge_model(model, part, ids);
      put_slots(slots, parts);
      REQUIRE(model == whole);
      REQUIRE(rendered.text() == render_haproxy_config(config, whole, slots));
    }
    RenderChanges again = rendered.render_all(config, model, slots);
    CHECK_FALSE(again.layout);
    CHECK(again.sections.empty());
  }
}

TEST_CASE("skylr::render::RenderedConfig::render_all reports what changed") {
  Config config = make_config({make_service("api", 3001), make_service("web", 3000)});
  Model model = build_model(config, {make_app("/web", {make_task("web.1", "10.0.0.1", {31001})})});
  RenderedConfig rendered;
  CHECK(rendered.empty());
  CHECK(rendered.render_all(config, model, {}).layout);

  SUBCASE("a moved task: its service's section, with its text before") {
    std::string before(rendered.section("web"));
    Model moved = build_model(config, {make_app("/web", {make_task("web.1", "10.0.0.1", {31002})})});
    RenderChanges changes = rendered.render_all(config, moved, {});
    CHECK_FALSE(changes.layout);
    REQUIRE(changes.sections.size() == 1);
    CHECK(changes.sections[0].service == "web");
    CHECK(changes.sections[0].before == before);
    CHECK(rendered.section("web").find("10.0.0.1:31002") != std::string_view::npos);
  }
  SUBCASE("a service more, or options changed: a layout change") {
    Config more = make_config({make_service("api", 3001), make_service("web", 3000), make_service("x", 3002)});
    CHECK(rendered.render_all(more, build_model(more, {}), {}).layout);
    Config options = config;
    options.haproxy.maxconn = 1234;
    CHECK(rendered.render_all(options, build_model(options, {}), {}).layout);
  }
  SUBCASE("clear forgets the parts") {
    rendered.clear();
    CHECK(rendered.empty());
    CHECK(rendered.text().empty());
    CHECK(rendered.render_all(config, model, {}).layout);
  }
}

}  // namespace skylr::render

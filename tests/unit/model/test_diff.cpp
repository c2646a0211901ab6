#include "model/diff.h"

#include <doctest/doctest.h>

namespace skylr::model {
namespace {

Model model_of(std::vector<ServiceBackends> services) { return Model{std::move(services), {}}; }

Server server(const char* name, const char* address, int port) {
  return Server{name, address, port, std::string("task-") + name};
}

}  // namespace

TEST_CASE("skylr::model::diff_models") {
  Model before = model_of({
      {"api", true, {server("a", "10.0.0.1", 31000)}},
      {"web", true, {server("w1", "10.0.0.2", 31001), server("w2", "10.0.0.3", 31002)}},
  });

  SUBCASE("identical models have no changes") {
    CHECK(diff_models(before, before).empty());
    CHECK(summarize_changes(diff_models(before, before)) == "no backend changes");
  }

  SUBCASE("added, removed and moved servers") {
    Model after = model_of({
        {"api", true, {}},
        {"web", true, {server("w2", "10.0.0.9", 31002), server("w3", "10.0.0.4", 31003),
                       server("w1", "10.0.0.2", 31001)}},
    });
    auto changes = diff_models(before, after);
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].service == "api");
    CHECK(changes[0].added.empty());
    REQUIRE(changes[0].removed.size() == 1);
    CHECK(changes[0].removed[0].name == "a");
    CHECK(changes[1].service == "web");
    REQUIRE(changes[1].added.size() == 2);
    CHECK(changes[1].added[0].address == "10.0.0.9");
    CHECK(changes[1].added[1].name == "w3");
    REQUIRE(changes[1].removed.size() == 1);
    CHECK(changes[1].removed[0].address == "10.0.0.3");
    CHECK(summarize_changes(changes) == "api +0 -1, web +2 -1");
  }

  SUBCASE("a service only in one model counts against an empty list") {
    Model after = model_of({{"new", true, {server("n", "10.0.0.5", 1)}}});
    auto changes = diff_models(before, after);
    REQUIRE(changes.size() == 3);
    CHECK(summarize_changes(changes) == "api +0 -1, new +1 -0, web +0 -2");
  }
}

}  // namespace skylr::model

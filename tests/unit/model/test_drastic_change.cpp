#include "model/drastic_change.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <vector>

namespace skylr::model {
namespace {

Model model_of(std::vector<ServiceBackends> services) { return Model{std::move(services), {}}; }

// `count` servers s<first>... of one service.
std::vector<Server> servers(int count, int first = 1) {
  std::vector<Server> out;
  for (int n = first; n < first + count; ++n) {
    out.push_back(Server{fmt::format("s{}", n), fmt::format("10.0.0.{}", n), 31000, fmt::format("t.{}", n)});
  }
  return out;
}

}  // namespace

TEST_CASE("skylr::model::drastic_change") {
  const Model served = model_of({{"api", true, servers(1)}, {"web", true, servers(3, 2)}});

  SUBCASE("nothing served: never drastic") {
    CHECK_FALSE(drastic_change(Model{}, model_of({{"web", false, {}}}), 0.5));
    CHECK_FALSE(drastic_change(model_of({{"web", true, {}}}), model_of({{"web", false, {}}}), 0.5));
  }
  SUBCASE("no service's app listed") {
    CHECK(drastic_change(served, model_of({{"api", false, {}}, {"web", false, {}}}), 1.0) ==
          "it lists none of the services' apps, which had 4 servers");
  }
  SUBCASE("more than the share removed") {
    Model next = model_of({{"api", true, {}}, {"web", true, servers(1, 2)}});
    CHECK(drastic_change(served, next, 0.5) ==
          "it removes 3 of 4 servers (75 %, more than reload.max_removed_share 50 %)");
    CHECK_FALSE(drastic_change(served, next, 0.75));
  }
  SUBCASE("exactly the share removed is not drastic") {
    CHECK_FALSE(drastic_change(served, model_of({{"api", true, {}}, {"web", true, servers(2, 2)}}), 0.5));
  }
  SUBCASE("a moved server counts as removed; an added one does not offset it") {
    Model next = model_of({{"api", true, servers(1)}, {"web", true, servers(3, 5)}});
    CHECK(drastic_change(served, next, 0.5) ==
          "it removes 3 of 4 servers (75 %, more than reload.max_removed_share 50 %)");
  }
  SUBCASE("services the config no longer has do not count") {
    CHECK_FALSE(drastic_change(served, model_of({{"api", true, servers(1)}}), 0.0));
  }
}

}  // namespace skylr::model

#include <doctest/doctest.h>

#include "app_query.h"
#include "sim_fixture.h"

namespace skylr::sim {

TEST_CASE("skylr::sim::resolve_embeds") {
  SUBCASE("prefixes apps., app. and none are accepted") {
    for (const char* name : {"apps.tasks", "app.tasks", "tasks"}) {
      INFO(name);
      auto embeds = resolve_embeds({name});
      CHECK(embeds.tasks);
      CHECK_FALSE(embeds.counts);
    }
  }
  SUBCASE("every embed, unknown names ignored") {
    auto embeds = resolve_embeds({"apps.counts", "app.deployments", "readiness", "apps.lastTaskFailure", "apps.bogus"});
    CHECK_FALSE(embeds.tasks);
    CHECK(embeds.counts);
    CHECK(embeds.deployments);
    CHECK(embeds.readiness);
    CHECK(embeds.last_task_failure);
  }
}

TEST_CASE("skylr::sim::parse_label_selector") {
  using Op = LabelTerm::Op;
  SUBCASE("valid selectors") {
    struct Case {
      const char* text;
      std::vector<LabelTerm> terms;
    };
    const Case cases[] = {
        {"tier", {{"tier", Op::kExists, {}}}},
        {"tier==back", {{"tier", Op::kEquals, {"back"}}}},
        {"tier != back", {{"tier", Op::kNotEquals, {"back"}}}},
        {"HAPROXY_GROUP==", {{"HAPROXY_GROUP", Op::kEquals, {""}}}},
        {"tier in (front, back)", {{"tier", Op::kIn, {"front", "back"}}}},
        {"tier notin (x)", {{"tier", Op::kNotIn, {"x"}}}},
        {"a.b==c-d, e in (f,g), h", {{"a.b", Op::kEquals, {"c-d"}}, {"e", Op::kIn, {"f", "g"}}, {"h", Op::kExists, {}}}},
    };
    for (const auto& c : cases) {
      INFO(c.text);
      auto terms = parse_label_selector(c.text);
      REQUIRE(terms.has_value());
      REQUIRE(terms->size() == c.terms.size());
      for (std::size_t i = 0; i < c.terms.size(); ++i) {
        CHECK((*terms)[i].key == c.terms[i].key);
        CHECK((*terms)[i].op == c.terms[i].op);
        CHECK((*terms)[i].values == c.terms[i].values);
      }
    }
  }
  SUBCASE("invalid selectors") {
    for (const char* text : {"", "a===b", "==b", "a in x", "a in (x", "a b", "a,,b"}) {
      INFO(text);
      CHECK_FALSE(parse_label_selector(text).has_value());
    }
  }
}

TEST_CASE("skylr::sim::app_matches") {
  auto app = testing::parse(R"({"id":"/shop/api","cmd":"Sleep 10","labels":{"tier":"back","team":"a"}})");
  struct Case {
    const char* id;
    const char* cmd;
    const char* label;
    bool matches;
  };
  const Case cases[] = {
      {"", "", "", true},
      {"SHOP/A", "", "", true},
      {"web", "", "", false},
      {"", "sleep", "", true},
      {"", "python", "", false},
      {"", "", "tier==back", true},
      {"", "", "tier!=back", false},
      {"", "", "tier in (front, back)", true},
      {"", "", "tier notin (back)", false},
      {"", "", "missing!=x", false},
      {"", "", "team", true},
      {"", "", "tier==back,team==b", false},
      {"api", "sleep", "team==a", true},
  };
  for (const auto& c : cases) {
    INFO(c.id);
    INFO(c.cmd);
    INFO(c.label);
    AppFilter filter{c.id, c.cmd, {}};
    if (*c.label != '\0') filter.labels = *parse_label_selector(c.label);
    CHECK(app_matches(filter, app) == c.matches);
  }
  SUBCASE("an app without labels matches no label term") {
    auto bare = testing::parse(R"({"id":"/x"})");
    CHECK_FALSE(app_matches(AppFilter{"", "", *parse_label_selector("tier")}, bare));
  }
}

}  // namespace skylr::sim

#include "skylr/server_slots.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace skylr {
namespace {

using namespace std::chrono_literals;
using TimePoint = std::chrono::steady_clock::time_point;

constexpr TimePoint kT0{};
constexpr TimePoint kT1 = kT0 + 5s;

Server task(const std::string& name, int port = 31000) {
  return Server{name, "10.0.0.1", port, "app." + name};
}

Model model_of(std::vector<Server> servers) {
  Model model;
  model.services.push_back(ServiceBackends{"web", true, std::move(servers)});
  return model;
}

// One character per slot: '.' free, 'd' draining, else the first letter of the live task.
std::string layout(const SlotTable& table) {
  std::string text;
  REQUIRE(table.services.size() == 1);
  for (const Slot& slot : table.services[0].slots) {
    if (slot.use == SlotUse::kFree) text += '.';
    if (slot.use == SlotUse::kDraining) text += 'd';
    if (slot.use == SlotUse::kLive) text += slot.server.name[0];
  }
  return text;
}

}  // namespace

TEST_CASE("skylr::slot_name") {
  CHECK(slot_name(0) == "slot-1");
  CHECK(slot_name(41) == "slot-42");
}

TEST_CASE("skylr::assign_slots") {
  SlotPolicy policy{4, true};

  SUBCASE("a fresh assignment fills slots in name order and depends on the model alone") {
    SlotTable table = assign_slots({}, model_of({task("b"), task("a")}), policy, kT0);
    CHECK(layout(table) == "ab..");
    CHECK(table.services[0].service == "web");
    CHECK(layout(assign_slots({}, model_of({task("a"), task("b")}), policy, kT1)) == "ab..");
  }
  SUBCASE("a fresh service gets one slot per task, at least the minimum") {
    const struct {
      int min_slots;
      std::size_t tasks;
      std::size_t slots;
    } cases[] = {{4, 0, 4}, {4, 4, 4}, {4, 5, 5}, {4, 9, 9}, {1, 3, 3}, {0, 0, 0}, {0, 3, 3}};
    for (const auto& c : cases) {
      std::vector<Server> servers;
      for (std::size_t i = 0; i < c.tasks; ++i) servers.push_back(task(std::string("t").append(std::to_string(i))));
      SlotTable table = assign_slots({}, model_of(servers), SlotPolicy{c.min_slots, true}, kT0);
      CAPTURE(c.min_slots);
      CAPTURE(c.tasks);
      CHECK(table.services[0].slots.size() == c.slots);
    }
  }
  SUBCASE("tasks keep their slots; a new task takes the lowest free slot") {
    SlotTable first = assign_slots({}, model_of({task("a"), task("b"), task("c")}), policy, kT0);
    SlotTable second = assign_slots(first, model_of({task("c"), task("e")}), SlotPolicy{4, false}, kT1);
    CHECK(layout(second) == "e.c.");
  }
  SUBCASE("a removed task's slot drains, keeping its server and the time it started") {
    SlotTable first = assign_slots({}, model_of({task("a"), task("b")}), policy, kT0);
    SlotTable second = assign_slots(first, model_of({task("b")}), policy, kT1);
    CHECK(layout(second) == "db..");
    const Slot& draining = second.services[0].slots[0];
    CHECK(draining.server.name == "a");
    CHECK(draining.draining_since == kT1);
    SUBCASE("and keeps draining from where it started") {
      SlotTable third = assign_slots(second, model_of({task("b")}), policy, kT1 + 10s);
      CHECK(third.services[0].slots[0].draining_since == kT1);
    }
    SUBCASE("a task that comes back is live again in its slot") {
      CHECK(layout(assign_slots(second, model_of({task("a"), task("b")}), policy, kT1)) == "ab..");
    }
  }
  SUBCASE("a task whose address changed stays in its slot with the new address") {
    SlotTable first = assign_slots({}, model_of({task("a", 1)}), policy, kT0);
    SlotTable second = assign_slots(first, model_of({task("a", 2)}), policy, kT1);
    CHECK(layout(second) == "a...");
    CHECK(second.services[0].slots[0].server.port == 2);
  }
  SUBCASE("without free slots a newcomer gets a slot appended; draining slots keep draining") {
    SlotTable table = assign_slots({}, model_of({task("a"), task("b"), task("c"), task("d")}),
                                   policy, kT0);
    table = assign_slots(table, model_of({task("c"), task("d")}), policy, kT1);
    CHECK(layout(table) == "ddcd");
    table = assign_slots(table, model_of({task("c"), task("d"), task("x"), task("y")}), policy, kT1);
    CHECK(layout(table) == "ddcdxy");
    CHECK(table.services[0].slots[0].draining_since == kT1);
    SUBCASE("a slot whose drain is over is free, and taken before any is appended") {
      table = release_all_drains(table);
      CHECK(layout(assign_slots(table, model_of({task("c"), task("d"), task("x"), task("y"), task("z")}),
                                policy, kT1)) == "z.cdxy");
    }
  }
  SUBCASE("when every slot is live one slot per newcomer is appended, existing tasks in place") {
    SlotTable table = assign_slots({}, model_of({task("b"), task("c"), task("d"), task("e")}),
                                   policy, kT0);
    CHECK(layout(assign_slots(table, model_of({task("a"), task("b"), task("c"), task("d"),
                                               task("e"), task("f")}),
                              policy, kT1)) == "bcdeaf");
  }
  SUBCASE("slots never shrink") {
    SlotTable table = assign_slots({}, model_of({task("a"), task("b"), task("c"), task("d"), task("e")}),
                                   SlotPolicy{0, false}, kT0);
    CHECK(layout(assign_slots(table, model_of({}), SlotPolicy{0, false}, kT1)) == ".....");
  }
  SUBCASE("services without previous slots get a fresh assignment; the model decides which") {
    Model model = model_of({task("a")});
    model.services.push_back(ServiceBackends{"api", true, {task("z")}});
    SlotTable previous = assign_slots({}, model_of({task("b"), task("a")}), policy, kT0);
    previous.services.push_back(ServiceSlots{"gone", {}});
    SlotTable table = assign_slots(previous, model, policy, kT1);
    REQUIRE(table.services.size() == 2);
    CHECK(table.services[0].service == "web");
    CHECK(table.services[0].slots[0].server.name == "a");
    CHECK(table.services[0].slots[1].use == SlotUse::kDraining);
    CHECK(table.services[1].service == "api");
    CHECK(table.services[1].slots.size() == 4);
    CHECK(table.find("gone") == nullptr);
    CHECK(table.find("api") == &table.services[1]);
  }
}

TEST_CASE("skylr::fresh_slots") {
  SlotPolicy policy{4, true};
  Model model = model_of({task("e"), task("b"), task("a"), task("d"), task("c")});
  ServiceSlots fresh = fresh_slots(model.services[0], policy);
  CHECK(fresh.service == "web");
  CHECK(fresh_slot_count(5, policy) == 5);
  CHECK(fresh_slot_count(3, policy) == 4);
  CHECK(fresh_slot_count(0, SlotPolicy{0, true}) == 0);
  CHECK(layout(SlotTable{{fresh}}) == "abcde");
  CHECK(layout(assign_slots({}, model, policy, kT0)) == "abcde");
}

TEST_CASE("skylr::SlotTable::find") {
  SlotTable sorted{{{"a", {}}, {"b", {}}, {"c", {}}, {"d", {}}, {"e", {}}}};
  SlotTable unsorted{{{"e", {}}, {"c", {}}, {"a", {}}, {"d", {}}, {"b", {}}}};
  for (const SlotTable* table : {&sorted, &unsorted}) {
    for (const ServiceSlots& service : table->services) CHECK(table->find(service.service) == &service);
    CHECK(table->find("x") == nullptr);
    CHECK(table->find("") == nullptr);
  }
  CHECK(SlotTable{}.find("a") == nullptr);
}

TEST_CASE("skylr::release_drains") {
  SlotPolicy policy{4, true};
  SlotTable table = assign_slots({}, model_of({task("a"), task("b"), task("c")}), policy, kT0);
  table = assign_slots(table, model_of({task("b")}), policy, kT1);
  REQUIRE(layout(table) == "dbd.");
  REQUIRE(count_draining(table) == 2);

  SUBCASE("frees the draining slots the predicate names, with their index") {
    std::vector<std::size_t> asked;
    SlotTable released =
        release_drains(table, [&](const std::string& service, std::size_t index, const Slot& slot) {
          CHECK(service == "web");
          CHECK(slot.use == SlotUse::kDraining);
          asked.push_back(index);
          return slot.server.name == "c";
        });
    CHECK(asked == std::vector<std::size_t>{0, 2});
    CHECK(layout(released) == "db..");
    CHECK(count_draining(released) == 1);
    CHECK(released.services[0].slots[2].server.name.empty());
  }
  SUBCASE("release_all_drains frees them all") {
    SlotTable released = release_all_drains(table);
    CHECK(layout(released) == ".b..");
    CHECK(count_draining(released) == 0);
  }
}

}  // namespace skylr

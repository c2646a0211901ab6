#include "util/sorted_vector.h"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

namespace skylr::util {
namespace {

using Entry = std::pair<std::string, int>;

std::string_view key(const Entry& entry) { return entry.first; }

}  // namespace

TEST_CASE("skylr::util::find_sorted and put_sorted") {
  std::vector<Entry> entries{{"api", 1}, {"web", 2}};

  SUBCASE("found by key, const or not; absent keys give nullptr") {
    REQUIRE(find_sorted(entries, "web", key) != nullptr);
    find_sorted(entries, "web", key)->second = 7;
    const std::vector<Entry>& seen = entries;
    CHECK(find_sorted(seen, "web", key)->second == 7);
    CHECK(find_sorted(seen, "db", key) == nullptr);
    CHECK(find_sorted(seen, "zzz", key) == nullptr);
    const std::vector<Entry> none;
    CHECK(find_sorted(none, "web", key) == nullptr);
  }
  SUBCASE("a known key is replaced, a new one inserted in order") {
    put_sorted(entries, Entry{"web", 3}, key);
    put_sorted(entries, Entry{"db", 4}, key);
    put_sorted(entries, Entry{"zoo", 5}, key);
    put_sorted(entries, Entry{"a", 6}, key);
    CHECK(entries == std::vector<Entry>{{"a", 6}, {"api", 1}, {"db", 4}, {"web", 3}, {"zoo", 5}});
  }
}

}  // namespace skylr::util

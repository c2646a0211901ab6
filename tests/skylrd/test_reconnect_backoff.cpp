#include "reconnect_backoff.h"

#include <doctest/doctest.h>

#include <vector>

namespace skylr {

using std::chrono::milliseconds;

namespace {

// The waits after `streams`, in order.
std::vector<long> waits(ReconnectBackoff& backoff, const std::vector<StreamHealth>& streams) {
  std::vector<long> out;
  for (const StreamHealth& stream : streams) out.push_back(backoff.after(stream).count());
  return out;
}

const StreamHealth kBroken{false, milliseconds(40)};  // e.g. an over-long line at once

}  // namespace

TEST_CASE("skylr::ReconnectBackoff") {
  ReconnectBackoff backoff(milliseconds(500), milliseconds(30000), milliseconds(60000));

  SUBCASE("doubles up to the cap across broken streams") {
    CHECK(waits(backoff, std::vector<StreamHealth>(9, kBroken)) ==
          std::vector<long>{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000});
  }
  SUBCASE("a stream that delivered a valid event starts it over") {
    CHECK(waits(backoff, {kBroken, kBroken, kBroken, {true, milliseconds(40)}, kBroken}) ==
          std::vector<long>{500, 1000, 2000, 500, 1000});
  }
  SUBCASE("a stream open for healthy_after starts it over; a shorter one does not") {
    CHECK(waits(backoff, {kBroken, kBroken, {false, milliseconds(59999)}, {false, milliseconds(60000)}}) ==
          std::vector<long>{500, 1000, 2000, 500});
  }
}

}  // namespace skylr

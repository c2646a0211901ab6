// Vectors kept sorted by a string key (a service's name, say), looked up and updated by
// binary search: what the model, the slot table and skylrd's status rows all need when a
// sync changes a few of their thousands of entries. Header-only; pure.
#pragma once

#include <algorithm>
#include <string_view>
#include <vector>

namespace skylr::util {

// The element of `items` (a vector sorted by `key_of`, const or not) whose key is `key`,
// or nullptr.
template <typename Items, typename KeyOf>
auto find_sorted(Items& items, std::string_view key, KeyOf key_of) -> decltype(&*items.begin()) {
  auto at = std::lower_bound(items.begin(), items.end(), key,
                             [&](const auto& item, std::string_view wanted) { return key_of(item) < wanted; });
  return at != items.end() && key_of(*at) == key ? &*at : nullptr;
}

// Puts `item` into `items` (sorted by `key_of`): it replaces the element with its key, or
// is inserted where the order wants it.
template <typename T, typename KeyOf>
void put_sorted(std::vector<T>& items, T item, KeyOf key_of) {
  auto at = std::lower_bound(items.begin(), items.end(), item,
                             [&](const T& a, const T& b) { return key_of(a) < key_of(b); });
  if (at != items.end() && key_of(*at) == key_of(item)) {
    *at = std::move(item);
  } else {
    items.insert(at, std::move(item));
  }
}

}  // namespace skylr::util

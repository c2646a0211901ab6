// Unified diffs: the shortest edit script by Myers' O((N+M)D) algorithm ("An O(ND)
// Difference Algorithm and Its Variations", 1986) over the lines between the common
// prefix and suffix, then hunks with context as GNU `diff -u` prints them.
#include "text_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <span>
#include <vector>

namespace skylr {
namespace {

enum class Op : char { kEqual = ' ', kDelete = '-', kInsert = '+' };

using Lines = std::span<const std::string_view>;

// The lines of `text`, each with its '\n' (the last one may lack it).
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::size_t length = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(0, length));
    text.remove_prefix(length);
  }
  return lines;
}

// fronts[d][(k + d) / 2]: the furthest x reached on diagonal k = x - y with d edits.
using Fronts = std::vector<std::vector<long>>;

// Whether the furthest d-path on diagonal k extends the (d-1)-path of diagonal k + 1 by
// an insertion (rather than that of k - 1 by a deletion). `previous` is fronts[d - 1].
bool comes_down(const std::vector<long>& previous, long d, long k) {
  auto at = [&](long diagonal) { return previous[static_cast<std::size_t>((diagonal + d - 1) / 2)]; };
  return k == -d || (k != d && at(k - 1) < at(k + 1));
}

// The x where the d-path on diagonal k starts its final run of equal lines.
long snake_start(const std::vector<long>& previous, long d, long k) {
  auto at = [&](long diagonal) { return previous[static_cast<std::size_t>((diagonal + d - 1) / 2)]; };
  return comes_down(previous, d, k) ? at(k + 1) : at(k - 1) + 1;
}

// The edit script of the path that reached (x, y) with fronts.size() - 1 edits.
std::vector<Op> backtrack(const Fronts& fronts, long x, long y) {
  std::vector<Op> ops;
  for (long d = static_cast<long>(fronts.size()) - 1; d > 0; --d) {
    const std::vector<long>& previous = fronts[static_cast<std::size_t>(d - 1)];
    long k = x - y;
    bool down = comes_down(previous, d, k);
    long start = snake_start(previous, d, k);
    ops.insert(ops.end(), static_cast<std::size_t>(x - start), Op::kEqual);
    ops.push_back(down ? Op::kInsert : Op::kDelete);
    long previous_k = down ? k + 1 : k - 1;
    x = down ? start : start - 1;
    y = x - previous_k;
  }
  ops.insert(ops.end(), static_cast<std::size_t>(x), Op::kEqual);
  std::reverse(ops.begin(), ops.end());
  return ops;
}

// The shortest edit script turning `a` into `b`; nullopt when it has more than
// kMaxDiffEdits edits.
std::optional<std::vector<Op>> shortest_edits(Lines a, Lines b) {
  const long n = static_cast<long>(a.size());
  const long m = static_cast<long>(b.size());
  Fronts fronts;
  for (long d = 0; d <= static_cast<long>(kMaxDiffEdits); ++d) {
    std::vector<long> front(static_cast<std::size_t>(d + 1));
    for (long k = -d; k <= d; k += 2) {
      long x = d == 0 ? 0 : snake_start(fronts.back(), d, k);
      long y = x - k;
      while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) ++x, ++y;
      front[static_cast<std::size_t>((k + d) / 2)] = x;
      if (x >= n && y >= m) {
        fronts.push_back(std::move(front));
        return backtrack(fronts, n, m);
      }
    }
    fronts.push_back(std::move(front));
  }
  return std::nullopt;
}

// The edit script of the whole texts: common prefix and suffix, and the middle.
std::vector<Op> edit_script(Lines a, Lines b) {
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  Lines a_middle = a.subspan(prefix, a.size() - prefix - suffix);
  Lines b_middle = b.subspan(prefix, b.size() - prefix - suffix);
  std::vector<Op> ops(prefix, Op::kEqual);
  if (auto middle = shortest_edits(a_middle, b_middle)) {
    ops.insert(ops.end(), middle->begin(), middle->end());
  } else {
    ops.insert(ops.end(), a_middle.size(), Op::kDelete);
    ops.insert(ops.end(), b_middle.size(), Op::kInsert);
  }
  ops.insert(ops.end(), suffix, Op::kEqual);
  return ops;
}

// A hunk header's range: "start,count", "start" for one line, "before,0" for none.
std::string hunk_range(std::size_t before, std::size_t count) {
  if (count == 1) return fmt::format("{}", before + 1);
  return fmt::format("{},{}", count == 0 ? before : before + 1, count);
}

// Writes the hunks of `ops` over `a` and `b` to `out`.
class HunkWriter {
 public:
  HunkWriter(Lines a, Lines b, const std::vector<Op>& ops, std::size_t context)
      : a_(a), b_(b), ops_(ops), context_(context) {}

  void write_all(std::string& out) {
    std::size_t position = 0;
    while (true) {
      std::size_t change = next_change(position);
      if (change == ops_.size()) return;
      std::size_t end = change;
      for (std::size_t next = change; next < ops_.size() && next - end <= 2 * context_;
           next = next_change(end)) {
        end = next + 1;
      }
      std::size_t begin = std::max(change, position + context_) - context_;
      std::size_t stop = std::min(end + context_, ops_.size());
      write_hunk(begin, stop, out);
      position = stop;
    }
  }

 private:
  std::size_t next_change(std::size_t from) const {
    while (from < ops_.size() && ops_[from] == Op::kEqual) ++from;
    return from;
  }

  // Moves the line counters over ops_[from, to).
  void advance(std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      if (ops_[i] != Op::kInsert) ++old_line_;
      if (ops_[i] != Op::kDelete) ++new_line_;
    }
  }

  void write_hunk(std::size_t begin, std::size_t stop, std::string& out) {
    advance(counted_, begin);
    std::size_t old_before = old_line_;
    std::size_t new_before = new_line_;
    std::string body;
    for (std::size_t i = begin; i < stop; ++i) {
      std::string_view line = ops_[i] == Op::kInsert ? b_[new_line_] : a_[old_line_];
      advance(i, i + 1);
      body += static_cast<char>(ops_[i]);
      body += line;
      if (!line.ends_with('\n')) body += "\n\\ No newline at end of file\n";
    }
    counted_ = stop;
    out += fmt::format("@@ -{} +{} @@\n", hunk_range(old_before, old_line_ - old_before),
                       hunk_range(new_before, new_line_ - new_before));
    out += body;
  }

  Lines a_;
  Lines b_;
  const std::vector<Op>& ops_;
  std::size_t context_;
  std::size_t counted_ = 0;  // ops before this index are counted in the line counters
  std::size_t old_line_ = 0;
  std::size_t new_line_ = 0;
};

}  // namespace

std::string unified_diff(std::string_view old_text, std::string_view new_text, std::string_view old_name,
                         std::string_view new_name, std::size_t context) {
  if (old_text == new_text) return "";
  std::vector<std::string_view> a = split_lines(old_text);
  std::vector<std::string_view> b = split_lines(new_text);
  std::vector<Op> ops = edit_script(a, b);
  std::string out = fmt::format("--- {}\n+++ {}\n", old_name, new_name);
  HunkWriter(a, b, ops, context).write_all(out);
  return out;
}

}  // namespace skylr

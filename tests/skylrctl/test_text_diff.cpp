#include "text_diff.h"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

namespace skylr {
namespace {

struct DiffCase {
  const char* name;
  const char* old_text;
  const char* new_text;
  std::size_t context;
  const char* expected;  // after the "--- a\n+++ b\n" header
};

const DiffCase kCases[] = {
    {"one line changed", "a\nb\nc\n", "a\nB\nc\n", 3, "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
    {"line added at the end", "a\nb\n", "a\nb\nc\n", 3, "@@ -1,2 +1,3 @@\n a\n b\n+c\n"},
    {"line removed at the start", "a\nb\nc\n", "b\nc\n", 3, "@@ -1,3 +1,2 @@\n-a\n b\n c\n"},
    {"from nothing", "", "x\ny\n", 3, "@@ -0,0 +1,2 @@\n+x\n+y\n"},
    {"to nothing", "x\n", "", 3, "@@ -1 +0,0 @@\n-x\n"},
    {"single lines", "x\n", "y\n", 3, "@@ -1 +1 @@\n-x\n+y\n"},
    {"insertion without context", "a\nb\n", "a\nn\nb\n", 0, "@@ -1,0 +2 @@\n+n\n"},
    {"context is cut at the edges", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\n5\n6\n7\nX\n", 2,
     "@@ -6,3 +6,3 @@\n 6\n 7\n-8\n+X\n"},
    {"changes far apart make two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "X\n2\n3\n4\n5\n6\n7\n8\nY\n", 1,
     "@@ -1,2 +1,2 @@\n-1\n+X\n 2\n@@ -8,2 +8,2 @@\n 8\n-9\n+Y\n"},
    {"changes 2*context apart share a hunk", "1\n2\n3\n4\n", "X\n2\n3\nY\n", 1,
     "@@ -1,4 +1,4 @@\n-1\n+X\n 2\n 3\n-4\n+Y\n"},
    {"missing final newline", "a\nb", "a\nb\n", 3,
     "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"},
    {"moved block is a minimal edit", "a\nb\nc\nd\n", "b\nc\nd\na\n", 3,
     "@@ -1,4 +1,4 @@\n-a\n b\n c\n d\n+a\n"},
};

// `old_text` with `diff` applied, hunk by hunk; lines outside hunks are copied.
std::string apply_diff(const std::string& old_text, const std::string& diff) {
  std::vector<std::string> old_lines;
  for (std::size_t at = 0; at < old_text.size();) {
    std::size_t end = old_text.find('\n', at);
    end = end == std::string::npos ? old_text.size() : end + 1;
    old_lines.push_back(old_text.substr(at, end - at));
    at = end;
  }
  std::string out;
  std::size_t copied = 0;
  std::size_t at = diff.find("@@");
  while (at < diff.size()) {
    std::size_t end = diff.find('\n', at) + 1;
    std::string line = diff.substr(at, end - at);
    at = end;
    if (line.starts_with("@@")) {
      std::size_t start = std::stoul(line.substr(4));
      bool empty = line.substr(4, line.find(' ', 4) - 4).ends_with(",0");
      for (std::size_t stop = empty ? start : start - 1; copied < stop; ++copied) out += old_lines[copied];
    } else if (line.starts_with("\\")) {
      out.pop_back();  // the line before had no newline
    } else {
      if (line[0] != '+') ++copied;
      if (line[0] != '-') out += line.substr(1);
    }
  }
  for (; copied < old_lines.size(); ++copied) out += old_lines[copied];
  return out;
}

// The length of the longest common subsequence of the lines of `a` and `b` (no final-newline subtleties).
std::size_t lcs_length(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::vector<std::size_t>> table(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      table[i][j] =
          a[i - 1] == b[j - 1] ? table[i - 1][j - 1] + 1 : std::max(table[i - 1][j], table[i][j - 1]);
    }
  }
  return table[a.size()][b.size()];
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

std::size_t count_edits(const std::string& diff) {
  std::size_t edits = 0;
  for (std::size_t at = diff.find("@@"); at < diff.size(); at = diff.find('\n', at) + 1) {
    if (diff[at] == '+' || diff[at] == '-') ++edits;
  }
  return edits;
}

}  // namespace

TEST_CASE("skylr::unified_diff") {
  SUBCASE("equal texts give no diff") {
    CHECK(unified_diff("a\nb\n", "a\nb\n", "a", "b") == "");
    CHECK(unified_diff("", "", "a", "b") == "");
  }

  SUBCASE("table") {
    for (const DiffCase& c : kCases) {
      CAPTURE(c.name);
      CHECK(unified_diff(c.old_text, c.new_text, "a", "b", c.context) ==
            std::string("--- a\n+++ b\n") + c.expected);
    }
  }

  SUBCASE("names head the diff") {
    CHECK(unified_diff("x\n", "y\n", "/etc/haproxy/haproxy.cfg", "rendered")
              .starts_with("--- /etc/haproxy/haproxy.cfg\n+++ rendered\n@@ -1 +1 @@\n"));
  }

  SUBCASE("random texts: the diff turns old into new with the fewest edits") {
    std::mt19937 random(20240601);
    for (int round = 0; round < 300; ++round) {
      std::vector<std::string> a(random() % 12), b(random() % 12);
      for (auto& line : a) line = std::string(1, static_cast<char>('a' + random() % 4));
      for (auto& line : b) line = std::string(1, static_cast<char>('a' + random() % 4));
      std::string old_text = join_lines(a), new_text = join_lines(b);
      std::size_t context = random() % 4;
      std::string diff = unified_diff(old_text, new_text, "a", "b", context);
      CAPTURE(old_text);
      CAPTURE(new_text);
      CAPTURE(diff);
      CHECK(apply_diff(old_text, diff) == new_text);
      CHECK(count_edits(diff) == a.size() + b.size() - 2 * lcs_length(a, b));
    }
  }

  SUBCASE("beyond kMaxDiffEdits the middle is replaced whole") {
    std::vector<std::string> a, b;
    for (std::size_t i = 0; i < kMaxDiffEdits; ++i) {
      a.push_back("old " + std::to_string(i));
      b.push_back("new " + std::to_string(i));
    }
    a.push_back("same");
    b.push_back("same");
    std::string diff = unified_diff(join_lines(a), join_lines(b), "a", "b");
    CHECK(apply_diff(join_lines(a), diff) == join_lines(b));
    CHECK(diff.starts_with("--- a\n+++ b\n@@ -1,2001 +1,2001 @@\n-old 0\n-old 1\n"));
  }
}

}  // namespace skylr

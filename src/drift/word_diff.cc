#include "drift/word_diff.h"

#include <algorithm>
#include <cstdint>

namespace mcpguard::drift {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

enum class Op { kKeep, kDel, kAdd };

struct Step {
  Op op;
  const std::string* word;
};

// The edit script of a[ab..ae) into b[bb..be) by LCS (a table of suffix
// lengths, then one forward walk).
void Lcs(const std::vector<std::string>& a, size_t ab, size_t ae, const std::vector<std::string>& b, size_t bb,
         size_t be, std::vector<Step>& out) {
  const size_t n = ae - ab, m = be - bb;
  if (n == 0 || m == 0 || n * m > kMaxCells) {
    for (size_t i = ab; i < ae; ++i) out.push_back({Op::kDel, &a[i]});
    for (size_t j = bb; j < be; ++j) out.push_back({Op::kAdd, &b[j]});
    return;
  }
  std::vector<uint32_t> len((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> uint32_t& { return len[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      at(i, j) = a[ab + i] == b[bb + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (a[ab + i] == b[bb + j]) {
      out.push_back({Op::kKeep, &a[ab + i]});
      ++i;
      ++j;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      out.push_back({Op::kDel, &a[ab + i++]});
    } else {
      out.push_back({Op::kAdd, &b[bb + j++]});
    }
  }
  for (; i < n; ++i) out.push_back({Op::kDel, &a[ab + i]});
  for (; j < m; ++j) out.push_back({Op::kAdd, &b[bb + j]});
}

}  // namespace

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    const size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i > start) out.emplace_back(text.substr(start, i - start));
  }
  return out;
}

std::string WordDiff(std::string_view before, std::string_view after) {
  const std::vector<std::string> a = Words(before), b = Words(after);
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  std::vector<Step> steps;
  for (size_t i = 0; i < head; ++i) steps.push_back({Op::kKeep, &a[i]});
  Lcs(a, head, a.size() - tail, b, head, b.size() - tail, steps);
  for (size_t i = a.size() - tail; i < a.size(); ++i) steps.push_back({Op::kKeep, &a[i]});

  // Runs of one kind become one bracket; within a changed stretch, every
  // removal is shown before every addition.
  std::string out;
  auto emit = [&](const std::string& piece) {
    if (!out.empty()) out += ' ';
    out += piece;
  };
  size_t k = 0;
  while (k < steps.size()) {
    if (steps[k].op == Op::kKeep) {
      emit(*steps[k++].word);
      continue;
    }
    std::string del, add;
    for (; k < steps.size() && steps[k].op != Op::kKeep; ++k) {
      std::string& into = steps[k].op == Op::kDel ? del : add;
      if (!into.empty()) into += ' ';
      into += *steps[k].word;
    }
    if (!del.empty()) emit("[-" + del + "-]");
    if (!add.empty()) emit("{+" + add + "+}");
  }
  return out;
}

}  // namespace mcpguard::drift

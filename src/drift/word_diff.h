// A word-level diff of two texts (a tool description before and after), in
// the `git diff --word-diff=plain` style: "read [-a-]{+every+} file". Words
// are runs of non-space characters; the output joins them with one space.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mcpguard::drift {

std::vector<std::string> Words(std::string_view text);

// Unchanged words as they are, removed runs as "[-...-]", added runs as
// "{+...+}" (a replaced run shows both, removed first). Equal texts give the
// text itself. Longest common subsequence over words after trimming the
// common head and tail; past kMaxCells of table the middle is shown as one
// replacement rather than spend quadratic time on hostile input.
std::string WordDiff(std::string_view before, std::string_view after);

inline constexpr size_t kMaxCells = 4'000'000;

}  // namespace mcpguard::drift

// How deeply a JSON text nests, found without parsing it: a hostile server
// can send "[[[[..." eight MiB deep, and parsing, copying or printing such a
// value recurses once per level. Messages nesting deeper than kMaxJsonDepth
// are refused before anything else looks at them.
#pragma once

#include <cstddef>
#include <string_view>

namespace mcpguard::probe {

// Real MCP messages (JSON Schemas included) stay far below this.
inline constexpr size_t kMaxJsonDepth = 128;

// The deepest level of [ and { in `text`, outside strings; stops counting
// once `limit` is passed.
inline size_t JsonDepth(std::string_view text, size_t limit = kMaxJsonDepth) {
  size_t depth = 0;
  size_t deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace mcpguard::probe

// Text a server controls (a stray stdout line, a JSON-RPC error message, a
// tool name in an error) quoted in our own messages: capped, with control
// characters shown as \xHH so an ANSI escape cannot reach a terminal.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace mcpguard::probe {

inline std::string Printable(std::string_view text, size_t max = 200) {
  std::string out;
  for (char c : text.substr(0, max)) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  if (text.size() > max) out += "...";
  return out;
}

}  // namespace mcpguard::probe

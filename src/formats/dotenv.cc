#include "formats/dotenv.h"

#include <cctype>

namespace mcpguard::formats {
namespace {

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool ValidKey(std::string_view k) {
  if (k.empty() || std::isdigit(static_cast<unsigned char>(k.front()))) return false;
  for (char c : k) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-') return false;
  }
  return true;
}

}  // namespace

std::vector<DotenvEntry> ParseDotenv(std::string_view text) {
  std::vector<DotenvEntry> out;
  uint32_t line_no = 0;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    ++line_no;
    start = end + 1;
    const size_t indent = line.find_first_not_of(" \t");
    line = TrimSpace(line);
    if (line.empty() || line.front() == '#') continue;
    size_t col = indent == std::string_view::npos ? 0 : indent;
    if (line.substr(0, 7) == "export ") {
      line = TrimSpace(line.substr(7));
      col += 7;
    }
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = TrimSpace(line.substr(0, eq));
    std::string_view value = TrimSpace(line.substr(eq + 1));
    if (!ValidKey(key)) continue;
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    } else if (const size_t hash = value.find(" #"); hash != std::string_view::npos) {
      value = TrimSpace(value.substr(0, hash));  // an inline comment after an unquoted value
    }
    out.push_back(DotenvEntry{std::string(key), std::string(value), Pos{line_no, static_cast<uint32_t>(col + 1)}});
    if (end == text.size()) break;
  }
  return out;
}

}  // namespace mcpguard::formats

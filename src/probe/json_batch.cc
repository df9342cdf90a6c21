#include "probe/json_batch.h"

#include <nlohmann/json.hpp>

namespace mcpguard::probe {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view TrimJson(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// The top-level elements of a JSON array already known to be valid.
std::vector<std::string_view> ArrayElements(std::string_view array) {
  std::vector<std::string_view> out;
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  size_t start = 1;
  for (size_t i = 1; i + 1 < array.size(); ++i) {
    const char c = array[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') ++depth;
    else if (c == '}' || c == ']') --depth;
    else if (c == ',' && depth == 0) {
      out.push_back(TrimJson(array.substr(start, i - start)));
      start = i + 1;
    }
  }
  const std::string_view last = TrimJson(array.substr(start, array.size() - 1 - start));
  if (!last.empty()) out.push_back(last);
  return out;
}

}  // namespace

Result<std::vector<std::string>> SplitJsonRpc(std::string_view text) {
  // nlohmann's lexer takes a NUL byte for the end of its input, so text after
  // one would pass accept() unseen and end up in the last message. JSON has
  // no raw NUL anywhere (in a string it must be escaped).
  if (text.find('\0') != std::string_view::npos) return Fail(Errc::kProtocol, "not JSON: a NUL byte");
  // accept() validates without building a tree (and without recursion).
  if (!nlohmann::json::accept(text.begin(), text.end())) return Fail(Errc::kProtocol, "not JSON");
  const std::string_view body = TrimJson(text);
  if (body.front() == '{') return std::vector<std::string>{std::string(body)};
  if (body.front() != '[') return Fail(Errc::kProtocol, "JSON that is not a JSON-RPC message");
  std::vector<std::string> out;
  for (std::string_view element : ArrayElements(body)) {
    if (element.front() != '{') return Fail(Errc::kProtocol, "a batch holding something other than messages");
    out.emplace_back(element);
  }
  if (out.empty()) return Fail(Errc::kProtocol, "an empty batch");
  return out;
}

}  // namespace mcpguard::probe

#include "base/path.h"

#include <algorithm>

namespace mcpguard {

std::string JoinPath(std::string_view a, std::string_view b) {
  if (a.empty() || IsAbsolutePath(b)) return std::string(b);
  if (b.empty()) return std::string(a);
  std::string out(a);
  if (out.back() != '/') out += '/';
  while (!b.empty() && b.front() == '/') b.remove_prefix(1);
  out += b;
  return out;
}

std::string Dirname(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

std::string Basename(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  const size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool IsAbsolutePath(std::string_view path) { return !path.empty() && path.front() == '/'; }

std::string CleanPath(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      if (out.empty() || out.back() != '/') out += '/';
      ++i;
      continue;
    }
    if (path[i] == '.' && (out.empty() || out.back() == '/') &&
        (i + 1 == path.size() || path[i + 1] == '/') && !out.empty()) {
      ++i;  // a "." component
      continue;
    }
    out += path[i++];
  }
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::string ResolvePath(std::string_view base, std::string_view rel) {
  std::string out = IsAbsolutePath(rel) ? "/" : CleanPath(base);
  size_t i = 0;
  while (i <= rel.size()) {
    const size_t slash = std::min(rel.find('/', i), rel.size());
    const std::string_view part = rel.substr(i, slash - i);
    if (part == "..") {
      out = Dirname(out);
    } else if (!part.empty() && part != ".") {
      out = JoinPath(out, part);
    }
    i = slash + 1;
  }
  return out;
}

std::string AbbreviateHome(std::string_view path, std::string_view home) {
  while (home.size() > 1 && home.back() == '/') home.remove_suffix(1);
  if (home.empty() || home == "/") return std::string(path);
  if (path == home) return "~";
  if (path.size() > home.size() && path.substr(0, home.size()) == home && path[home.size()] == '/') {
    return "~" + std::string(path.substr(home.size()));
  }
  return std::string(path);
}

std::string FileUriToPath(std::string_view uri) {
  constexpr std::string_view kPrefix = "file://";
  if (uri.substr(0, kPrefix.size()) != kPrefix) return {};
  uri.remove_prefix(kPrefix.size());
  if (uri.empty() || uri.front() != '/') return {};  // "file://host/..." is not local
  std::string out;
  for (size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size()) {
      auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      const int hi = hex(uri[i + 1]);
      const int lo = hex(uri[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += uri[i];
  }
  // "file:///c%3A/Users/x" (a Windows workspace) becomes "/c:/Users/x"; keep it
  // as is: such a root simply does not exist on this machine.
  return out;
}

}  // namespace mcpguard

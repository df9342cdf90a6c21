#include "base/environment.h"

#include <limits.h>
#include <pwd.h>
#include <unistd.h>

extern char** environ;

namespace mcpguard {

std::string_view OsName(Os os) {
  switch (os) {
    case Os::kLinux: return "linux";
    case Os::kMacos: return "macos";
    case Os::kWindows: return "windows";
  }
  return "linux";
}

Result<Os> ParseOs(std::string_view name) {
  if (name == "linux") return Os::kLinux;
  if (name == "macos" || name == "darwin") return Os::kMacos;
  if (name == "windows") return Os::kWindows;
  return Fail(Errc::kInvalidArgument, "unknown OS '" + std::string(name) + "' (expected linux, macos or windows)");
}

Os CurrentOs() {
#if defined(__APPLE__)
  return Os::kMacos;
#elif defined(_WIN32)
  return Os::kWindows;
#else
  return Os::kLinux;
#endif
}

Environment Environment::FromProcess() {
  std::map<std::string, std::string, std::less<>> vars;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    const size_t eq = entry.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    vars.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return Environment(std::move(vars));
}

std::optional<std::string> Environment::Get(std::string_view name) const {
  auto it = vars_.find(name);
  if (it == vars_.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

std::string Environment::GetOr(std::string_view name, std::string fallback) const {
  auto v = Get(name);
  return v ? *v : std::move(fallback);
}

void Environment::Unset(std::string_view name) {
  auto it = vars_.find(name);
  if (it != vars_.end()) vars_.erase(it);
}

std::string UserName(const Environment& env) {
  if (auto user = env.Get("USER")) return *user;
  if (auto user = env.Get("LOGNAME")) return *user;
  if (const passwd* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_name != nullptr) return pw->pw_name;
  return "mcpguard";
}

std::string HostName() {
  char buf[HOST_NAME_MAX + 1] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "localhost";
  return buf;
}

}  // namespace mcpguard

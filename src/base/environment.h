// The process environment as a value, so discovery can be run against any
// home (tests, --all-users, a macOS or Windows layout on Linux) without
// touching the real one.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"

namespace mcpguard {

enum class Os { kLinux, kMacos, kWindows };

std::string_view OsName(Os os);  // "linux", "macos", "windows"
Result<Os> ParseOs(std::string_view name);
Os CurrentOs();

class Environment;

// Who runs mcpguard: $USER, $LOGNAME, else the account name of the uid.
std::string UserName(const Environment& env);
// This machine's host name ("localhost" when it has none).
std::string HostName();

class Environment {
 public:
  Environment() = default;
  explicit Environment(std::map<std::string, std::string, std::less<>> vars) : vars_(std::move(vars)) {}

  // A snapshot of this process's environment (environ).
  static Environment FromProcess();

  // The value of `name`; nullopt when unset or set to the empty string
  // (every host we read treats an empty HOME or XDG_* like an unset one).
  std::optional<std::string> Get(std::string_view name) const;
  std::string GetOr(std::string_view name, std::string fallback) const;
  void Set(std::string name, std::string value) { vars_[std::move(name)] = std::move(value); }
  void Unset(std::string_view name);
  const std::map<std::string, std::string, std::less<>>& vars() const { return vars_; }

 private:
  std::map<std::string, std::string, std::less<>> vars_;
};

}  // namespace mcpguard

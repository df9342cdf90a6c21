#include "inventory/wrapper.h"

#include <algorithm>

#include "base/path.h"

namespace mcpguard::inventory {

std::optional<WrappedLaunch> ParseWrapped(const std::string& command, const std::vector<std::string>& args) {
  const std::string base = Basename(command);
  if (base != "mcpguard" && base != "mcpguard.exe") return std::nullopt;
  if (args.empty() || args.front() != "exec") return std::nullopt;
  const auto dashes = std::find(args.begin(), args.end(), "--");
  if (dashes == args.end() || dashes + 1 == args.end()) return std::nullopt;
  WrappedLaunch w;
  w.mcpguard = command;
  w.exec_args.assign(args.begin(), dashes);
  w.command = *(dashes + 1);
  w.args.assign(dashes + 2, args.end());
  w.guard = std::find(w.exec_args.begin(), w.exec_args.end(), "--guard") != w.exec_args.end();
  return w;
}

}  // namespace mcpguard::inventory

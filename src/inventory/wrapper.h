// A server launch wrapped by 'mcpguard hooks install':
//   mcpguard exec --host H --server NAME [--config PATH] [--guard] -- CMD ARGS...
// Everything that compares launches (verify, approve, drift, history) looks
// through the wrapper at CMD ARGS, so installing the hooks changes no pin and
// a baseline approved before wrapping still verifies after it.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mcpguard::inventory {

struct WrappedLaunch {
  std::string mcpguard;                 // the wrapper's command (a path to mcpguard)
  std::vector<std::string> exec_args;   // "exec" ... up to, not including, "--"
  std::string command;                  // CMD
  std::vector<std::string> args;        // ARGS
  bool guard = false;                   // --guard among exec_args
};

// The wrapped launch when `command args` is one, else nullopt. Only a
// command named mcpguard whose first argument is "exec" and that has a "--"
// followed by a command counts.
std::optional<WrappedLaunch> ParseWrapped(const std::string& command, const std::vector<std::string>& args);

}  // namespace mcpguard::inventory

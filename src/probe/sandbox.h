// The bubblewrap sandbox a probed stdio server runs in: the whole file system
// read-only, a fresh /tmp, the user's home replaced by an empty tmpfs, and
// back into it only what the launch names or needs: the launcher's install
// (a command under ~/.nvm, ~/.local...), paths given as arguments or as the
// working directory (read-only), and the package caches npx and uvx fill
// (writable). No new privileges, its own PID namespace, and it dies with us.
// The network is left alone: npx and uvx may need to fetch the package.
#pragma once

#include <string>
#include <vector>

namespace mcpguard::probe {

struct SandboxSpec {
  std::string bwrap;  // the bwrap binary
  std::string home;   // hidden
  std::string command_path;         // absolute
  std::vector<std::string> args;    // the server's arguments (after decoys)
  std::string cwd;                  // absolute; where the server starts
};

// bwrap's path from PATH ("" when not installed).
std::string FindBwrap(const std::string& path_var);

// The argv that runs command_path + args inside the sandbox.
std::vector<std::string> SandboxArgv(const SandboxSpec& spec);

}  // namespace mcpguard::probe

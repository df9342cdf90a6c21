// MCP over stdio: the server is a child process that reads JSON-RPC messages
// from stdin and writes them to stdout, one per line. The child runs in its
// own process group, and Close (or the destructor) kills the whole group, so
// nothing a server starts outlives its probe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/error.h"
#include "probe/transport.h"

namespace mcpguard::probe {

struct StdioLaunch {
  std::vector<std::string> argv;  // argv[0] looked up in our PATH when it has no '/'
  std::vector<std::string> env;   // the child's whole environment, "KEY=VALUE"
  std::string cwd;                // empty: ours
  size_t stderr_cap = 64u << 10;  // the last this-many bytes of stderr are kept
  // Lines on stdout that are not JSON (a banner, a stray console.log) are
  // skipped and counted; one more than this is an error.
  int max_stray_lines = 20;
};

// Starts the child. kNotFound when it cannot be started at all.
Result<std::unique_ptr<Transport>> StartStdio(const StdioLaunch& launch);

}  // namespace mcpguard::probe

// Running a child process with pipes, a hard timeout and capped output. The
// child gets its own process group, and the whole group is killed at the end
// (timeout or not), so nothing it started outlives the call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"

namespace mcpguard {

struct ProcessOptions {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH when it has no '/'
  // The child's whole environment as "KEY=VALUE"; nullopt inherits ours.
  std::optional<std::vector<std::string>> env;
  std::string cwd;         // empty: ours
  std::string stdin_data;  // written, then stdin is closed
  int timeout_ms = 30'000;
  size_t output_cap = 16u << 20;  // per stream; the rest is read and dropped
};

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  bool timed_out = false;
  std::string out;
  std::string err;
  bool out_truncated = false;
  bool err_truncated = false;
};

// Errors only when the process could not be started at all.
Result<ProcessResult> RunProcess(const ProcessOptions& options);

}  // namespace mcpguard

// Running a child process with pipes, a hard timeout and capped output. The
// child gets its own process group, and the whole group is killed at the end
// (timeout or not), so nothing it started outlives the call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

#include "base/error.h"
#include "base/file.h"

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

// The one way mcpguard starts a program it talks to (RunProcess, the probe's
// stdio transport, the exec guard's relay): posix_spawnp in a new process
// group (so the whole group can be killed), pipes on stdin and stdout (and
// stderr unless the child should write to ours), our ends close-on-exec,
// SIGPIPE/SIGINT/SIGTERM/SIGHUP back to their defaults and no signal blocked
// in the child whatever we block.
struct SpawnOptions {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH when it has no '/'
  std::optional<std::vector<std::string>> env;  // nullopt: ours
  std::string cwd;                               // empty: ours
  bool pipe_stderr = true;                       // false: the child inherits our stderr
};

struct SpawnedChild {
  pid_t pid = -1;  // also the process group id
  UniqueFd in;     // write end of the child's stdin
  UniqueFd out;    // read end of its stdout
  UniqueFd err;    // read end of its stderr (not valid when not piped)
};

// kNotFound "cannot run X: ..." when the program cannot be started.
Result<SpawnedChild> SpawnPiped(const SpawnOptions& options);

}  // namespace mcpguard

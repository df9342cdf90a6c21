// Running the built mcpguard binary against a fake home, as a user would.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/process.h"

namespace mcpguard::test {

// Environment variables: name, value.
using Env = std::map<std::string, std::string>;

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
  // stdout parsed as JSON (throws when it is not).
  nlohmann::json Json() const { return nlohmann::json::parse(out); }
};

// Runs MCPGUARD_BINARY with `args`. The child's environment is built from
// scratch: HOME=`home`, XDG_* and the Windows roots unset unless given in
// `env`, NO_COLOR=1, PATH and TMPDIR kept; `cwd` defaults to `home`.
Run RunMcpguard(const std::vector<std::string>& args, const std::string& home,
                const Env& env = {}, const std::string& cwd = {});

// Runs the real git CLI with `args`, unaffected by any user or system git
// configuration (HOME=/nonexistent, GIT_CONFIG_NOSYSTEM, LC_ALL=C). Throws
// when git cannot be started.
ProcessResult RunGit(const std::vector<std::string>& args);

}  // namespace mcpguard::test

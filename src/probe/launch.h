// What a probed server is given: its command line, environment, headers and
// URL as configured, with every credential swapped for a decoy (unless the
// user asked for the real ones), ${env:X}-style references resolved from our
// environment, and nothing else of ours but a few harmless variables.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "model/server.h"
#include "probe/probe.h"

namespace mcpguard::probe {

struct LaunchPlan {
  std::string command_path;  // absolute, before any sandbox wrapping
  std::vector<std::string> argv;  // what to spawn (bwrap ... -- command args, or command args)
  std::vector<std::string> env;   // "KEY=VALUE"
  std::string cwd;
  bool sandboxed = false;
  std::string url;  // http/sse
  std::vector<std::pair<std::string, std::string>> headers;
  // The real secret values handed over (with_credentials only), to be
  // scrubbed from anything of the server's we quote (its stderr).
  std::vector<std::string> secrets;
};

// kNotFound when the command cannot be found; kUnsupported for a transport
// we cannot probe.
Result<LaunchPlan> PlanLaunch(const model::Server& server, const ProbeOptions& options);

// `text` with every secret of `plan` replaced by "<redacted>".
std::string Scrub(std::string text, const LaunchPlan& plan);
std::string Scrub(std::string text, const std::vector<std::string>& secrets);
// The same over every string of `j`, object keys included: a server that
// echoes a real secret into a description must not get it recorded.
void ScrubJson(nlohmann::json& j, const std::vector<std::string>& secrets);

}  // namespace mcpguard::probe

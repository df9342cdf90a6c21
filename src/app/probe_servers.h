// `scan --probe`: start the chosen servers (or connect to them), list what
// they serve and keep it on each Server as its Surface. A server that cannot
// be probed gets a Surface with the reason in `error`; the others go on.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "base/environment.h"
#include "base/error.h"
#include "model/snapshot.h"

namespace mcpguard::app {

struct ProbeRequest {
  // Server names, or "host/name"; empty: every enabled stdio, http and sse server.
  std::vector<std::string> servers;
  bool with_credentials = false;
  bool sandbox = true;
  int timeout_ms = 20'000;
  int parallel = 8;
};

// kNotFound when a named server is not configured; per-server failures are
// in the surfaces, never an error here.
Result<void> ProbeSnapshot(const ProbeRequest& request, const Environment& env, const std::string& home,
                           const std::string& tool_version, model::Snapshot& snap,
                           const std::function<void(const std::string&)>& progress = {},
                           const std::atomic<bool>* interrupted = nullptr);

}  // namespace mcpguard::app

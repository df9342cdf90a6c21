// Probing: start a configured server (or connect to a remote one), list what
// it serves, and pin it (probe/surface.h). The only place mcpguard runs an
// MCP server, so the only place with the safety rules:
//  - credentials are swapped for decoys (probe/decoy.h) unless the user asks
//    otherwise;
//  - the child gets a minimal environment, not ours;
//  - when bubblewrap is installed, the child runs in a sandbox that hides the
//    user's home (and /tmp) except what its launch needs (probe/sandbox.h);
//  - every probe ends at a deadline, with its whole process group killed.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "base/environment.h"
#include "model/server.h"
#include "model/surface.h"

namespace mcpguard::probe {

struct ProbeOptions {
  bool with_credentials = false;  // give the server the real secrets
  bool sandbox = true;            // use bubblewrap when it is installed
  int timeout_ms = 20'000;        // the whole probe: start, initialize, every list
  std::string home;               // the user's home, hidden by the sandbox
  Environment env;                // ours: PATH, LANG, the values of ${env:X} references
  std::string client_version;     // sent as clientInfo.version
};

// Never fails: a probe that could not finish says why in Surface::error,
// with what was listed before the failure in Surface::items.
model::Surface ProbeServer(const model::Server& server, const ProbeOptions& options);

// True for the transports ProbeServer can talk to (stdio, http, sse).
bool Probeable(const model::Server& server);

// Probes `servers` with at most `parallel` at a time; surfaces come back in
// the order of `servers`. `done` is called (serialised) after each one. Once
// `stop` is set, the servers not yet started are not (their error says so).
std::vector<model::Surface> ProbeServers(const std::vector<const model::Server*>& servers,
                                         const ProbeOptions& options, int parallel,
                                         const std::function<void(size_t done, size_t total)>& done = {},
                                         const std::atomic<bool>* stop = nullptr);

}  // namespace mcpguard::probe

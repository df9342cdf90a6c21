// The exec guard: after exec approved a server, start it (its own process
// group) and relay newline-delimited JSON-RPC between the host (our stdin and
// stdout) and the server, unchanged except for what the server lists:
// results of tools/list, prompts/list, resources/list and
// resources/templates/list are held to the approved surface pins
// (ApprovedServer::surface). A changed or new item is removed from the result
// and a later tools/call or prompts/get naming it is answered with an error;
// both are written to the audit log. A server approved without surface pins
// has what it lists recorded under $XDG_STATE_HOME/mcpguard/pending/ for
// 'mcpguard approve' to show and sign, and passes unfiltered.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/environment.h"
#include "base/error.h"
#include "model/baseline.h"
#include "model/surface.h"

namespace mcpguard::app {

struct GuardOptions {
  std::string host;
  std::string server;
  std::string key;  // baseline key
  std::optional<model::ApprovedServer> approved;
  std::vector<std::string> argv;
  // Scrubbed from every definition before it is pinned or recorded (ExecDecision::secrets).
  std::vector<std::string> secrets;
};

// Runs until the server exits or the host closes stdin; returns the exit
// status to use (the server's own).
Result<int> RunGuard(const GuardOptions& options, const Environment& env);

// The surface item for one listed definition (a tools/list entry etc.), with
// the same canonical hash the probe pins: SHA-256 over kSurfaceItemTag "\n"
// and the canonical JSON of the definition without `_meta`.
model::SurfaceItem ItemOf(const std::string& kind, const nlohmann::json& definition);

// Removes from a list result (`result` of tools/list...) every item whose pin
// is missing or different; returns their keys ("tool/x"). Each definition is
// pinned with `secrets` scrubbed from it, as the pins were recorded; what is
// kept is passed on as served.
std::vector<std::string> FilterListed(const std::string& method, nlohmann::json& result, const model::Surface& pins,
                                      const std::vector<std::string>& secrets = {});

// Where a server's pending surface is kept.
std::string PendingSurfacePath(const std::string& state_dir, const std::string& key);

// The surface the guard recorded for baseline key `key`, if any.
std::optional<model::Surface> LoadPendingSurface(const std::string& state_dir, const std::string& key);

}  // namespace mcpguard::app

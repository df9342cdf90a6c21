// The poisoning checks (threats.md §2.2) over what servers serve: every
// string of every tool, prompt, resource, template and the instructions,
// against signatures/poisoning.toml, plus the checks that need more than one
// string (annotations against the name, listChanged) or more than one server
// (a description naming another server's tools, duplicate tool names).
// Findings name the server and the item and show the offending text with
// hidden characters made visible (unicode.h MakeVisible).
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "model/finding.h"
#include "model/snapshot.h"
#include "model/surface.h"
#include "poisoning/rules.h"

namespace mcpguard::poisoning {

// Where a finding points: the server's entry in its config file.
struct ServerRef {
  std::string host;
  std::string config_path;
  model::SourcePos pos;
  std::string name;

  static ServerRef Of(const model::ConfigFile& config, const model::Server& server);
};

// Another server the same host loads, for the cross-server checks.
struct Peer {
  std::string name;
  const model::Surface* surface = nullptr;
};

struct Context {
  const PoisonRules* rules = nullptr;
  std::vector<Peer> peers;  // the other servers of the same host that have a surface
};

std::vector<model::Finding> CheckSurface(const ServerRef& server, const model::Surface& surface,
                                         const Context& context);

// Appends the findings of every server with a surface to snap.findings; the
// peers of a server are the other servers of its host.
void CheckSnapshot(model::Snapshot& snap, const PoisonRules& rules);
// Same, with the rules from `signatures_dir` (the built-in ones when empty).
Result<void> CheckSnapshot(model::Snapshot& snap, const std::string& signatures_dir = "");

}  // namespace mcpguard::poisoning

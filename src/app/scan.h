// The scan use case: discover every MCP config of every host, load and
// normalise them into a Snapshot. Callable without argv (cli/ only wires
// flags to ScanOptions).
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/probe_servers.h"
#include "base/environment.h"
#include "base/error.h"
#include "discovery/walk.h"
#include "model/snapshot.h"

namespace mcpguard::app {

struct ScanOptions {
  std::optional<Os> os;                 // layout to scan; default: this machine's
  std::string root;                     // prefix for system paths (/etc/...); empty: "/"
  std::vector<std::string> deep_dirs;   // --deep: walk these for project configs
  std::vector<std::string> hosts;       // only these host ids; empty: all
  bool all_users = false;               // every home in <root>/etc/passwd (root only)
  std::string cwd;                      // treated as a project (up to its git root); empty: none
  std::string signatures_dir;           // empty: the built-in catalog
  std::string tool_version;
  int64_t now_unix = 0;                 // decides token expiry; 0: the clock
  // Findings (credential hygiene, launch checks, git state). verify compares
  // identities and pins only, and runs before every launch: it turns them off.
  bool findings = true;
  // Only these server names are kept once the configs are read, so only they
  // are classified and pinned: exec checks one server before its launch and
  // must not hash every other server's package. Empty: all.
  std::vector<std::string> only_servers;
  // --probe: start the servers and pin what they serve (opt-in).
  std::optional<ProbeRequest> probe;
};

struct ScanHooks {
  std::function<void(const std::string&)> progress;  // short status lines
  const std::atomic<bool>* interrupted = nullptr;
};

struct ScanOutcome {
  model::Snapshot snapshot;
  discovery::WalkStats walk;
  bool interrupted = false;
};

// Fails (a fault, exit 2) only for problems with the request itself: an
// unusable catalog, an unknown host id, --all-users without root. Problems
// with what is scanned are diagnostics inside the snapshot.
Result<ScanOutcome> Scan(const ScanOptions& options, const Environment& env, const ScanHooks& hooks = {});

}  // namespace mcpguard::app

// Finding, on this machine, what an Artifact names, and hashing it: the
// binary on PATH (the server's PATH first, then the user's, then the usual
// install locations), the script an interpreter runs, the npx cache entry a
// package spec maps to. Files are hashed through the stat cache, so a
// re-scan of an unchanged machine reads no file twice.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/environment.h"
#include "model/server.h"
#include "pinning/stat_cache.h"

namespace mcpguard::pinning {

struct ResolveContext {
  Os os = Os::kLinux;
  const Environment* env = nullptr;  // the user's environment (PATH, npm_config_cache)
  std::string home;
  std::vector<std::string> path_fallbacks;  // "~/.local/bin", "~/.nvm/versions/node/*/bin", ...
  StatCache* cache = nullptr;
};

struct ResolveStats {
  uint64_t files_hashed = 0;     // read and hashed this run
  uint64_t files_from_cache = 0; // answered by the stat cache
};

// The executable `command` names: itself when it has a '/', else the first
// match in `dirs` (globs allowed in a component). "" when none.
std::string FindExecutable(const std::string& command, const std::vector<std::string>& dirs);

// The directories searched for `server`'s command, in order.
std::vector<std::string> SearchPath(const model::Server& server, const ResolveContext& ctx);

// Fills the machine-specific fields of `artifact` (path, installed_version,
// integrity, sha256, tree_sha256, files, resolution).
void ResolveArtifact(model::Artifact& artifact, const model::Server& server, const ResolveContext& ctx,
                     ResolveStats& stats);

}  // namespace mcpguard::pinning

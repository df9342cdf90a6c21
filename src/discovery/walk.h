// The --deep walk: every project-level config anywhere below a directory.
// It reads directory entries only (no stat per file), never follows a
// symlinked directory, never enters the catalog's skip list (.git,
// node_modules, caches), and visits each directory once even across bind
// mounts.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/error.h"
#include "discovery/candidates.h"

namespace mcpguard::discovery {

struct WalkStats {
  uint64_t directories = 0;
  uint64_t entries = 0;
  uint64_t unreadable = 0;  // directories that could not be opened (permission)
};

struct WalkOptions {
  std::vector<std::string> host_ids;                        // empty: every host
  std::function<void(const WalkStats&)> progress;           // called now and then
  const std::atomic<bool>* interrupted = nullptr;           // stop early when set
};

// Calls `found` for every project config below `root` (root included).
// Errors when `root` is not a readable directory.
Result<WalkStats> DeepWalk(const std::string& root, const rules::Catalog& catalog, const WalkOptions& options,
                           const std::function<void(Candidate)>& found);

}  // namespace mcpguard::discovery

// `mcpguard diff`: what changed between two recorded scans, server by server
// and field by field, from the per-config JSON files of the two revisions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "history/store.h"

namespace mcpguard::app {

struct ServerDiff {
  enum class Kind { kAdded, kRemoved, kChanged };
  Kind kind = Kind::kChanged;
  std::string host;    // "cursor"
  std::string config;  // the history file: configs/<host>/<scope>/<entry>.json
  std::string name;    // the server's name
  std::vector<std::string> fields;  // kChanged: the top-level fields that differ, sorted
};

std::string_view KindName(ServerDiff::Kind kind);

// Servers of `before` and `after` (history::Files of two revisions) compared
// by config file and name. Where a server sits in its file (position, line,
// column) is not a change. Sorted by config, then name.
std::vector<ServerDiff> DiffServers(const history::Files& before, const history::Files& after);

// "+ cursor/github  (configs/...)" lines; "no server changed" when empty.
std::string DiffText(const std::vector<ServerDiff>& diffs);
nlohmann::json DiffJson(const std::vector<ServerDiff>& diffs);

}  // namespace mcpguard::app

// Recording scans in the history store: one commit per scan that changed
// something, one JSON file per config so `git log -- configs/cursor/...`
// answers "when did this change".
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "base/environment.h"
#include "base/error.h"
#include "history/store.h"
#include "model/snapshot.h"

namespace mcpguard::app {

// $XDG_STATE_HOME/mcpguard/history
std::string HistoryDir(const Environment& env);

// Opens (creating on first use) the history of `env`'s user.
Result<history::Store> OpenHistory(const Environment& env, history::StoreOptions options = {});

// The files one snapshot is recorded as:
//   configs/<host>/<scope>/<path, home as ~, '/' escaped>.json
//   findings.json, summary.json
// pretty-printed, without the fields that change on every scan
// (generated_at, stats, homes), so an unchanged machine commits nothing.
std::map<std::string, std::string> SnapshotFiles(const model::Snapshot& snapshot);

// Removes "position", "line" and "column" everywhere in `j`: where in its
// file a thing was written is no change to it.
void DropPositions(nlohmann::json& j);

// The commit message for going from `previous` (nullopt: the first scan) to
// `current`: "cursor: +github, -fetch; claude-desktop: filesystem changed".
std::string DescribeChange(const std::optional<std::map<std::string, std::string>>& previous,
                           const std::map<std::string, std::string>& current);

// Records `snapshot`, with the current signed baseline (baseline/baseline.json
// and its .minisig, when there is one); the new commit's id, or nullopt when
// nothing changed. Author: $USER <mcpguard@HOSTNAME>.
Result<std::optional<std::string>> RecordScan(const model::Snapshot& snapshot, const Environment& env);

// Records the signed baseline as it is now on top of the last recorded scan,
// so the log says who approved what, and when ("approve: +cursor/github").
Result<std::optional<std::string>> RecordBaseline(const Environment& env, const std::string& message);

}  // namespace mcpguard::app

// Reading the candidate files and mapping them into model::ConfigFile
// values. Each file is read once, however many hosts or paths name it; a file
// that cannot be read or parsed is reported as a ConfigFile with an error
// diagnostic, never skipped.
#pragma once

#include <vector>

#include "discovery/candidates.h"
#include "model/snapshot.h"

namespace mcpguard::inventory {

// `candidates` may name one file several times (two hosts, a symlink, a user
// path that a --deep walk finds again). The result is sorted by host (catalog
// order), then path.
std::vector<model::ConfigFile> LoadConfigs(const std::vector<discovery::Candidate>& candidates,
                                           const rules::Catalog& catalog);

}  // namespace mcpguard::inventory

// The scan the malformed- and hostile-config e2e tests run: one config file
// under test, a good neighbour beside it, and the config object of the file
// under test picked out of the snapshot.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {

// A good config (Kiro's, one server) next to the broken one, so that "the
// scan goes on" is visible.
void GoodNeighbour(const TempDir& t);

struct Outcome {
  Run run;
  nlohmann::json snapshot;
  nlohmann::json config;  // the config object of the file under test
};

// `scan --no-cwd --json --os linux` and `extra` on t/home; `config` is the
// config whose path is `path` (null when the scan did not list it).
Outcome ScanConfig(const TempDir& t, const std::string& path, const std::vector<std::string>& extra = {},
                   const Env& env = {});

// The file could not be read: exit 1, a partial scan with one unreadable
// config, and the good neighbour still scanned with its server.
void CheckPartial(const Outcome& o);

}  // namespace mcpguard::test

// `mcpguard fleet report`: the histories many machines pushed to one remote
// (refs/mcpguard/machines/<id>), fetched into a cache repository
// (<state_dir>/fleet) and compared.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/environment.h"
#include "base/error.h"

namespace mcpguard::app {

struct FleetMachine {
  std::string id;
  int64_t last_commit = 0;  // seconds since the epoch
  size_t servers = 0;
  std::vector<std::string> hosts;
  bool silent = false;  // last commit older than the report's silent_days
};

// One host/name configured differently on some machines.
struct FleetDifference {
  std::string host;
  std::string name;
  std::vector<std::string> machines;  // every machine that has it
  std::vector<std::string> fields;    // the fields that are not the same everywhere
};

// One credential (by fingerprint) configured on several machines.
struct SharedFingerprint {
  std::string fingerprint;
  std::vector<std::string> machines;
  std::vector<std::string> servers;  // host/name
};

struct FleetReport {
  int64_t silent_days = 7;
  std::vector<FleetMachine> machines;
  std::vector<FleetDifference> differences;
  std::vector<SharedFingerprint> shared_fingerprints;
};

// Fetches the machines of `remote_url` and compares their last scans.
// `now`: seconds since the epoch.
Result<FleetReport> BuildFleetReport(const Environment& env, const std::string& remote_url, int64_t silent_days,
                                     int64_t now);

std::string FleetText(const FleetReport& report, bool markdown);
nlohmann::json FleetJson(const FleetReport& report);

}  // namespace mcpguard::app

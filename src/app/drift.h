// `mcpguard diff` against the signed baseline or a recorded scan, and the
// drift findings `mcpguard scan` adds when a baseline exists: a scan now,
// compared by drift/ (pure) with the approved state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "app/scan.h"
#include "base/environment.h"
#include "base/error.h"
#include "drift/compare.h"
#include "history/store.h"
#include "model/baseline.h"
#include "model/snapshot.h"

namespace mcpguard::app {

struct DriftOptions {
  ScanOptions scan;
  // "baseline" (the signed baseline, verified first) or a history revision
  // (HEAD, HEAD~3, an id from 'mcpguard log').
  std::string against = "baseline";
};

struct DriftOutcome {
  model::Snapshot snapshot;  // the scan that was compared
  std::vector<drift::DriftItem> items;
  std::vector<model::Finding> findings;  // the items as findings, most severe first
  std::string against;
  std::string signer;  // key id that signed the baseline
  bool interrupted = false;
};

// An Error is "cannot compare" (exit 2): no baseline, a bad or untrusted
// signature, no history, an unknown revision.
Result<DriftOutcome> Diff(const DriftOptions& options, const Environment& env, const ScanHooks& hooks = {});

// For `scan`: adds the drift of `snapshot` from the signed baseline to its
// findings (sorted again, most severe first), when a baseline exists; returns
// whether one did. A baseline that exists but does not verify is an Error:
// nothing is compared with what may have been tampered with.
Result<bool> AddBaselineDrift(model::Snapshot& snapshot, const ScanOptions& options, const Environment& env);

// One block per finding, most severe first: severity, rule id and name,
// host/server and field; the message; the evidence (before -> after or a
// word diff); where (path:line:col, the home as ~); the remediation. Ends
// with a one-line summary. `home` is shown as "~".
std::string DriftText(const DriftOutcome& outcome, const std::string& home);

// {"against", "signer", "servers", "drift": [item...], "findings": [finding...]}:
// items carry the structured class, field, before, after and word_diff.
nlohmann::json DriftJson(const DriftOutcome& outcome);

// The findings as a SARIF 2.1.0 log (report/sarif.h), each rule described by
// the registry of `signatures_dir` (the built-in rules*.toml when empty).
// Paths under `base_dir` are relative to %SRCROOT%, under the home to %HOME%.
Result<std::string> DriftSarif(const DriftOutcome& outcome, const std::string& signatures_dir,
                               const std::string& tool_version, const std::string& base_dir);

// A recorded scan's config files read back into a Snapshot, as far as drift
// needs: servers with their redacted launch, env and header names and
// references, credentials (location, fingerprint), artifact pins, surface,
// consent settings and positions. Env and header values are not recorded:
// those NamedValues have an empty value.
model::Snapshot RecordedSnapshot(const history::Files& files);

// A recorded scan as the reference to compare with: one entry per server, in
// the approved form. Values the record does not hold (literal env and header
// values) are taken from `current`'s server of the same key, so only what can
// be known is compared.
model::Baseline ReferenceFromScan(const model::Snapshot& recorded, const model::Snapshot& current,
                                  const std::string& home);

}  // namespace mcpguard::app

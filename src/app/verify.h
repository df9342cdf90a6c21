// verify: is what is configured now what was approved? The pre-launch hook
// path: no history, no probing, stat-cached pins.
#pragma once

#include <string>
#include <vector>

#include "app/scan.h"
#include "base/environment.h"
#include "base/error.h"

namespace mcpguard::app {

struct VerifyOptions {
  ScanOptions scan;
  std::string server;  // only servers with this name
  std::string config;  // only servers from this config file
};

struct VerifyProblem {
  std::string server;  // "cursor/github"
  std::string kind;    // "unapproved", "changed"
  std::vector<std::string> fields;  // for "changed"
};

struct VerifyOutcome {
  std::string signer;           // key id that signed the baseline
  std::string trusted_comment;
  size_t checked = 0;           // servers in scope
  std::vector<VerifyProblem> problems;
};

// An Error means "cannot verify" (exit 2): no baseline, a bad or untrusted
// signature, an altered trusted comment.
Result<VerifyOutcome> Verify(const VerifyOptions& options, const Environment& env);

}  // namespace mcpguard::app

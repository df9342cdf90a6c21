// exec: may this one server be launched now? The check a wrapped config runs
// before every launch (mcpguard exec --host H --server NAME -- CMD ARGS...):
// find NAME in H's config, check that CMD ARGS is what that config launches,
// and compare it with the signed baseline (launch spec, config digest,
// artifact pins). No history, no findings, one host: milliseconds.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/scan.h"
#include "base/environment.h"
#include "model/baseline.h"

namespace mcpguard::app {

struct ExecOptions {
  ScanOptions scan;                // hosts = {host}; cwd = where the host started us
  std::string host;
  std::string server;
  std::string config;              // only this config file; "" for any of the host's
  std::vector<std::string> argv;   // CMD ARGS as the host passed them
};

struct ExecDecision {
  bool allowed = false;
  // One line for the user (hosts show stderr): why it may not run, or what
  // was checked when it may.
  std::string reason;
  std::string key;                                // the baseline key checked, when one was found
  std::optional<model::ApprovedServer> approved;  // the entry, when allowed (the guard needs its surface)
  // The server's credential values, when allowed: the guard scrubs them from
  // what it records and pins (a server may echo one into a description).
  std::vector<std::string> secrets;
};

// Never fails: every problem (no baseline, bad signature, no such server) is
// a refusal with its reason. Each decision is appended to the audit log.
ExecDecision CheckExec(const ExecOptions& options, const Environment& env);

// Does the argument `actual` (after the host expanded its variables) match
// `configured` as written in the config? Literal text must be equal; each
// variable reference (${env:X}, ${workspaceFolder}, {env:X}, $X...) stands
// for any text.
bool ArgMatches(const std::string& configured, const std::string& actual);

}  // namespace mcpguard::app

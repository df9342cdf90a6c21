// What `mcpguard report` says about a period, as plain values: the recorded
// scans that changed something, the findings of the latest one, whether
// what is configured now is what was approved, and the credentials with
// their reach. app/report.cc fills it from the history; the renderers
// (report_text, markdown, html, report_json; sarif for the findings) only
// format it. No field holds a secret: credentials are provider, kind,
// scope and keyed fingerprint.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/finding.h"
#include "model/severity.h"

namespace mcpguard::report {

struct ServerChange {
  std::string kind;    // "added", "removed", "changed"
  std::string host;    // "cursor"
  std::string config;  // the config file, home shown as "~"
  std::string server;  // the server's name
  std::vector<std::string> fields;  // "changed": the fields that differ
};

// One recorded scan in the period.
struct ChangeEvent {
  std::string commit;   // 40 hex digits
  int64_t time = 0;     // seconds since the epoch, UTC
  std::string summary;  // the commit's first line: "cursor: +github"
  std::vector<ServerChange> changes;
};

// One server that differs from the signed baseline, summed up from its drift
// findings (which the report lists with the other findings).
struct ApprovalProblem {
  std::string server;  // "cursor/github"
  std::string kind;    // "unapproved" (or an approved launch renamed), "changed", "gone"
  std::vector<std::string> fields;  // "changed": the drift fields ("args", "env.LOG_LEVEL", "url")
};

struct Approval {
  enum class State { kNoBaseline, kVerified, kUnverifiable };
  State state = State::kNoBaseline;
  std::string detail;  // the signer's key id, or why it could not be verified
  size_t checked = 0;  // servers compared
  std::vector<ApprovalProblem> problems;
};

// One credential (by fingerprint when it has one) and every server holding it.
struct CredentialReach {
  std::string provider;     // "GitHub"; empty when unrecognised
  std::string kind;         // "classic personal access token"
  std::string scope;        // what it can do, as far as is known offline
  std::string blast_radius;
  std::string storage;      // "plaintext", "environment", ...
  std::string fingerprint;  // "fp:..." or empty (an unset reference)
  model::Severity severity = model::Severity::kInfo;
  std::vector<std::string> holders;  // "cursor/github (env.GITHUB_TOKEN)", sorted
};

struct PeriodReport {
  std::string tool_version;
  std::string generated_at;  // RFC 3339, UTC
  int64_t since = 0;         // seconds since the epoch
  int64_t until = 0;
  std::string machine;       // host name
  std::string home;          // shown as "~" in paths
  std::string last_scan;     // RFC 3339 of the latest recorded scan; empty when none
  std::vector<ChangeEvent> events;  // oldest first
  // The latest recorded scan's findings and the drift from the signed
  // baseline now (MCPG-DRIFT-*, MCPG-REDIRECT-*), most severe first.
  std::vector<model::Finding> findings;
  Approval approval;
  std::vector<CredentialReach> credentials;  // most severe first
  size_t hosts = 0;
  size_t configs = 0;
  size_t servers = 0;
};

// "critical", ... counted over `findings`, most severe first, zeros included.
std::vector<std::pair<model::Severity, size_t>> CountBySeverity(const std::vector<model::Finding>& findings);

}  // namespace mcpguard::report

namespace mcpguard::report {

// Wording the renderers share, so every format says the same thing.
std::string Plural(size_t n, const std::string& one, const std::string& many);  // "1 server", "2 servers"
std::string FindingCounts(const std::vector<model::Finding>& findings);         // "1 critical, 2 high"
std::string ApprovalSummary(const Approval& approval);
size_t ChangeCount(const PeriodReport& report);  // server changes over all events

}  // namespace mcpguard::report

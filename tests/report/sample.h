// A small hand-built period report and rule registry shared by the renderer
// tests; the golden files in tests/report/golden/ were written by hand from
// exactly these values.
#pragma once

#include <string>

#include "report/period.h"
#include "rules/registry.h"
#include "support/temp_dir.h"

namespace mcpguard::test {

inline rules::RuleRegistry SampleRules() {
  rules::RuleRegistry r;
  rules::RuleInfo cred;
  cred.id = "MCPG-CRED-001";
  cred.name = "plaintext-secret";
  cred.short_description = "A secret is in plain text.";
  cred.description = "Secrets in files leak.\n\n**Fix:** use `${env:NAME}`.";
  cred.severity = model::Severity::kHigh;
  cred.tags = {"security", "MCP01:2025"};
  r.rules.push_back(cred);
  rules::RuleInfo redirect;
  redirect.id = "MCPG-REDIRECT-004";
  redirect.name = "remote-tunnel-host";
  redirect.short_description = "An approved server now points at a tunnel host.";
  redirect.description = "Anyone can open a tunnel.\n\n**Fix:** restore the approved `url`.";
  redirect.severity = model::Severity::kCritical;
  redirect.tags = {"security", "MCP04:2025"};
  r.rules.push_back(redirect);
  return r;
}

// Drift from the baseline: an approved remote server moved to a tunnel host.
inline model::Finding SampleRedirectFinding() {
  model::Finding f;
  f.id = "MCPG-REDIRECT-004";
  f.name = "remote-tunnel-host";
  f.severity = model::Severity::kCritical;
  f.host = "cursor";
  f.config_path = "/home/ana/.cursor/mcp.json";
  f.pos = {9, 5};
  f.server = "remote";
  f.message = "approved server 'remote' now points at a tunnel or paste host";
  f.evidence = "url: https://mcp.example.com/mcp -> https://a1b2.ngrok-free.app/mcp (tunnel host a1b2.ngrok-free.app)";
  f.remediation = "restore url to https://mcp.example.com/mcp";
  f.references = {"OWASP MCP Top 10: MCP04"};
  return f;
}

inline model::Finding SampleCredFinding() {
  model::Finding f;
  f.id = "MCPG-CRED-001";
  f.name = "plaintext-secret";
  f.severity = model::Severity::kHigh;
  f.host = "cursor";
  f.config_path = "/home/ana/.cursor/mcp.json";
  f.pos = {4, 7};
  f.server = "github";
  f.message = "plaintext GitHub classic personal access token in env.GITHUB_TOKEN (fp:0123456789abcdef)";
  f.evidence = "GitHub classic personal access token in env.GITHUB_TOKEN (fp:0123456789abcdef)";
  f.remediation = "move the secret out of the file";
  f.references = {"OWASP MCP Top 10: MCP01"};
  return f;
}

// A rule id no registry knows: it must still render.
inline model::Finding SampleUnknownFinding() {
  model::Finding f;
  f.id = "MCPG-TEST-999";
  f.name = "future-rule";
  f.severity = model::Severity::kLow;
  f.host = "claude-code";
  f.config_path = "/home/ana/src/app/.mcp.json";
  f.message = "something new";
  f.remediation = "look at it";
  return f;
}

inline report::PeriodReport SampleReport() {
  report::PeriodReport r;
  r.tool_version = "1.2.3";
  r.generated_at = "2026-11-08T00:00:00Z";
  r.since = 1793491200;  // 2026-11-01T00:00:00Z
  r.until = 1794096000;  // 2026-11-08T00:00:00Z
  r.machine = "ws1";
  r.home = "/home/ana";
  r.last_scan = "2026-11-05T16:30:00Z";
  report::ChangeEvent first;
  first.commit = std::string(40, 'a');
  first.time = 1793700000;  // 2026-11-03T10:00:00Z
  first.summary = "first scan: 1 server in 1 config";
  first.changes = {{"added", "cursor", "~/.cursor/mcp.json", "github", {}}};
  report::ChangeEvent second;
  second.commit = std::string(40, 'b');
  second.time = 1793896200;  // 2026-11-05T16:30:00Z
  second.summary = "cursor: github changed";
  second.changes = {{"changed", "cursor", "~/.cursor/mcp.json", "github", {"args", "env"}}};
  r.events = {first, second};
  r.findings = {SampleRedirectFinding(), SampleCredFinding(), SampleUnknownFinding()};
  r.approval.state = report::Approval::State::kVerified;
  r.approval.detail = "ABCDEF0123456789";
  r.approval.checked = 2;
  r.approval.problems = {{"cursor/github", "unapproved", {}}, {"cursor/remote", "changed", {"url"}}};
  report::CredentialReach c;
  c.provider = "GitHub";
  c.kind = "classic personal access token";
  c.scope = "every repo";
  c.blast_radius = "admin";
  c.storage = "plaintext";
  c.fingerprint = "fp:0123456789abcdef";
  c.severity = model::Severity::kHigh;
  c.holders = {"cursor/github (env.GITHUB_TOKEN)"};
  r.credentials = {c};
  r.hosts = 2;
  r.configs = 2;
  r.servers = 3;
  return r;
}

inline std::string Golden(const std::string& name) {
  return ReadFile(std::string(MCPGUARD_SOURCE_DIR) + "/tests/report/golden/" + name);
}

}  // namespace mcpguard::test

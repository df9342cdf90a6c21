#include "report/markdown.h"

#include "base/clock.h"
#include "base/path.h"
#include "base/text.h"

namespace mcpguard::report {
namespace {

std::string Where(const model::Finding& f, const std::string& home) {
  std::string where = AbbreviateHome(f.config_path, home);
  if (f.pos.line > 0) where += ":" + std::to_string(f.pos.line) + ":" + std::to_string(f.pos.col);
  return where;
}

std::string Who(const std::string& host, const std::string& server) {
  return server.empty() ? host : host + "/" + server;
}

}  // namespace

std::string MarkdownEscape(std::string_view text) {
  std::string out;
  for (char ch : text) {
    switch (ch) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\n':
      case '\r': out += ' '; break;
      // Only inline syntax matters: every value sits after a prefix, never
      // at the start of a line, so '-', '+' and '#' need no escape.
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~':
        out += '\\';
        out += ch;
        break;
      default: out += ch;
    }
  }
  return out;
}

std::string RenderMarkdown(const PeriodReport& r, const rules::RuleRegistry& rules) {
  const auto md = [](std::string_view s) { return MarkdownEscape(s); };
  std::string out = "# mcpguard report\n\n";
  out += "Period: " + FormatUtc(r.since) + " to " + FormatUtc(r.until);
  if (!r.machine.empty()) out += " on " + md(r.machine);
  out += ". Generated " + r.generated_at + " by mcpguard" + (r.tool_version.empty() ? "" : " " + r.tool_version) +
         ".\n\n";

  out += "## Summary\n\n";
  out += "- Inventory: " + Plural(r.servers, "server", "servers") + " in " + Plural(r.configs, "config", "configs") +
         " of " + Plural(r.hosts, "host", "hosts") +
         (r.last_scan.empty() ? std::string() : " (latest recorded scan " + r.last_scan + ")") + "\n";
  out += "- Changes: " + Plural(ChangeCount(r), "server change", "server changes") + " in " +
         Plural(r.events.size(), "recorded scan", "recorded scans") + "\n";
  out += "- Approval: " + md(ApprovalSummary(r.approval)) + "\n";
  out += "- Findings: " + FindingCounts(r.findings) + "\n";
  out += "- Credentials: " + Plural(r.credentials.size(), "credential", "credentials") + "\n\n";

  out += "## Changes\n\n";
  if (ChangeCount(r) == 0) {
    out += "No server was added, removed or changed in the period.\n\n";
  } else {
    out += "| When (UTC) | Host | Server | Change | Config |\n|---|---|---|---|---|\n";
    for (const ChangeEvent& e : r.events) {
      for (const ServerChange& c : e.changes) {
        std::string change = c.kind;
        if (!c.fields.empty()) change += ": " + Join(c.fields, ", ");
        out += "| " + FormatUtc(e.time) + " | " + md(c.host) + " | " + md(c.server) + " | " + md(change) + " | " +
               md(c.config) + " |\n";
      }
    }
    out += "\n";
  }

  out += "## Approval\n\n" + md(ApprovalSummary(r.approval)) + ".\n\n";
  if (!r.approval.problems.empty()) {
    for (const ApprovalProblem& p : r.approval.problems) {
      out += "- " + md(p.server) + ": " + p.kind;
      if (!p.fields.empty()) out += " (" + md(Join(p.fields, ", ")) + ")";
      out += "\n";
    }
    out += "\n";
  }

  out += "## Findings\n\n";
  if (r.findings.empty()) out += "No finding in the latest scan.\n\n";
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const model::Finding& f = r.findings[i];
    const rules::RuleInfo rule = rules.Describe(f.id, f.name, f.severity);
    out += "### " + std::to_string(i + 1) + ". " + ToUpper(std::string(model::SeverityName(f.severity))) + " " +
           md(f.id) + " " + md(rule.name) + ": " + md(Who(f.host, f.server)) + "\n\n";
    out += "- **Where:** " + md(Where(f, r.home)) + "\n";
    out += "- **What:** " + md(f.message) + "\n";
    if (!f.evidence.empty()) out += "- **Evidence:** " + md(f.evidence) + "\n";
    out += "- **Fix:** " + md(f.remediation) + "\n";
    out += "- **Rule:** " + md(rule.short_description) + "\n";
    if (!f.references.empty()) out += "- **References:** " + md(Join(f.references, "; ")) + "\n";
    out += "\n";
  }

  out += "## Credentials and their reach\n\n";
  if (r.credentials.empty()) {
    out += "No credential is configured.\n";
  } else {
    out += "| Credential | Fingerprint | Storage | Scope | Held by |\n|---|---|---|---|---|\n";
    for (const CredentialReach& c : r.credentials) {
      const std::string what = c.provider.empty() ? "unrecognised secret" : c.provider + " " + c.kind;
      out += "| " + md(what) + " | " + md(c.fingerprint.empty() ? "(none)" : c.fingerprint) + " | " + md(c.storage) +
             " | " + md(c.scope) + " | " + md(Join(c.holders, "; ")) + " |\n";
    }
  }
  return out;
}

}  // namespace mcpguard::report

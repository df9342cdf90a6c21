#include "report/period_text.h"

#include "base/clock.h"
#include "base/path.h"
#include "base/term.h"
#include "base/text.h"

namespace mcpguard::report {

std::string RenderPeriodText(const PeriodReport& r, bool color) {
  const Style style(color);
  std::string out = style.Bold("mcpguard report") + "  " + FormatUtc(r.since) + " to " + FormatUtc(r.until) + "\n";
  out += Plural(r.servers, "server", "servers") + " in " + Plural(r.configs, "config", "configs") + " of " +
         Plural(r.hosts, "host", "hosts") + (r.last_scan.empty() ? "" : " (latest recorded scan " + r.last_scan + ")") + "\n";

  out += "\n" + style.Bold("Changes") + "  " + Plural(ChangeCount(r), "server change", "server changes") + " in " +
         Plural(r.events.size(), "recorded scan", "recorded scans") + "\n";
  for (const ChangeEvent& e : r.events) {
    for (const ServerChange& c : e.changes) {
      const char mark = c.kind == "added" ? '+' : c.kind == "removed" ? '-' : '~';
      out += "  " + FormatUtc(e.time) + "  " + std::string(1, mark) + " " + c.host + "/" + c.server + "  " + c.kind;
      for (size_t i = 0; i < c.fields.size(); ++i) out += (i == 0 ? ": " : ", ") + c.fields[i];
      out += "  " + style.Dim("(" + c.config + ")") + "\n";
    }
  }

  out += "\n" + style.Bold("Approval") + "  " + ApprovalSummary(r.approval) + "\n";
  for (const ApprovalProblem& p : r.approval.problems) {
    out += "  " + p.server + ": " + p.kind + (p.fields.empty() ? "" : " (" + Join(p.fields, ", ") + ")") + "\n";
  }

  out += "\n" + style.Bold("Findings") + "  " + FindingCounts(r.findings) + "\n";
  for (const model::Finding& f : r.findings) {
    std::string sev = ToUpper(std::string(model::SeverityName(f.severity)));
    sev.append(8 - std::min<size_t>(sev.size(), 8), ' ');
    if (f.severity >= model::Severity::kHigh) sev = style.Red(sev);
    else if (f.severity == model::Severity::kMedium) sev = style.Yellow(sev);
    out += "  " + sev + " " + f.id + "  " + AbbreviateHome(f.config_path, r.home);
    if (f.pos.line > 0) out += ":" + std::to_string(f.pos.line) + ":" + std::to_string(f.pos.col);
    out += "\n           " + (f.server.empty() ? f.host : f.host + "/" + f.server) + ": " + f.message + "\n";
    // What was seen (a drift finding: before -> after), redacted like the message.
    if (!f.evidence.empty()) out += "           " + f.evidence + "\n";
    out += "           " + style.Dim("fix: " + f.remediation) + "\n";
  }

  out += "\n" + style.Bold("Credentials") + "  " + Plural(r.credentials.size(), "credential", "credentials") + "\n";
  for (const CredentialReach& c : r.credentials) {
    out += "  " + (c.provider.empty() ? std::string("unrecognised secret") : c.provider + " " + c.kind) + ", " +
           c.storage + (c.fingerprint.empty() ? "" : ", " + c.fingerprint) + "\n";
    if (!c.scope.empty()) out += "      " + style.Dim("can: " + c.scope) + "\n";
    out += "      held by " + Join(c.holders, "; ") + "\n";
  }
  return out;
}

}  // namespace mcpguard::report

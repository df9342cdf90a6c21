#include "report/html.h"

#include <algorithm>

#include "base/clock.h"
#include "base/path.h"
#include "base/text.h"

namespace mcpguard::report {
namespace {

constexpr int64_t kDay = 86400;
constexpr size_t kMaxBars = 92;

constexpr const char* kStyle = R"CSS(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#1b1f24;background:#fff}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #d0d7de;padding-bottom:.2em}
.meta{color:#57606a}table{border-collapse:collapse;width:100%;margin:.6em 0}
th,td{border:1px solid #d0d7de;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f6f8fa}
code{font:13px ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere}
.sev{display:inline-block;min-width:5.5em;text-align:center;border-radius:4px;padding:0 .4em;font-weight:600;font-size:12px;color:#fff}
.critical{background:#8b0000}.high{background:#cf222e}.medium{background:#bf8700}.low{background:#0969da}.info{background:#6e7781}
.finding{border:1px solid #d0d7de;border-radius:6px;padding:.5em .9em;margin:.7em 0}.finding h3{font-size:1.05em;margin:.2em 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15em .8em;margin:.4em 0}dt{font-weight:600;color:#57606a}dd{margin:0}
svg{max-width:100%;height:auto}.bar{fill:#0969da}.axis{stroke:#8c959f}.label{font-size:10px;fill:#57606a}
@media print{.finding{break-inside:avoid}}
)CSS";

std::string Where(const model::Finding& f, const std::string& home) {
  std::string where = AbbreviateHome(f.config_path, home);
  if (f.pos.line > 0) where += ":" + std::to_string(f.pos.line) + ":" + std::to_string(f.pos.col);
  return where;
}

std::string Badge(model::Severity s) {
  const std::string name(model::SeverityName(s));
  return "<span class=\"sev " + name + "\">" + name + "</span>";
}

std::string Cell(std::string_view text) { return "<td>" + HtmlEscape(text) + "</td>"; }

// Bars of server changes per day (or per N days for a long period).
std::string Timeline(const PeriodReport& r) {
  // Whole UTC days, so a bar is a calendar day and its label says which.
  const int64_t first_day = r.since - ((r.since % kDay) + kDay) % kDay;
  const int64_t span = std::max<int64_t>(r.until - first_day + 1, 1);
  const int64_t days = (span + kDay - 1) / kDay;
  const int64_t per_bar = (days + static_cast<int64_t>(kMaxBars) - 1) / static_cast<int64_t>(kMaxBars);
  const size_t bars = static_cast<size_t>((days + per_bar - 1) / per_bar);
  std::vector<size_t> counts(bars, 0);
  for (const ChangeEvent& e : r.events) {
    const int64_t offset = std::clamp<int64_t>(e.time - first_day, 0, span - 1);
    const size_t bar = std::min(bars - 1, static_cast<size_t>(offset / (per_bar * kDay)));
    counts[bar] += std::max<size_t>(e.changes.size(), 1);
  }
  const size_t most = std::max<size_t>(1, *std::max_element(counts.begin(), counts.end()));
  const int width = 24;
  const int height = 80;
  const int chart_w = static_cast<int>(bars) * width;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " +
                    std::to_string(chart_w + 40) + " " + std::to_string(height + 40) + "\" width=\"" +
                    std::to_string(chart_w + 40) + "\"><title>server changes per " +
                    (per_bar == 1 ? std::string("day") : std::to_string(per_bar) + " days") + "</title>";
  svg += "<line class=\"axis\" x1=\"20\" y1=\"" + std::to_string(height + 10) + "\" x2=\"" +
         std::to_string(chart_w + 20) + "\" y2=\"" + std::to_string(height + 10) + "\"/>";
  for (size_t i = 0; i < bars; ++i) {
    const int x = 20 + static_cast<int>(i) * width;
    const int h = static_cast<int>(counts[i] * height / most);
    const std::string day = FormatUtc(first_day + static_cast<int64_t>(i) * per_bar * kDay).substr(0, 10);
    if (counts[i] > 0) {
      svg += "<rect class=\"bar\" x=\"" + std::to_string(x + 3) + "\" y=\"" + std::to_string(height + 10 - h) +
             "\" width=\"" + std::to_string(width - 6) + "\" height=\"" + std::to_string(h) + "\"><title>" + day +
             ": " + Plural(counts[i], "change", "changes") + "</title></rect>";
      svg += "<text class=\"label\" x=\"" + std::to_string(x + width / 2) + "\" y=\"" +
             std::to_string(height + 6 - h) + "\" text-anchor=\"middle\">" + std::to_string(counts[i]) + "</text>";
    }
    if (i == 0 || i + 1 == bars || i % 7 == 0) {
      svg += "<text class=\"label\" x=\"" + std::to_string(x + width / 2) + "\" y=\"" + std::to_string(height + 26) +
             "\" text-anchor=\"middle\">" + day.substr(5) + "</text>";
    }
  }
  return svg + "</svg>";
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if ((c < 0x20 && ch != '\t' && ch != '\n') || c == 0x7f) out += "\xEF\xBF\xBD";
        else out += ch;
    }
  }
  return out;
}

std::string RenderHtml(const PeriodReport& r, const rules::RuleRegistry& rules) {
  const auto h = [](std::string_view s) { return HtmlEscape(s); };
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      // Nothing in this file may load anything: the policy says so to the browser too.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
      "<title>mcpguard report " +
      FormatUtc(r.since).substr(0, 10) + " to " + FormatUtc(r.until).substr(0, 10) + "</title>\n<style>" + kStyle +
      "</style>\n</head>\n<body>\n";
  out += "<h1>mcpguard report</h1>\n<p class=\"meta\">" + FormatUtc(r.since) + " to " + FormatUtc(r.until);
  if (!r.machine.empty()) out += " on " + h(r.machine);
  out += ". Generated " + h(r.generated_at) + " by mcpguard " + h(r.tool_version) + ".</p>\n";

  out += "<h2>Summary</h2>\n<ul>\n";
  out += "<li>Inventory: " + Plural(r.servers, "server", "servers") + " in " + Plural(r.configs, "config", "configs") +
         " of " + Plural(r.hosts, "host", "hosts") +
         (r.last_scan.empty() ? std::string() : " (latest recorded scan " + h(r.last_scan) + ")") + "</li>\n";
  out += "<li>Changes: " + Plural(ChangeCount(r), "server change", "server changes") + " in " +
         Plural(r.events.size(), "recorded scan", "recorded scans") + "</li>\n";
  out += "<li>Approval: " + h(ApprovalSummary(r.approval)) + "</li>\n";
  out += "<li>Findings: " + FindingCounts(r.findings) + "</li>\n";
  out += "<li>Credentials: " + Plural(r.credentials.size(), "credential", "credentials") + "</li>\n</ul>\n";

  out += "<h2>Changes</h2>\n" + Timeline(r) + "\n";
  if (ChangeCount(r) == 0) {
    out += "<p>No server was added, removed or changed in the period.</p>\n";
  } else {
    out += "<table>\n<tr><th>When (UTC)</th><th>Host</th><th>Server</th><th>Change</th><th>Config</th></tr>\n";
    for (const ChangeEvent& e : r.events) {
      for (const ServerChange& c : e.changes) {
        std::string change = c.kind;
        if (!c.fields.empty()) change += ": " + Join(c.fields, ", ");
        out += "<tr>" + Cell(FormatUtc(e.time)) + Cell(c.host) + Cell(c.server) + Cell(change) +
               "<td><code>" + h(c.config) + "</code></td></tr>\n";
      }
    }
    out += "</table>\n";
  }

  out += "<h2>Approval</h2>\n<p>" + h(ApprovalSummary(r.approval)) + ".</p>\n";
  if (!r.approval.problems.empty()) {
    out += "<ul>\n";
    for (const ApprovalProblem& p : r.approval.problems) {
      out += "<li>" + h(p.server) + ": " + h(p.kind);
      if (!p.fields.empty()) out += " (" + h(Join(p.fields, ", ")) + ")";
      out += "</li>\n";
    }
    out += "</ul>\n";
  }

  out += "<h2>Findings</h2>\n";
  if (r.findings.empty()) out += "<p>No finding in the latest scan.</p>\n";
  for (const model::Finding& f : r.findings) {
    const rules::RuleInfo rule = rules.Describe(f.id, f.name, f.severity);
    out += "<div class=\"finding\">\n<h3>" + Badge(f.severity) + " " + h(f.id) + " " + h(rule.name) + ": " +
           h(f.server.empty() ? f.host : f.host + "/" + f.server) + "</h3>\n<dl>\n";
    out += "<dt>Where</dt><dd><code>" + h(Where(f, r.home)) + "</code></dd>\n";
    out += "<dt>What</dt><dd>" + h(f.message) + "</dd>\n";
    if (!f.evidence.empty()) out += "<dt>Evidence</dt><dd>" + h(f.evidence) + "</dd>\n";
    out += "<dt>Fix</dt><dd>" + h(f.remediation) + "</dd>\n";
    out += "<dt>Rule</dt><dd>" + h(rule.short_description) + "</dd>\n";
    if (!f.references.empty()) out += "<dt>References</dt><dd>" + h(Join(f.references, "; ")) + "</dd>\n";
    out += "</dl>\n</div>\n";
  }

  out += "<h2>Credentials and their reach</h2>\n";
  if (r.credentials.empty()) {
    out += "<p>No credential is configured.</p>\n";
  } else {
    out += "<table>\n<tr><th>Credential</th><th>Fingerprint</th><th>Storage</th><th>Scope</th><th>Held by</th></tr>\n";
    for (const CredentialReach& c : r.credentials) {
      const std::string what = c.provider.empty() ? "unrecognised secret" : c.provider + " " + c.kind;
      out += "<tr>" + Cell(what) + "<td><code>" + h(c.fingerprint.empty() ? "(none)" : c.fingerprint) +
             "</code></td>" + Cell(c.storage) + Cell(c.scope) + Cell(Join(c.holders, "; ")) + "</tr>\n";
    }
    out += "</table>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace mcpguard::report

// `mcpguard report`: the period report from the scan history, in the format
// the reader wants (terminal, Markdown, one HTML file, JSON, SARIF), to
// stdout or atomically to --output FILE.
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>

#include "app/report.h"
#include "base/clock.h"
#include "base/file.h"
#include "base/term.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "report/html.h"
#include "report/markdown.h"
#include "report/period_text.h"
#include "report/report_json.h"
#include "report/sarif.h"
#include "rules/registry.h"

namespace mcpguard::cli {
namespace {

struct ReportFlags {
  std::string since = "7d";
  std::string format = "text";
  std::string output;
  std::string fail_on = "high";
  std::string os;
  std::string root;
  bool no_cwd = false;
};

std::string CurrentDir() {
  std::error_code ec;
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  return ec ? std::string() : cwd.string();
}

}  // namespace

Runner SetupReport(CLI::App& cmd) {
  auto f = std::make_shared<ReportFlags>();
  cmd.footer(
      "The report for a period, from the scan history: every recorded scan that changed something (when,\n"
      "which host and config, which servers were added, removed or changed and in which fields), the\n"
      "latest scan's findings and the drift of what is configured now from the signed baseline\n"
      "(MCPG-DRIFT-*, MCPG-REDIRECT-*, as 'mcpguard diff' finds it), each with its fix, an approval summary\n"
      "per server, and every credential with the servers that hold it (provider, kind, scope, fingerprint:\n"
      "never a value). Formats: text, markdown, html (one self-contained file, readable offline), json\n"
      "(mcpguard.report/1) and sarif (SARIF 2.1.0 of the findings, for GitHub code scanning).\n"
      "Exit 0: no finding at or above --fail-on; 1: one is; 2: no history yet (no 'mcpguard scan' ever\n"
      "recorded) or a baseline that does not verify (the report is still written and says why).\n\n"
      "Examples:\n"
      "  mcpguard report --since 7d\n"
      "  mcpguard report --fail-on critical   # in a scheduled job: only redirects and the like fail it\n"
      "  mcpguard report --since 2026-05-01 --format html --output mcp-report.html\n"
      "  mcpguard report --format sarif --output mcpguard.sarif   # upload with github/codeql-action/upload-sarif");
  cmd.add_option("--since", f->since, "the period starts at DATE: 2026-05-01, 2026-05-01T12:00:00Z, 7d (default), 24h, 2w")
      ->type_name("DATE");
  cmd.add_option("--format", f->format, "output: text (default), markdown, html, json or sarif")
      ->check(CLI::IsMember({"text", "markdown", "html", "json", "sarif"}));
  cmd.add_option("-o,--output", f->output, "write the report to FILE (atomically) instead of stdout")
      ->type_name("FILE");
  cmd.add_option("--fail-on", f->fail_on,
                 "exit 1 when a finding (drift from the baseline included) is at least this severe: "
                 "info, low, medium, high (default), critical")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}));
  cmd.add_option("--os", f->os, "the OS layout the approval check reads: linux, macos or windows")
      ->check(CLI::IsMember({"linux", "macos", "windows"}));
  cmd.add_option("--root", f->root, "put DIR in front of system paths (/etc/...) for the approval check")
      ->type_name("DIR");
  cmd.add_flag("--no-cwd", f->no_cwd, "do not treat the current directory as a project in the approval check");
  return [f]() -> ExitCode {
    const Environment env = Environment::FromProcess();
    const int64_t now = static_cast<int64_t>(std::time(nullptr));
    const auto since = ParseSince(f->since, now);
    if (!since) {
      PrintError("--since: cannot read '" + f->since + "' (use 2026-05-01, 2026-05-01T12:00:00Z, 7d or 24h)");
      return kExitFault;
    }
    app::ReportOptions o;
    o.since = *since;
    o.until = now;
#ifdef MCPGUARD_VERSION
    o.tool_version = MCPGUARD_VERSION;
#endif
    if (!f->os.empty()) o.scan.os = *ParseOs(f->os);
    o.scan.root = f->root;
    if (!f->no_cwd) o.scan.cwd = CurrentDir();
    o.scan.tool_version = o.tool_version;
    auto built = app::BuildReport(o, env);
    if (!built) {
      if (built.error().code == Errc::kNotFound) {
        PrintError(built.error().message);
        PrintHint("run 'mcpguard scan' first; every scan that changes something is recorded");
        return kExitFault;
      }
      return ReportFault(built.error());
    }
    const report::PeriodReport& r = *built;
    auto registry = rules::LoadRuleRegistry();
    if (!registry) return ReportFault(registry.error());
    std::string text;
    if (f->format == "markdown") {
      text = report::RenderMarkdown(r, *registry);
    } else if (f->format == "html") {
      text = report::RenderHtml(r, *registry);
    } else if (f->format == "json") {
      text = report::RenderReportJson(r);
    } else if (f->format == "sarif") {
      text = report::RenderSarif(r.findings, *registry, {r.tool_version, CurrentDir(), r.home});
    } else {
      text = report::RenderPeriodText(r, f->output.empty() && ColorEnabled(1));
    }
    if (f->output.empty()) {
      if (!WriteStdout(text)) return kExitFault;
    } else if (auto written = WriteFileAtomic(f->output, text); !written) {
      return ReportFault(written.error());
    }
    if (r.approval.state == report::Approval::State::kUnverifiable) {
      PrintError("cannot verify the baseline: " + r.approval.detail);
      return kExitFault;
    }
    const model::Severity threshold = *model::ParseSeverity(f->fail_on);
    bool fail = false;
    for (const model::Finding& finding : r.findings) fail = fail || finding.severity >= threshold;
    return fail ? kExitFindings : kExitOk;
  };
}

}  // namespace mcpguard::cli

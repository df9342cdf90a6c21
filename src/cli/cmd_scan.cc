#include <unistd.h>

#include <climits>
#include <memory>

#include "app/drift.h"
#include "app/record.h"
#include "app/scan.h"
#include "base/file.h"
#include "base/term.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/probe_flags.h"
#include "report/sarif.h"
#include "report/text_report.h"
#include "rules/registry.h"

namespace mcpguard::cli {
namespace {

struct ScanFlags {
  app::ScanOptions scan;
  std::string format = "text";
  bool json = false;
  std::string os;
  bool no_cwd = false;
  std::string fail_on = "high";
  bool no_record = false;
  ProbeFlags probe;
};

std::string CurrentDir() {
  char buf[PATH_MAX];
  return ::getcwd(buf, sizeof buf) != nullptr ? std::string(buf) : std::string();
}

}  // namespace

Runner SetupScan(CLI::App& cmd) {
  auto f = std::make_shared<ScanFlags>();
  cmd.footer(
      "Find every MCP configuration of every known host (user, project and managed files), and list the\n"
      "servers each one starts: transport, command or URL, the credentials it holds (provider, kind, where,\n"
      "scope, keyed fingerprint) and what actually runs (package, version, pin, SHA-256 of the code), with\n"
      "findings (MCPG-CRED-*, MCPG-LAUNCH-*). A secret value is never printed: only names, references and\n"
      "fingerprints. Never starts a server and never writes to a host's files.\n\n"
      "Project configs are found in the projects hosts remember (Claude Code, VS Code, Codex), in the\n"
      "current directory up to its git root, and below every --deep DIR.\n\n"
      "Examples:\n"
      "  mcpguard scan\n"
      "  mcpguard scan --deep ~/src --format json | jq '.configs[].servers[].name'\n"
      "  mcpguard scan --fail-on medium         # exit 1 on any medium or worse finding\n"
      "  mcpguard scan --os macos --root /mnt/backup   # a macOS home laid out elsewhere\n"
      "  mcpguard scan --probe github filesystem   # also start these two and pin their tools");
  cmd.add_option("--format", f->format,
                 "output: text (default), json (mcpguard.snapshot/1) or sarif (SARIF 2.1.0 of the findings)")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  cmd.add_flag("--json", f->json, "same as --format json");
  cmd.add_option("--deep", f->scan.deep_dirs,
                 "also find project configs anywhere below DIR (repeatable; skips .git, node_modules, caches)")
      ->type_name("DIR");
  cmd.add_option("--host", f->scan.hosts, "only this host's files, by id (repeatable; see 'mcpguard hosts')")
      ->type_name("ID");
  cmd.add_option("--os", f->os, "read the file layout of this OS: linux, macos or windows (default: this machine's)")
      ->check(CLI::IsMember({"linux", "macos", "windows"}));
  cmd.add_option("--root", f->scan.root,
                 "put DIR in front of system paths such as /etc/codex (a mounted disk, a test tree)")
      ->type_name("DIR");
  cmd.add_flag("--all-users", f->scan.all_users, "scan the home of every login account too (needs root)");
  cmd.add_option("--fail-on", f->fail_on,
                 "exit 1 when a finding is at least this severe: info, low, medium, high (default), critical")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}));
  cmd.add_flag("--no-cwd", f->no_cwd, "do not treat the current directory as a project");
  cmd.add_flag("--no-record", f->no_record,
               "do not record this scan in the history ($XDG_STATE_HOME/mcpguard/history; see 'mcpguard log')");
  f->probe.Declare(cmd, true);
  cmd.add_option("--signatures", f->scan.signatures_dir, "read hosts.toml from DIR instead of the built-in catalog")
      ->type_name("DIR")
      ->envname("MCPGUARD_SIGNATURES");
  return [f]() -> ExitCode {
    if (!f->os.empty()) f->scan.os = *ParseOs(f->os);
    for (const std::string* dir : {&f->scan.root, &f->scan.signatures_dir}) {
      if (!dir->empty() && !IsDirectory(*dir)) {
        PrintError(*dir + ": not a directory");
        return kExitFault;
      }
    }
    if (!f->no_cwd) f->scan.cwd = CurrentDir();
    if (f->probe.Requested()) f->scan.probe = f->probe.Request();
#ifdef MCPGUARD_VERSION
    f->scan.tool_version = MCPGUARD_VERSION;
#endif
    const Environment env = Environment::FromProcess();
    Progress progress;
    app::ScanHooks hooks;
    hooks.progress = [&](const std::string& line) { progress.Update(line); };
    hooks.interrupted = &Interrupted();
    auto outcome = app::Scan(f->scan, env, hooks);
    progress.Clear();
    if (!outcome) return ReportFault(outcome.error());
    model::Snapshot& snap = outcome->snapshot;
    // With a baseline, the scan's verdict includes drift from it; a baseline
    // that does not verify is reported and makes the exit status 2, as for
    // verify, after the inventory is printed and recorded.
    bool baseline_fault = false;
    if (auto drift = app::AddBaselineDrift(snap, f->scan, env); !drift) {
      PrintError("baseline: cannot verify: " + drift.error().ToString());
      baseline_fault = true;
    }
    const bool json = f->json || f->format == "json";
    std::string text;
    if (f->format == "sarif" && !f->json) {
      auto registry = rules::LoadRuleRegistry(f->scan.signatures_dir);
      if (!registry) return ReportFault(registry.error());
      report::SarifOptions o;
      o.tool_version = f->scan.tool_version;
      o.base_dir = CurrentDir();
      o.home = snap.homes.empty() ? std::string() : snap.homes.front();
      text = report::RenderSarif(snap.findings, *registry, o);
    } else if (json) {
      text = report::RenderJson(snap);
    } else {
      report::TextOptions o;
      o.color = ColorEnabled(1);
      o.home = snap.homes.empty() ? std::string() : snap.homes.front();
      text = report::RenderText(snap, o);
    }
    if (json || f->format == "sarif") {
      // stdout is the document; problems also go to stderr for the person
      // watching, in the editor-friendly path:line:col form.
      for (const model::ConfigFile& c : snap.configs) {
        for (const model::Diagnostic& d : c.diagnostics) {
          if (d.severity == model::Diagnostic::Severity::kError) PrintError(d.ToString().substr(0));
        }
        for (const model::Server& s : c.servers) {
          if (s.surface && !s.surface->Ok()) PrintError(s.host + "/" + s.name + ": probe failed: " + s.surface->error);
        }
      }
    }
    if (!WriteStdout(text)) return kExitFault;
    if (outcome->interrupted) return kExitInterrupted;
    // History is a record of the scan, not part of its verdict: failing to
    // write it must not turn a clean scan into a failed one.
    if (!f->no_record) {
      if (auto recorded = app::RecordScan(snap, env); !recorded) {
        PrintWarning("history not recorded: " + recorded.error().ToString());
      }
    }
    if (baseline_fault) return kExitFault;
    const auto worst = snap.WorstFinding();
    if (snap.Partial() || (worst && *worst >= *model::ParseSeverity(f->fail_on))) return kExitFindings;
    return kExitOk;
  };
}

}  // namespace mcpguard::cli

// `mcpguard log` and `mcpguard show`: the scan history, read back. The same
// repository answers `git --git-dir=~/.local/state/mcpguard/history log`;
// these commands add the filters a person asks for (a host, a server, a date).
#include <unistd.h>

#include <climits>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app/drift.h"
#include "app/history_diff.h"
#include "app/record.h"
#include "base/clock.h"
#include "base/file.h"
#include "base/term.h"
#include "cli/commands.h"
#include "cli/output.h"

namespace mcpguard::cli {
namespace {

using nlohmann::json;

// Whether `message` names server `name` the way DescribeChange writes it:
// "+name", "-name" or "name changed", between separators.
bool MentionsServer(const std::string& message, const std::string& name) {
  for (const std::string& needle : {"+" + name, "-" + name, name + " changed"}) {
    for (size_t at = message.find(needle); at != std::string::npos; at = message.find(needle, at + 1)) {
      const size_t after = at + needle.size();
      const bool starts = at == 0 || message[at - 1] == ' ';
      const bool ends = after == message.size() || std::string_view(",;\n ").find(message[after]) != std::string_view::npos;
      if (starts && ends) return true;
    }
  }
  return false;
}

bool MentionsHost(const history::CommitInfo& c, const std::string& host) {
  const std::string dir = "configs/" + host + "/";
  for (const std::string& p : c.changed) {
    if (p.compare(0, dir.size(), dir) == 0) return true;
  }
  const std::string tag = host + ": ";
  return c.message.compare(0, tag.size(), tag) == 0 || c.message.find("; " + tag) != std::string::npos;
}

std::string FirstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

std::string CurrentDir() {
  char buf[PATH_MAX];
  return ::getcwd(buf, sizeof buf) != nullptr ? std::string(buf) : std::string();
}

// `diff REV [REV]`: two recorded scans, server by server.
ExitCode DiffRecorded(const Environment& env, const std::vector<std::string>& revs, const std::string& format) {
  if (!Exists(app::HistoryDir(env))) {
    PrintError("no history yet: 'mcpguard scan' records one (" + app::HistoryDir(env) + ")");
    return kExitFault;
  }
  const std::string from = revs[0];
  const std::string to = revs.size() < 2 ? "HEAD" : revs[1];
  auto store = app::OpenHistory(env);
  if (!store) return ReportFault(store.error());
  auto before = store->Read(from);
  if (!before) return ReportFault(before.error());
  auto after = store->Read(to);
  if (!after) return ReportFault(after.error());
  const auto diffs = app::DiffServers(*before, *after);
  const std::string text =
      format == "json"
          ? json{{"from", from}, {"to", to}, {"servers", app::DiffJson(diffs)}}.dump(2, ' ', false,
                                                                                   json::error_handler_t::replace) +
                "\n"
          : app::DiffText(diffs);
  return WriteStdout(text) ? kExitOk : kExitFault;
}

}  // namespace

Runner SetupLog(CLI::App& cmd) {
  struct Flags {
    std::string since;
    std::string host;
    std::string server;
    std::string format = "text";
    size_t max = 0;
  };
  auto f = std::make_shared<Flags>();
  cmd.footer(
      "Lists the recorded scans that changed something, newest first: short id, time (UTC) and what\n"
      "changed. The history is a bare git repository ($XDG_STATE_HOME/mcpguard/history): git log works too.\n\n"
      "Examples:\n"
      "  mcpguard log --since 7d\n"
      "  mcpguard log --host cursor --server github\n"
      "  git --git-dir ~/.local/state/mcpguard/history log -p -- configs/cursor");
  cmd.add_option("--since", f->since, "only scans at or after DATE: 2026-05-01, 2026-05-01T12:00:00Z, 7d, 12h, 2w")
      ->type_name("DATE");
  cmd.add_option("--host", f->host, "only scans that changed a config of this host")->type_name("ID");
  cmd.add_option("--server", f->server, "only scans that added, removed or changed this server")->type_name("NAME");
  cmd.add_option("--format", f->format, "output: text (default) or json")->check(CLI::IsMember({"text", "json"}));
  cmd.add_option("-n,--max-count", f->max, "show at most N scans")->type_name("N");
  return [f]() -> ExitCode {
    const Environment env = Environment::FromProcess();
    std::optional<int64_t> since;
    if (!f->since.empty()) {
      since = ParseSince(f->since, static_cast<int64_t>(std::time(nullptr)));
      if (!since) {
        PrintError("--since: cannot read '" + f->since + "' (use 2026-05-01, 2026-05-01T12:00:00Z or 7d)");
        return kExitFault;
      }
    }
    std::vector<history::CommitInfo> commits;
    // Reading must not create the repository: no history is an empty log.
    if (Exists(app::HistoryDir(env))) {
      auto store = app::OpenHistory(env);
      if (!store) return ReportFault(store.error());
      auto log = store->Log(0, since);
      if (!log) return ReportFault(log.error());
      commits = std::move(*log);
    }
    std::erase_if(commits, [&](const history::CommitInfo& c) {
      return (!f->host.empty() && !MentionsHost(c, f->host)) ||
             (!f->server.empty() && !MentionsServer(c.message, f->server));
    });
    if (f->max != 0 && commits.size() > f->max) commits.resize(f->max);
    std::string text;
    if (f->format == "json") {
      json out = json::array();
      for (const history::CommitInfo& c : commits) {
        out.push_back({{"id", c.id},
                       {"time", FormatUtc(c.time)},
                       {"author", c.author},
                       {"message", c.message},
                       {"changed", c.changed}});
      }
      text = out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
    } else {
      for (const history::CommitInfo& c : commits) {
        text += c.id.substr(0, 10) + "  " + FormatUtc(c.time) + "  " + FirstLine(c.message) + "\n";
      }
    }
    return WriteStdout(text) ? kExitOk : kExitFault;
  };
}

Runner SetupShow(CLI::App& cmd) {
  struct Flags {
    std::string rev = "HEAD";
    std::string host;
    std::string format = "text";
  };
  auto f = std::make_shared<Flags>();
  cmd.footer(
      "Prints the files a recorded scan left in the history: one JSON file per config\n"
      "(configs/HOST/SCOPE/PATH.json), findings.json and summary.json. REV is anything git takes:\n"
      "HEAD (the last scan, the default), HEAD~3, an id from 'mcpguard log'.\n\n"
      "Examples:\n"
      "  mcpguard show HEAD~1 --host cursor\n"
      "  mcpguard show 3f2a9c1 --format json | jq 'keys'");
  cmd.add_option("rev", f->rev, "the scan to show (default HEAD)")->type_name("REV");
  cmd.add_option("--host", f->host, "only this host's config files")->type_name("ID");
  cmd.add_option("--format", f->format, "output: text (default) or json (path → document)")
      ->check(CLI::IsMember({"text", "json"}));
  return [f]() -> ExitCode {
    const Environment env = Environment::FromProcess();
    if (!Exists(app::HistoryDir(env))) {
      PrintError("no history yet: 'mcpguard scan' records one (" + app::HistoryDir(env) + ")");
      return kExitFault;
    }
    auto store = app::OpenHistory(env);
    if (!store) return ReportFault(store.error());
    auto files = store->Read(f->rev);
    if (!files) return ReportFault(files.error());
    if (!f->host.empty()) {
      const std::string dir = "configs/" + f->host + "/";
      std::erase_if(*files, [&](const auto& kv) { return kv.first.compare(0, dir.size(), dir) != 0; });
      if (files->empty()) {
        PrintError("no config of host '" + f->host + "' in " + f->rev);
        return kExitFault;
      }
    }
    std::string text;
    if (f->format == "json") {
      json out = json::object();
      for (const auto& [path, bytes] : *files) {
        json doc = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
        out[path] = doc.is_discarded() ? json(bytes) : doc;
      }
      text = out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
    } else if (files->size() == 1) {
      text = files->begin()->second;  // one config: exactly its bytes, for jq and diff
    } else {
      for (const auto& [path, bytes] : *files) {
        if (!text.empty()) text += "\n";
        text += "==> " + path + " <==\n" + bytes;
      }
    }
    return WriteStdout(text) ? kExitOk : kExitFault;
  };
}

Runner SetupDiff(CLI::App& cmd) {
  struct Flags {
    std::vector<std::string> revs;
    std::string against;
    std::string format = "text";
    std::string fail_on = "high";
    app::ScanOptions scan;
    std::string os;
    bool no_cwd = false;
  };
  auto f = std::make_shared<Flags>();
  cmd.footer(
      "Without REV: scans now and compares with the signed baseline (--against baseline, the default; its\n"
      "signature is checked first, as verify does) or with a recorded scan (--against REV). Each difference\n"
      "is a finding with a stable id: MCPG-DRIFT-* (unapproved or gone servers, launch, artifact, surface,\n"
      "credential and consent changes) and MCPG-REDIRECT-* (an approved server now pointing elsewhere: another\n"
      "origin, plain http, a raw IP, a tunnel host, another package, a retargeted bridge, a vendor endpoint or\n"
      "proxy env var). Exit 0: nothing at or above --fail-on; 1: drift at or above it; 2: cannot compare.\n\n"
      "With REV [REV]: compares two recorded scans (default newer: HEAD), config by config: added (+),\n"
      "removed (-) and changed (~, with the fields that changed); exit 0.\n\n"
      "Examples:\n"
      "  mcpguard diff\n"
      "  mcpguard diff --against HEAD~3 --format json\n"
      "  mcpguard diff --format sarif > drift.sarif   # for GitHub code scanning (upload-sarif)\n"
      "  mcpguard diff --fail-on critical      # only critical drift: redirects, \"*\" auto-approve\n"
      "  mcpguard diff HEAD~5 HEAD --format json");
  cmd.add_option("revs", f->revs, "two recorded scans to compare, older first (one: against HEAD)")
      ->type_name("REV")
      ->expected(0, 2);
  cmd.add_option("--against", f->against, "compare a scan now with: baseline (default) or a recorded scan REV")
      ->type_name("baseline|REV");
  cmd.add_option("--format", f->format,
                 "output: text (default), json, or sarif (SARIF 2.1.0 of the drift findings; not with REV)")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  cmd.add_option("--fail-on", f->fail_on,
                 "exit 1 on drift at least this severe: info, low, medium, high (default), critical")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}));
  cmd.add_option("--host", f->scan.hosts, "only this host's servers, by id (repeatable)")->type_name("ID");
  cmd.add_option("--os", f->os, "the OS layout: linux, macos or windows")
      ->check(CLI::IsMember({"linux", "macos", "windows"}));
  cmd.add_option("--root", f->scan.root, "put DIR in front of system paths (/etc/...)")->type_name("DIR");
  cmd.add_flag("--no-cwd", f->no_cwd, "do not treat the current directory as a project");
  cmd.add_option("--signatures", f->scan.signatures_dir, "read the signature files from DIR")
      ->type_name("DIR")
      ->envname("MCPGUARD_SIGNATURES");
  return [f]() -> ExitCode {
    const Environment env = Environment::FromProcess();
    if (!f->revs.empty()) {
      if (!f->against.empty()) {
        PrintError("give either REV [REV] (two recorded scans) or --against, not both");
        return kExitFault;
      }
      if (f->format == "sarif") {
        PrintError("--format sarif reports drift findings: use 'mcpguard diff [--against baseline|REV]', "
                   "not REV [REV]");
        return kExitFault;
      }
      return DiffRecorded(env, f->revs, f->format);
    }
    app::DriftOptions o;
    o.scan = f->scan;
    if (!f->os.empty()) o.scan.os = *ParseOs(f->os);
    if (!f->no_cwd) o.scan.cwd = CurrentDir();
#ifdef MCPGUARD_VERSION
    o.scan.tool_version = MCPGUARD_VERSION;
#endif
    o.against = f->against.empty() ? "baseline" : f->against;
    Progress progress;
    app::ScanHooks hooks;
    hooks.progress = [&](const std::string& line) { progress.Update(line); };
    hooks.interrupted = &Interrupted();
    auto out = app::Diff(o, env, hooks);
    progress.Clear();
    if (!out) {
      PrintError("cannot compare: " + out.error().ToString());
      return kExitFault;
    }
    const std::string home = out->snapshot.homes.empty() ? std::string() : out->snapshot.homes.front();
    std::string text;
    if (f->format == "sarif") {
      auto sarif = app::DriftSarif(*out, o.scan.signatures_dir, o.scan.tool_version, CurrentDir());
      if (!sarif) return ReportFault(sarif.error());
      text = std::move(*sarif);
    } else if (f->format == "json") {
      text = app::DriftJson(*out).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
    } else {
      text = app::DriftText(*out, home);
    }
    if (!WriteStdout(text)) return kExitFault;
    if (out->interrupted) return kExitInterrupted;
    const model::Severity threshold = *model::ParseSeverity(f->fail_on);
    for (const model::Finding& finding : out->findings) {
      if (finding.severity >= threshold) return kExitFindings;
    }
    return out->snapshot.Partial() ? kExitFindings : kExitOk;
  };
}

}  // namespace mcpguard::cli

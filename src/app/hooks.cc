#include "app/hooks.h"

#include <sys/stat.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/baseline_store.h"
#include "app/settings.h"
#include "app/verify.h"
#include "app/wrap_config.h"
#include "base/file.h"
#include "base/path.h"
#include "base/process.h"
#include "base/text.h"
#include "discovery/candidates.h"

namespace mcpguard::app {
namespace {

using ojson = nlohmann::ordered_json;

constexpr const char* kClaudeHost = "claude-code";
constexpr const char* kCursorHost = "cursor";

// One file we changed: enough to put it back.
struct Installed {
  std::string host;
  std::string kind;    // "config", "settings", "schedule"
  std::string path;
  std::string backup;  // "" when the file did not exist before
  std::string sha256;  // of what we wrote
};

void to_json(nlohmann::json& j, const Installed& i) {
  j = {{"host", i.host}, {"kind", i.kind}, {"path", i.path}, {"backup", i.backup}, {"sha256", i.sha256}};
}
void from_json(const nlohmann::json& j, Installed& i) {
  i.host = j.value("host", "");
  i.kind = j.value("kind", "");
  i.path = j.value("path", "");
  i.backup = j.value("backup", "");
  i.sha256 = j.value("sha256", "");
}

class Manifest {
 public:
  explicit Manifest(const Paths& paths) : dir_(JoinPath(paths.state_dir, "hooks")) {}

  Result<void> Load() {
    auto text = ReadFileCapped(Path());
    if (!text) return text.error().code == Errc::kNotFound ? Result<void>() : tl::make_unexpected(text.error());
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (!j.is_object() || !j.contains("files") || !j["files"].is_array()) {
      return Fail(Errc::kCorrupt, "not a hooks manifest", Path());
    }
    entries_ = j["files"].get<std::vector<Installed>>();
    return {};
  }
  Result<void> Save() const {
    if (auto made = MakePrivateDirs(dir_); !made) return made;
    return WriteFileAtomic(Path(), nlohmann::json{{"files", entries_}}.dump(2) + "\n", 0600);
  }
  // Keeps a copy of `bytes` (the file before we changed it).
  Result<std::string> Backup(const std::string& path, const std::string& bytes) const {
    const std::string dir = JoinPath(dir_, "backups");
    if (auto made = MakePrivateDirs(dir); !made) return tl::make_unexpected(made.error());
    std::string name;
    for (char c : path) name += (c == '/' || c == '\\' || c == ':') ? '_' : c;
    const std::string file = JoinPath(dir, name + "." + Sha256Hex(bytes).substr(0, 12));
    if (auto w = WriteFileAtomic(file, bytes, 0600); !w) return tl::make_unexpected(w.error());
    return file;
  }
  const Installed* Find(const std::string& path) const {
    for (const Installed& i : entries_) {
      if (i.path == path) return &i;
    }
    return nullptr;
  }
  void Put(Installed entry) {
    Remove(entry.path);
    entries_.push_back(std::move(entry));
  }
  void Remove(const std::string& path) {
    std::erase_if(entries_, [&](const Installed& i) { return i.path == path; });
  }
  std::vector<Installed> Of(const std::string& host, const std::string& kind = {}) const {
    std::vector<Installed> out;
    for (const Installed& i : entries_) {
      if (i.host == host && (kind.empty() || i.kind == kind)) out.push_back(i);
    }
    return out;
  }

 private:
  std::string Path() const { return JoinPath(dir_, "installed.json"); }
  std::string dir_;
  std::vector<Installed> entries_;
};

mode_t ModeOf(const std::string& path, mode_t fallback) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : fallback;
}

// Writes `text` to `path` (atomically, keeping its mode) after backing up
// what was there, and remembers both.
Result<void> Replace(Manifest& manifest, const std::string& host, const std::string& kind, const std::string& path,
                     const std::optional<std::string>& before, const std::string& text) {
  Installed entry{host, kind, path, {}, Sha256Hex(text)};
  // A second install keeps the first backup: uninstall then restores the
  // file as it was before mcpguard ever touched it.
  const Installed* earlier = manifest.Find(path);
  if (earlier != nullptr && before && Sha256Hex(*before) == earlier->sha256) {
    entry.backup = earlier->backup;
  } else if (before) {
    auto backup = manifest.Backup(path, *before);
    if (!backup) return tl::make_unexpected(backup.error());
    entry.backup = *backup;
  }
  if (auto made = MakePrivateDirs(Dirname(path)); !made && !IsDirectory(Dirname(path))) return made;
  if (auto w = WriteFileAtomic(path, text, ModeOf(path, 0644)); !w) return w;
  manifest.Put(std::move(entry));
  return manifest.Save();
}

std::string HomeFor(const ScanOptions& scan, const Environment& env) {
  return discovery::HomeOf(env, scan.os.value_or(CurrentOs()));
}

// --- the host's own hook settings (Claude Code, Cursor) --------------------

std::string ClaudeSettingsPath(const std::string& home) { return JoinPath(home, ".claude/settings.json"); }
std::string CursorHooksPath(const std::string& home) { return JoinPath(home, ".cursor/hooks.json"); }

bool IsOurs(const ojson& hook) {
  return hook.is_object() && hook.contains("command") && hook["command"].is_string() &&
         hook["command"].get<std::string>().find(" hooks check-tool ") != std::string::npos;
}
bool IsOursVerify(const ojson& hook, const std::string& mcpguard) {
  return hook.is_object() && hook.value("command", "") == mcpguard + " verify --host claude-code";
}

// Adds `entry` to the list at hooks[event] unless an equal one is there.
bool AddHook(ojson& root, const std::string& event, const ojson& entry) {
  ojson& list = root["hooks"][event];
  if (!list.is_array()) list = ojson::array();
  for (const ojson& e : list) {
    if (e == entry) return false;
  }
  list.push_back(entry);
  return true;
}

Result<ojson> LoadJsonObject(const std::optional<std::string>& text, const std::string& path) {
  if (!text) return ojson::object();
  auto j = ojson::parse(*text, nullptr, false, true);
  if (j.is_discarded() || !j.is_object()) return Fail(Errc::kParse, "not a JSON object; not changed", path);
  return j;
}

std::optional<std::string> ReadIfThere(const std::string& path) {
  auto text = ReadFileCapped(path);
  if (!text) return std::nullopt;
  return *text;
}

Result<std::string> InstallHostHooks(Manifest& manifest, const HooksOptions& o, const std::string& home) {
  std::string path;
  std::vector<std::pair<std::string, ojson>> add;
  const std::string check = o.mcpguard + " hooks check-tool --host " + o.host;
  if (o.host == kClaudeHost) {
    path = ClaudeSettingsPath(home);
    add.push_back({"SessionStart",
                   {{"hooks", ojson::array({{{"type", "command"},
                                             {"command", o.mcpguard + " verify --host claude-code"}}})}}});
    add.push_back({"PreToolUse",
                   {{"matcher", "mcp__.*"}, {"hooks", ojson::array({{{"type", "command"}, {"command", check}}})}}});
  } else if (o.host == kCursorHost) {
    path = CursorHooksPath(home);
    add.push_back({"beforeMCPExecution", {{"command", check}}});
  } else {
    return std::string();
  }
  const std::optional<std::string> before = ReadIfThere(path);
  auto root = LoadJsonObject(before, path);
  if (!root) return tl::make_unexpected(root.error());
  if (o.host == kCursorHost && !root->contains("version")) (*root)["version"] = 1;
  bool changed = false;
  for (auto& [event, entry] : add) changed |= AddHook(*root, event, entry);
  if (!changed) return path + ": hooks already installed";
  if (auto r = Replace(manifest, o.host, "settings", path, before, root->dump(2) + "\n"); !r) {
    return tl::make_unexpected(r.error());
  }
  return path + ": installed " + (o.host == kClaudeHost ? "SessionStart and PreToolUse (mcp__.*)" : "beforeMCPExecution") +
         " hooks";
}

// Our entries out of a settings file edited since install.
std::string RemoveOurHooks(const std::string& text, const std::string& mcpguard) {
  auto root = ojson::parse(text, nullptr, false, true);
  if (root.is_discarded() || !root.is_object() || !root.contains("hooks") || !root["hooks"].is_object()) return text;
  for (auto& [event, list] : root["hooks"].items()) {
    if (!list.is_array()) continue;
    ojson kept = ojson::array();
    for (ojson& e : list) {
      bool ours = IsOurs(e) || IsOursVerify(e, mcpguard);
      if (e.is_object() && e.contains("hooks") && e["hooks"].is_array()) {
        ojson inner = ojson::array();
        for (ojson& h : e["hooks"]) {
          if (!IsOurs(h) && !IsOursVerify(h, mcpguard)) inner.push_back(h);
        }
        ours = inner.empty() && !e["hooks"].empty();
        e["hooks"] = inner;
      }
      if (!ours) kept.push_back(e);
    }
    list = kept;
  }
  return root.dump(2) + "\n";
}

// --- the scheduled report --------------------------------------------------

std::string Since(const std::string& schedule) {
  return schedule == "hourly" ? "1h" : schedule == "weekly" ? "7d" : "1d";
}

bool HasSystemd(const ScanOptions& scan) { return IsDirectory(scan.root + "/run/systemd/system"); }

}  // namespace

std::vector<UnitFile> ScheduleUnits(Os os, bool systemd, const Environment& env, const std::string& mcpguard,
                                    const std::string& schedule) {
  const std::string home = discovery::HomeOf(env, os);
  const std::string report = mcpguard + " report --since " + Since(schedule);
  if (os == Os::kMacos) {
    const int interval = schedule == "hourly" ? 3600 : schedule == "weekly" ? 604800 : 86400;
    return {{JoinPath(home, "Library/LaunchAgents/dev.mcpguard.report.plist"),
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
             "<!-- Written by mcpguard hooks install (schedule); removed by hooks uninstall. -->\n"
             "<plist version=\"1.0\">\n<dict>\n"
             "  <key>Label</key><string>dev.mcpguard.report</string>\n"
             "  <key>ProgramArguments</key>\n  <array>\n"
             "    <string>" + mcpguard + "</string>\n    <string>report</string>\n"
             "    <string>--since</string>\n    <string>" + Since(schedule) + "</string>\n  </array>\n"
             "  <key>StartInterval</key><integer>" + std::to_string(interval) + "</integer>\n"
             "  <key>StandardOutPath</key><string>" + home + "/Library/Logs/mcpguard-report.log</string>\n"
             "  <key>StandardErrorPath</key><string>" + home + "/Library/Logs/mcpguard-report.log</string>\n"
             "</dict>\n</plist>\n"}};
  }
  if (systemd) {
    const std::string dir = JoinPath(env.GetOr("XDG_CONFIG_HOME", JoinPath(home, ".config")), "systemd/user");
    return {{JoinPath(dir, "mcpguard-report.service"),
             "# Written by 'mcpguard hooks install --schedule'; removed by 'hooks uninstall --schedule'.\n"
             "[Unit]\nDescription=mcpguard drift report\nDocumentation=man:mcpguard(1)\n\n"
             "[Service]\nType=oneshot\nExecStart=" + report + "\n"},
            {JoinPath(dir, "mcpguard-report.timer"),
             "# Written by 'mcpguard hooks install --schedule'; removed by 'hooks uninstall --schedule'.\n"
             "[Unit]\nDescription=mcpguard drift report, " + schedule + "\nDocumentation=man:mcpguard(1)\n\n"
             "[Timer]\nOnCalendar=" + schedule + "\nPersistent=true\nRandomizedDelaySec=10min\n\n"
             "[Install]\nWantedBy=timers.target\n"}};
  }
  const std::string when = schedule == "hourly" ? "17 * * * *" : schedule == "weekly" ? "17 9 * * 1" : "17 9 * * *";
  return {{JoinPath(JoinPath(env.GetOr("XDG_STATE_HOME", JoinPath(home, ".local/state")), "mcpguard/hooks"),
                    "mcpguard.cron"),
           "# mcpguard drift report (added by 'mcpguard hooks install --schedule')\n" + when + " " + report + "\n"}};
}

namespace {

Result<void> InstallSchedule(Manifest& manifest, const HooksOptions& o, const Environment& env, HooksOutcome& out) {
  const Os os = o.scan.os.value_or(CurrentOs());
  const bool systemd = os == Os::kLinux && HasSystemd(o.scan);
  for (const UnitFile& u : ScheduleUnits(os, systemd, env, o.mcpguard, o.schedule)) {
    if (auto r = Replace(manifest, "", "schedule", u.path, ReadIfThere(u.path), u.content); !r) return r;
    out.lines.push_back("wrote " + u.path);
  }
  if (!o.enable) {
    out.lines.push_back("not enabled (--no-enable)");
    return {};
  }
  std::vector<std::vector<std::string>> steps;
  if (os == Os::kMacos) {
    steps = {{"launchctl", "load", "-w", ScheduleUnits(os, false, env, o.mcpguard, o.schedule)[0].path}};
  } else if (systemd) {
    steps = {{"systemctl", "--user", "daemon-reload"}, {"systemctl", "--user", "enable", "--now", "mcpguard-report.timer"}};
  } else {
    const std::string line = ScheduleUnits(os, false, env, o.mcpguard, o.schedule)[0].content;
    auto current = RunProcess(ProcessOptions{{"crontab", "-l"}, std::nullopt, {}, {}, 10'000});
    std::string table = current && current->exit_code == 0 ? current->out : std::string();
    if (table.find(" report --since ") == std::string::npos) table += line;
    steps = {};
    auto set = RunProcess(ProcessOptions{{"crontab", "-"}, std::nullopt, {}, table, 10'000});
    if (!set || set->exit_code != 0) out.warnings.push_back("crontab not updated: add the line from the file above by hand");
    else out.lines.push_back("added to your crontab");
  }
  for (const auto& argv : steps) {
    auto r = RunProcess(ProcessOptions{argv, std::nullopt, {}, {}, 30'000});
    if (!r || r->exit_code != 0) {
      out.warnings.push_back("'" + Join(argv, " ") + "' failed: enable the schedule by hand");
      break;
    }
    out.lines.push_back("ran " + Join(argv, " "));
  }
  return {};
}

Result<model::Snapshot> ScanHost(const ScanOptions& base, const std::string& host, const Environment& env) {
  ScanOptions scan = base;
  if (!host.empty()) scan.hosts = {host};
  scan.findings = false;
  auto scanned = Scan(scan, env);
  if (!scanned) return tl::make_unexpected(scanned.error());
  return std::move(scanned->snapshot);
}

// Puts a file back: its backup when nobody changed it since install,
// `fallback(current)` otherwise.
template <typename F>
Result<std::string> Restore(const Installed& i, F&& fallback) {
  auto current = ReadFileCapped(i.path);
  if (!current) {
    if (current.error().code == Errc::kNotFound) return i.path + ": gone; nothing to restore";
    return tl::make_unexpected(current.error());
  }
  if (Sha256Hex(*current) == i.sha256) {
    if (i.backup.empty()) {
      if (::unlink(i.path.c_str()) != 0) return Fail(Errc::kIo, "cannot remove", i.path);
      return i.path + ": removed (mcpguard created it)";
    }
    auto saved = ReadFileCapped(i.backup);
    if (!saved) return tl::make_unexpected(saved.error());
    if (auto w = WriteFileAtomic(i.path, *saved, ModeOf(i.path, 0644)); !w) return tl::make_unexpected(w.error());
    return i.path + ": restored from its backup";
  }
  auto edited = fallback(*current);
  if (!edited) return tl::make_unexpected(edited.error());
  if (*edited == *current) return i.path + ": changed since install; nothing of ours left in it";
  if (auto w = WriteFileAtomic(i.path, *edited, ModeOf(i.path, 0644)); !w) return tl::make_unexpected(w.error());
  return i.path + ": changed since install; took our entries out of it";
}

}  // namespace

Result<HooksOutcome> InstallHooks(const HooksOptions& o, const Environment& env) {
  Manifest manifest(PathsFor(env));
  if (auto loaded = manifest.Load(); !loaded) return tl::make_unexpected(loaded.error());
  HooksOutcome out;
  if (!o.schedule.empty()) {
    if (auto r = InstallSchedule(manifest, o, env, out); !r) return tl::make_unexpected(r.error());
  }
  if (o.host.empty()) return out;
  auto snap = ScanHost(o.scan, o.host, env);
  if (!snap) return tl::make_unexpected(snap.error());
  size_t files = 0;
  for (const model::ConfigFile& cf : snap->configs) {
    if (cf.host != o.host || !cf.readable) continue;
    std::vector<WrapTarget> targets;
    for (const model::Server& s : cf.servers) {
      if (s.transport == model::Transport::kStdio && !s.command.empty() && !s.wrapped) {
        targets.push_back(WrapTarget{s.name, s.pos});
      }
    }
    if (targets.empty()) continue;
    ++files;
    auto format = formats::ParseFormatName(cf.format);
    auto text = ReadFileCapped(cf.path);
    if (!format || !text) {
      out.warnings.push_back(cf.path + ": cannot be read again; not changed");
      continue;
    }
    auto wrapped = WrapConfigText(*text, *format, targets, WrapSettings{o.mcpguard, o.host, cf.path, o.guard});
    if (!wrapped) {
      Error e = wrapped.error();
      if (e.path.empty()) e.path = cf.path;
      out.warnings.push_back(e.ToString() + "; not changed");
      continue;
    }
    for (const std::string& why : wrapped->skipped) out.warnings.push_back(cf.path + ": not wrapped: " + why);
    if (wrapped->changed.empty()) continue;
    if (auto r = Replace(manifest, o.host, "config", cf.path, *text, wrapped->text); !r) {
      out.warnings.push_back(r.error().ToString() + "; not changed");
      continue;
    }
    out.lines.push_back(cf.path + ": wrapped " + Join(wrapped->changed, ", "));
  }
  if (files == 0) out.lines.push_back("no stdio server left to wrap in " + o.host + "'s configuration");
  auto hooks = InstallHostHooks(manifest, o, HomeFor(o.scan, env));
  if (!hooks) out.warnings.push_back(hooks.error().ToString());
  else if (!hooks->empty()) out.lines.push_back(*hooks);
  return out;
}

Result<HooksOutcome> UninstallHooks(const HooksOptions& o, const Environment& env) {
  Manifest manifest(PathsFor(env));
  if (auto loaded = manifest.Load(); !loaded) return tl::make_unexpected(loaded.error());
  HooksOutcome out;
  auto unwrap_text = [](const Installed& i) {
    return [i](const std::string& current) -> Result<std::string> {
      const std::string ext = ToLower(i.path.substr(i.path.rfind('.') + 1));
      const formats::Format f = ext == "toml" ? formats::Format::kToml : formats::Format::kJsonc;
      auto r = UnwrapConfigText(current, f);
      if (!r) return tl::make_unexpected(r.error());
      return r->text;
    };
  };
  std::vector<Installed> todo;
  if (!o.schedule.empty()) {
    for (const Installed& i : manifest.Of("", "schedule")) todo.push_back(i);
  }
  if (!o.host.empty()) {
    for (const Installed& i : manifest.Of(o.host)) todo.push_back(i);
  }
  for (const Installed& i : todo) {
    Result<std::string> done = i.kind == "config"     ? Restore(i, unwrap_text(i))
                               : i.kind == "settings" ? Restore(i, [&](const std::string& cur) -> Result<std::string> {
                                                          return RemoveOurHooks(cur, o.mcpguard);
                                                        })
                                                      : Restore(i, [](const std::string& cur) -> Result<std::string> {
                                                          return cur;
                                                        });
    if (!done) {
      out.warnings.push_back(done.error().ToString());
      continue;
    }
    out.lines.push_back(*done);
    manifest.Remove(i.path);
  }
  if (!o.schedule.empty() && o.enable) {
    const Os os = o.scan.os.value_or(CurrentOs());
    if (os == Os::kLinux && HasSystemd(o.scan)) {
      (void)RunProcess(ProcessOptions{{"systemctl", "--user", "disable", "--now", "mcpguard-report.timer"}, std::nullopt, {}, {}, 30'000});
    }
  }
  // Wrapped servers mcpguard has no record of (a lost state directory, a
  // config copied from another machine) are un-wrapped too.
  if (!o.host.empty()) {
    auto snap = ScanHost(o.scan, o.host, env);
    if (!snap) return tl::make_unexpected(snap.error());
    for (const model::ConfigFile& cf : snap->configs) {
      const bool any = std::any_of(cf.servers.begin(), cf.servers.end(), [](const model::Server& s) { return s.wrapped; });
      if (cf.host != o.host || !any) continue;
      auto format = formats::ParseFormatName(cf.format);
      auto text = ReadFileCapped(cf.path);
      if (!format || !text) continue;
      auto r = UnwrapConfigText(*text, *format);
      if (!r || r->changed.empty()) continue;
      if (auto w = WriteFileAtomic(cf.path, r->text, ModeOf(cf.path, 0644)); !w) {
        out.warnings.push_back(w.error().ToString());
        continue;
      }
      out.lines.push_back(cf.path + ": un-wrapped " + Join(r->changed, ", "));
    }
  }
  if (auto saved = manifest.Save(); !saved) out.warnings.push_back(saved.error().ToString());
  if (out.lines.empty()) out.lines.push_back("nothing installed");
  return out;
}

Result<HooksOutcome> HooksStatus(const ScanOptions& scan, const Environment& env) {
  Manifest manifest(PathsFor(env));
  if (auto loaded = manifest.Load(); !loaded) return tl::make_unexpected(loaded.error());
  auto snap = ScanHost(scan, "", env);
  if (!snap) return tl::make_unexpected(snap.error());
  HooksOutcome out;
  for (const model::ConfigFile& cf : snap->configs) {
    std::vector<std::string> wrapped;
    std::vector<std::string> bare;
    for (const model::Server& s : cf.servers) {
      if (s.wrapped) wrapped.push_back(s.name);
      else if (s.transport == model::Transport::kStdio && !s.command.empty()) bare.push_back(s.name);
    }
    if (wrapped.empty() && bare.empty()) continue;
    std::string line = cf.host + "  " + cf.path + ": " + std::to_string(wrapped.size()) + " of " +
                       std::to_string(wrapped.size() + bare.size()) + " stdio server(s) wrapped";
    if (!wrapped.empty()) line += " (" + Join(wrapped, ", ") + ")";
    if (!bare.empty()) line += "; not wrapped: " + Join(bare, ", ");
    out.lines.push_back(line);
  }
  const std::string home = HomeFor(scan, env);
  for (const std::string& path : {ClaudeSettingsPath(home), CursorHooksPath(home)}) {
    auto text = ReadIfThere(path);
    if (text && text->find(" hooks check-tool ") != std::string::npos) {
      out.lines.push_back(path + ": mcpguard hooks installed");
    }
  }
  for (const Installed& i : manifest.Of("", "schedule")) out.lines.push_back(i.path + ": scheduled report");
  if (out.lines.empty()) out.lines.push_back("no stdio server configured");
  return out;
}

ToolDecision CheckToolCall(const std::string& host, const std::string& input, const ScanOptions& base,
                           const Environment& env) {
  ToolDecision d;
  auto j = nlohmann::json::parse(input, nullptr, false);
  if (!j.is_object()) {
    d.reason = "the hook input is not a JSON object";
    return d;
  }
  ScanOptions scan = base;
  scan.hosts = {host};
  if (j.contains("cwd") && j["cwd"].is_string()) scan.cwd = j["cwd"].get<std::string>();
  const std::string tool = j.value("tool_name", "");
  VerifyOptions vo{scan, {}, {}};
  // Claude Code names MCP tools mcp__<server>__<tool>, with the server name's
  // characters outside [A-Za-z0-9_-] turned into '_'.
  if (host == kClaudeHost && StartsWith(tool, "mcp__")) {
    const std::string rest = tool.substr(5);
    const size_t sep = rest.find("__");
    const std::string normalised = rest.substr(0, sep);
    auto snap = ScanHost(scan, host, env);
    if (snap) {
      for (const model::ConfigFile& cf : snap->configs) {
        for (const model::Server& s : cf.servers) {
          std::string n = s.name;
          for (char& c : n) {
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') c = '_';
          }
          if (n == normalised) vo.server = s.name;
        }
      }
    }
    if (vo.server.empty()) vo.server = normalised;
  } else if (host == kCursorHost) {
    // Cursor names the server by what it runs: "command" (the command line)
    // for a stdio server, "url" for a remote one.
    const std::string command = j.value("command", "");
    const std::string url = j.value("url", "");
    auto snap = ScanHost(scan, host, env);
    if (snap && (!command.empty() || !url.empty())) {
      for (const model::ConfigFile& cf : snap->configs) {
        for (const model::Server& s : cf.servers) {
          std::vector<std::string> argv{s.command};
          argv.insert(argv.end(), s.args.begin(), s.args.end());
          const bool same = (!url.empty() && s.url == url) ||
                            (!command.empty() && (s.command == command || Join(argv, " ") == command));
          if (same) vo.server = s.name;
        }
      }
    }
    // A wrapped server: the command line names it.
    if (const size_t at = command.find(" --server "); vo.server.empty() && at != std::string::npos) {
      const size_t from = at + 10;
      vo.server = command.substr(from, command.find(' ', from) - from);
    }
  }
  d.server = vo.server;
  auto out = Verify(vo, env);
  if (!out) {
    d.reason = "cannot verify: " + out.error().ToString();
  } else if (!out->problems.empty()) {
    std::vector<std::string> parts;
    for (const VerifyProblem& p : out->problems) {
      parts.push_back(p.server + (p.kind == "unapproved" ? " is not approved" : " changed: " + Join(p.fields, ", ")));
    }
    d.reason = Join(parts, "; ");
  } else {
    d.allowed = true;
    d.reason = "approved and unchanged";
  }
  (void)AppendAudit(PathsFor(env), AuditEntry{"check-tool", host, d.server, d.allowed ? "allow" : "deny",
                                              (tool.empty() ? std::string() : tool + ": ") + d.reason});
  return d;
}

}  // namespace mcpguard::app

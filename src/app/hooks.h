// hooks: putting mcpguard in front of a host without the user typing its name.
//   install --host H   wraps each stdio server of H's config files with
//                      'mcpguard exec' (app/wrap_config.h), atomically, with a
//                      backup; Claude Code also gets SessionStart (verify) and
//                      PreToolUse "mcp__.*" (hooks check-tool) in
//                      ~/.claude/settings.json, Cursor beforeMCPExecution in
//                      ~/.cursor/hooks.json.
//   install --schedule the scheduled 'mcpguard report' (systemd user timer,
//                      cron line, or launchd agent).
//   uninstall          byte for byte: a file unchanged since install gets its
//                      backup back; one edited since is un-wrapped by splice
//                      (only our insertions come out) and our hook entries
//                      are removed from the settings files.
//   status             what is wrapped, per host and file.
// What was installed is remembered in $XDG_STATE_HOME/mcpguard/hooks/
// (installed.json and backups/, 0600: the backups are copies of the user's
// own configs and hold whatever those hold).
#pragma once

#include <string>
#include <vector>

#include "app/scan.h"
#include "base/environment.h"
#include "base/error.h"

namespace mcpguard::app {

struct HooksOptions {
  ScanOptions scan;       // hosts = {host}
  std::string host;       // "" with a schedule only
  bool guard = false;     // wrap with 'exec --guard'
  std::string mcpguard;   // absolute path written into configs and units
  std::string schedule;   // "", "hourly", "daily", "weekly"
  bool enable = true;     // run systemctl/crontab/launchctl after writing the files
};

struct HooksOutcome {
  std::vector<std::string> lines;     // what was done, one line each
  std::vector<std::string> warnings;  // what could not be, and went on
};

Result<HooksOutcome> InstallHooks(const HooksOptions& options, const Environment& env);
Result<HooksOutcome> UninstallHooks(const HooksOptions& options, const Environment& env);
Result<HooksOutcome> HooksStatus(const ScanOptions& scan, const Environment& env);

// A host's pre-tool hook (Claude Code PreToolUse, Cursor beforeMCPExecution):
// `input` is the hook's JSON on stdin. Allowed when the server the tool
// belongs to is approved and unchanged; a server that cannot be identified
// is checked as "every server of the host".
struct ToolDecision {
  bool allowed = false;
  std::string reason;
  std::string server;  // as identified, or ""
};
ToolDecision CheckToolCall(const std::string& host, const std::string& input, const ScanOptions& scan,
                           const Environment& env);

// The scheduler files for `schedule` on `os`: path -> content.
struct UnitFile {
  std::string path;
  std::string content;
};
std::vector<UnitFile> ScheduleUnits(Os os, bool systemd, const Environment& env, const std::string& mcpguard,
                                    const std::string& schedule);

}  // namespace mcpguard::app

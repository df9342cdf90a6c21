// hooks: install, uninstall, status, and check-tool (what the installed
// Claude Code and Cursor hooks run).
#include <unistd.h>

#include <climits>
#include <iostream>
#include <iterator>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/hooks.h"
#include "cli/commands.h"
#include "cli/output.h"

namespace mcpguard::cli {
namespace {

std::string Cwd() {
  char buf[PATH_MAX];
  return ::getcwd(buf, sizeof buf) != nullptr ? std::string(buf) : std::string();
}

// The absolute path of this binary: what wrapped configs and units run.
std::string SelfPath() {
  char buf[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string("mcpguard");
}

ExitCode Print(const Result<app::HooksOutcome>& out) {
  if (!out) return ReportFault(out.error());
  std::string text;
  for (const std::string& l : out->lines) text += l + "\n";
  for (const std::string& w : out->warnings) PrintWarning(w);
  return WriteStdout(text) ? kExitOk : kExitFault;
}

}  // namespace

Runner SetupHooks(CLI::App& cmd) {
  struct Flags {
    std::string host;
    std::string root;
    std::string schedule;
    bool guard = false;
    bool no_enable = false;
    bool all_schedule = false;
  };
  auto f = std::make_shared<Flags>();
  cmd.require_subcommand(1);
  cmd.footer(
      "install --host H: rewrites H's config files so every stdio server starts through\n"
      "'mcpguard exec --host H --server NAME --config FILE -- <its command>' (a text splice: comments,\n"
      "order and formatting stay; JSON, JSONC and TOML; YAML is refused). The file is replaced atomically\n"
      "and a backup kept in $XDG_STATE_HOME/mcpguard/hooks/. Claude Code also gets a SessionStart hook\n"
      "(verify) and a PreToolUse hook for mcp__.* (check-tool) in ~/.claude/settings.json; Cursor a\n"
      "beforeMCPExecution hook in ~/.cursor/hooks.json.\n"
      "install --schedule daily: the drift report ('mcpguard report') on a timer: a systemd user timer,\n"
      "else a crontab line; a launchd agent on macOS.\n"
      "uninstall --host H: puts each file back byte for byte from its backup when it is unchanged since\n"
      "install; an edited one has only our insertions taken out.\n\n"
      "Examples:\n"
      "  mcpguard hooks install --host cursor\n"
      "  mcpguard hooks install --host claude-code --guard\n"
      "  mcpguard hooks install --schedule daily\n"
      "  mcpguard hooks status\n"
      "  mcpguard hooks uninstall --host cursor");
  CLI::App* install = cmd.add_subcommand("install", "wrap a host's servers with 'mcpguard exec' and add its hooks");
  install->add_option("--host", f->host, "the host whose configs to wrap")->type_name("ID");
  install->add_flag("--guard", f->guard, "wrap with 'exec --guard' (relay stdio, filter changed tools)");
  install->add_option("--schedule", f->schedule, "run 'mcpguard report' on a timer")
      ->check(CLI::IsMember({"hourly", "daily", "weekly"}));
  install->add_flag("--no-enable", f->no_enable, "write the scheduler files without enabling them");
  install->add_option("--root", f->root, "put DIR in front of system paths")->type_name("DIR");
  CLI::App* uninstall = cmd.add_subcommand("uninstall", "put the host's files back as they were");
  uninstall->add_option("--host", f->host, "the host to restore")->type_name("ID");
  uninstall->add_flag("--schedule", f->all_schedule, "remove the scheduled report");
  uninstall->add_flag("--no-enable", f->no_enable, "do not run systemctl to disable the timer");
  uninstall->add_option("--root", f->root, "put DIR in front of system paths")->type_name("DIR");
  CLI::App* status = cmd.add_subcommand("status", "show which servers are wrapped, per host and file");
  status->add_option("--host", f->host, "only this host")->type_name("ID");
  CLI::App* check = cmd.add_subcommand(
      "check-tool", "the pre-tool hook: read the host's hook JSON on stdin, block unapproved servers");
  check->add_option("--host", f->host, "claude-code or cursor")->type_name("ID")->required();
  return [f, install, uninstall, status, check]() -> ExitCode {
    const Environment env = Environment::FromProcess();
    app::HooksOptions o;
    o.scan.root = f->root;
    o.scan.cwd = Cwd();
    o.host = f->host;
    o.guard = f->guard;
    o.mcpguard = SelfPath();
    o.schedule = f->schedule;
    o.enable = !f->no_enable;
    if (install->parsed()) {
      if (o.host.empty() && o.schedule.empty()) {
        PrintError("install what? give --host ID and/or --schedule daily");
        return kExitFault;
      }
      return Print(app::InstallHooks(o, env));
    }
    if (uninstall->parsed()) {
      if (f->all_schedule) o.schedule = "daily";
      if (o.host.empty() && o.schedule.empty()) {
        PrintError("uninstall what? give --host ID and/or --schedule");
        return kExitFault;
      }
      return Print(app::UninstallHooks(o, env));
    }
    if (status->parsed()) {
      if (!o.host.empty()) o.scan.hosts = {o.host};
      return Print(app::HooksStatus(o.scan, env));
    }
    (void)check;
    const std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    const app::ToolDecision d = app::CheckToolCall(o.host, input, o.scan, env);
    if (o.host == "cursor") {
      nlohmann::json answer{{"permission", d.allowed ? "allow" : "deny"}};
      if (!d.allowed) {
        answer["user_message"] = "mcpguard blocked this MCP call: " + d.reason;
        answer["agent_message"] = "mcpguard blocked this MCP call: " + d.reason;
      }
      WriteStdout(answer.dump() + "\n");
      return kExitOk;
    }
    // Claude Code: exit 2 blocks the call and shows stderr to the model.
    if (d.allowed) return kExitOk;
    PrintError("blocked: " + d.reason);
    return kExitFault;
  };
}

}  // namespace mcpguard::cli

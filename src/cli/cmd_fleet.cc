// `mcpguard history push` and `mcpguard fleet report`: each machine pushes its
// scan history to one shared git remote, as refs/mcpguard/machines/<id>; the
// report fetches them all and compares the machines' last scans.
#include <ctime>
#include <memory>
#include <string>

#include "app/fleet.h"
#include "app/machine.h"
#include "app/record.h"
#include "app/settings.h"
#include "base/file.h"
#include "cli/commands.h"
#include "cli/output.h"

namespace mcpguard::cli {

Runner SetupHistory(CLI::App& cmd) {
  struct Flags {
    std::string remote;
    std::string root;
  };
  auto f = std::make_shared<Flags>();
  cmd.require_subcommand(1);
  CLI::App* push = cmd.add_subcommand("push", "push this machine's history to a shared git remote");
  push->footer(
      "Pushes the scan history (refs/heads/main) to refs/mcpguard/machines/<machine id> of REMOTE:\n"
      "a path, file://, ssh:// (keys from ssh-agent) or https:// URL. Without REMOTE, history_remote\n"
      "in config.toml. The machine id is $MCPGUARD_MACHINE_ID, else machine_id in config.toml, else\n"
      "derived from /etc/machine-id.\n\n"
      "Examples:\n"
      "  mcpguard history push ssh://git@git.example.com/security/mcp-fleet.git\n"
      "  mcpguard fleet report --from ssh://git@git.example.com/security/mcp-fleet.git");
  push->add_option("remote", f->remote, "the git remote (default: history_remote in config.toml)")
      ->type_name("REMOTE");
  push->add_option("--root", f->root, "read etc/machine-id below DIR instead of /")->type_name("DIR");
  return [f, push]() -> ExitCode {
    if (!push->parsed()) return kExitFault;
    const Environment env = Environment::FromProcess();
    const app::Paths paths = app::PathsFor(env);
    auto settings = app::LoadSettings(paths);
    if (!settings) return ReportFault(settings.error());
    const std::string remote = f->remote.empty() ? settings->history_remote : f->remote;
    if (remote.empty()) {
      PrintError("no remote: name one, or set history_remote in " + paths.config_dir + "/config.toml");
      return kExitFault;
    }
    auto id = app::MachineId(env, *settings, f->root);
    if (!id) return ReportFault(id.error());
    if (!Exists(app::HistoryDir(env))) {
      PrintError("no history yet: 'mcpguard scan' records one (" + app::HistoryDir(env) + ")");
      return kExitFault;
    }
    auto store = app::OpenHistory(env);
    if (!store) return ReportFault(store.error());
    if (auto ok = store->Push(remote, "refs/mcpguard/machines/" + *id); !ok) return ReportFault(ok.error());
    return WriteStdout("pushed history of machine " + *id + "\n") ? kExitOk : kExitFault;
  };
}

Runner SetupFleet(CLI::App& cmd) {
  struct Flags {
    std::string from;
    std::string format = "text";
    int64_t silent_days = 7;
  };
  auto f = std::make_shared<Flags>();
  cmd.require_subcommand(1);
  CLI::App* report = cmd.add_subcommand("report", "compare the machines that pushed their history to a remote");
  report->footer(
      "Fetches refs/mcpguard/machines/* of REMOTE (into a cache under $XDG_STATE_HOME/mcpguard/fleet) and\n"
      "reports per machine its last scan, servers and hosts; servers configured differently on\n"
      "different machines; credentials (by fingerprint) on several machines; machines silent for\n"
      "more than --silent-days.\n\n"
      "Example:\n"
      "  mcpguard fleet report --from ssh://git@git.example.com/security/mcp-fleet.git --format markdown");
  report->add_option("--from", f->from, "the git remote the machines push to")->type_name("REMOTE")->required();
  report->add_option("--format", f->format, "output: text (default), markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  report->add_option("--silent-days", f->silent_days, "a machine with no scan for more than N days is silent (7)")
      ->type_name("N")
      ->check(CLI::NonNegativeNumber);
  return [f, report]() -> ExitCode {
    if (!report->parsed()) return kExitFault;
    const Environment env = Environment::FromProcess();
    auto r = app::BuildFleetReport(env, f->from, f->silent_days, static_cast<int64_t>(std::time(nullptr)));
    if (!r) return ReportFault(r.error());
    const std::string text = f->format == "json"
                                 ? app::FleetJson(*r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"
                                 : app::FleetText(*r, f->format == "markdown");
    return WriteStdout(text) ? kExitOk : kExitFault;
  };
}

}  // namespace mcpguard::cli

// The subcommands, in the order `mcpguard --help` lists them. Each Setup*
// declares its flags on `cmd` and returns the function that runs it, after
// parsing, so that one place (main) decides the exit status.
#pragma once

#include <functional>
#include <string_view>

#include <CLI/CLI.hpp>

#include "cli/exit_code.h"

namespace mcpguard::cli {

using Runner = std::function<ExitCode()>;

Runner SetupScan(CLI::App& cmd);
Runner SetupHosts(CLI::App& cmd);
Runner SetupKeygen(CLI::App& cmd);
Runner SetupApprove(CLI::App& cmd);
Runner SetupRevoke(CLI::App& cmd);
Runner SetupVerify(CLI::App& cmd);
Runner SetupLog(CLI::App& cmd);
Runner SetupShow(CLI::App& cmd);
Runner SetupDiff(CLI::App& cmd);
Runner SetupHistory(CLI::App& cmd);
Runner SetupFleet(CLI::App& cmd);
Runner SetupReport(CLI::App& cmd);
Runner SetupExec(CLI::App& cmd);
Runner SetupHooks(CLI::App& cmd);

struct Command {
  std::string_view name;
  std::string_view summary;
  Runner (*setup)(CLI::App& cmd);
};

inline constexpr Command kCommands[] = {
    {"scan", "find every MCP config of every host and print the inventory", SetupScan},
    {"hosts", "list the hosts mcpguard knows and where their configs live", SetupHosts},
    {"keygen", "create the minisign key pair that signs approved baselines", SetupKeygen},
    {"approve", "add servers, as configured now, to the signed baseline", SetupApprove},
    {"revoke", "remove servers from the signed baseline", SetupRevoke},
    {"verify", "check what is configured now against the signed baseline (exit 0/1/2)", SetupVerify},
    {"log", "list the recorded scans that changed something, newest first", SetupLog},
    {"show", "print the inventory a recorded scan left in the history", SetupShow},
    {"diff", "what drifted from the signed baseline, or between recorded scans (exit 0/1/2)", SetupDiff},
    {"history", "share the scan history: 'history push' to a git remote", SetupHistory},
    {"fleet", "compare the histories many machines pushed: 'fleet report'", SetupFleet},
    {"report", "the report for a period from the history: text, markdown, html, json, sarif", SetupReport},
    {"exec", "verify one server against the baseline, then run it (what wrapped configs launch)", SetupExec},
    {"hooks", "wrap a host's servers with 'mcpguard exec', add host hooks, schedule the report", SetupHooks},
};

}  // namespace mcpguard::cli

// mcpguard: keeps the MCP servers on a workstation honest. See mcpguard(1).
#include <cstdio>
#include <exception>
#include <string_view>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/output.h"

#ifndef MCPGUARD_VERSION
#define MCPGUARD_VERSION "0.0.0"
#endif

namespace mcpguard::cli {
namespace {

// The command named on the command line: the first argument that is not an
// option, or the topic of `help COMMAND`. "" when there is none (`--help`).
std::string_view WantedCommand(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.empty() || arg.front() == '-') continue;
    if (arg == "help") return i + 1 < argc ? std::string_view(argv[i + 1]) : std::string_view();
    return arg;
  }
  return {};
}

int Main(int argc, char** argv) {
  CLI::App app{
      "mcpguard: inventory and integrity for the MCP servers of every AI host on this machine.\n"
      "Offline: no network, no telemetry. 'mcpguard help COMMAND' explains a command.",
      "mcpguard"};
  app.set_version_flag("--version", "mcpguard " MCPGUARD_VERSION);
  app.require_subcommand(1);
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return "mcpguard: error: " + std::string(e.what()) + "\nmcpguard: hint: run 'mcpguard --help'\n";
  });

  // Only the command this run is for gets its flags declared: declaring all
  // of them was a fifth of `verify`'s start-up, and verify runs before every
  // server launch. The others are registered by name and summary, which is
  // all `--help` lists and all CLI11 needs to route to the one set up.
  const std::string_view wanted = WantedCommand(argc, argv);
  std::vector<std::pair<CLI::App*, Runner>> runners;
  for (const Command& c : kCommands) {
    CLI::App* sub = app.add_subcommand(std::string(c.name), std::string(c.summary));
    runners.emplace_back(sub, c.name == wanted ? c.setup(*sub) : Runner{});
  }
  std::string help_topic;
  CLI::App* help = app.add_subcommand("help", "show the help of a command");
  help->add_option("command", help_topic, "the command to explain");

  // Not CLI11_PARSE: usage errors must exit 2, not CLI11's 100-127.
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitFault;
  }
  if (help->parsed()) {
    if (help_topic.empty()) {
      std::fputs(app.help().c_str(), stdout);
      return kExitOk;
    }
    for (auto& [sub, run] : runners) {
      if (sub->get_name() == help_topic) {
        std::fputs(sub->help().c_str(), stdout);
        return kExitOk;
      }
    }
    PrintError("no command '" + help_topic + "'");
    PrintHint("run 'mcpguard --help' for the list");
    return kExitFault;
  }
  InstallInterruptHandler();
  for (auto& [sub, run] : runners) {
    if (sub->parsed() && run) return run();
  }
  return kExitFault;
}

}  // namespace
}  // namespace mcpguard::cli

int main(int argc, char** argv) {
  try {
    return mcpguard::cli::Main(argc, argv);
  } catch (const std::exception& e) {
    // Only broken invariants get here; everything a user's machine can cause
    // is an Error value.
    mcpguard::cli::PrintError(std::string("internal error: ") + e.what());
    return mcpguard::cli::kExitFault;
  }
}

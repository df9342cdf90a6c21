// exec: verify one server, then become it (execvp: same pid, no shell), or,
// with --guard, relay its stdio and hold its tool lists to their pins.
// stdout belongs to the server's MCP stream: nothing of ours goes there.
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <memory>

#include "app/exec.h"
#include "app/guard.h"
#include "cli/commands.h"
#include "cli/output.h"

namespace mcpguard::cli {
namespace {

std::string Cwd() {
  char buf[PATH_MAX];
  return ::getcwd(buf, sizeof buf) != nullptr ? std::string(buf) : std::string();
}

[[noreturn]] void Become(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ::execvp(args[0], args.data());
  PrintError("cannot start " + argv.front() + ": " + std::strerror(errno));
  ::_exit(kExitFault);
}

}  // namespace

Runner SetupExec(CLI::App& cmd) {
  struct Flags {
    std::string host;
    std::string server;
    std::string config;
    std::string root;
    bool guard = false;
    std::vector<std::string> argv;
  };
  auto f = std::make_shared<Flags>();
  cmd.footer(
      "What a wrapped config runs instead of the server ('mcpguard hooks install' writes it). Finds NAME\n"
      "in HOST's config, checks that CMD ARGS is the command line configured there, and compares that\n"
      "server with the signed baseline (launch spec, config digest, artifact pins). Approved and\n"
      "unchanged: runs CMD in its place (same process, no shell). Otherwise exits 2 with one line on\n"
      "stderr, which hosts show to the user. Every decision goes to the audit log\n"
      "($XDG_STATE_HOME/mcpguard/audit.jsonl).\n\n"
      "--guard: instead of becoming the server, start it and relay its stdio, removing from tools/list,\n"
      "prompts/list and resources/list results every item that differs from the approved surface pins.\n\n"
      "Example:\n"
      "  mcpguard exec --host cursor --server github -- npx -y @modelcontextprotocol/server-github");
  cmd.add_option("--host", f->host, "the host whose config launches the server")->type_name("ID")->required();
  cmd.add_option("--server", f->server, "the server's name in that config")->type_name("NAME")->required();
  cmd.add_option("--config", f->config, "only this config file")->type_name("FILE");
  cmd.add_option("--root", f->root, "put DIR in front of system paths (/etc/...)")->type_name("DIR");
  cmd.add_flag("--guard", f->guard, "relay stdio and block tools that differ from their pins");
  cmd.add_option("command", f->argv, "-- CMD ARGS...: the server's command line, as configured")->required();
  return [f]() -> ExitCode {
    const Environment env = Environment::FromProcess();
    app::ExecOptions o;
    o.scan.root = f->root;
    o.scan.cwd = Cwd();
    o.host = f->host;
    o.server = f->server;
    o.config = f->config;
    if (!o.config.empty() && o.config.front() != '/') o.config = o.scan.cwd + "/" + o.config;
    o.argv = f->argv;
    const app::ExecDecision d = app::CheckExec(o, env);
    if (!d.allowed) {
      PrintError("refused to start " + f->host + "/" + f->server + ": " + d.reason);
      return kExitFault;
    }
    if (!f->guard) Become(f->argv);
    auto relayed = app::RunGuard(app::GuardOptions{f->host, f->server, d.key, d.approved, f->argv, d.secrets}, env);
    if (!relayed) return ReportFault(relayed.error());
    return static_cast<ExitCode>(*relayed);
  };
}

}  // namespace mcpguard::cli

// approve, revoke and verify: the signed baseline's commands.
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/approve.h"
#include "app/record.h"
#include "app/verify.h"
#include "base/file.h"
#include "base/term.h"
#include "base/text.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/passphrase.h"
#include "cli/probe_flags.h"

namespace mcpguard::cli {
namespace {

std::string Cwd() {
  char buf[PATH_MAX];
  return ::getcwd(buf, sizeof buf) != nullptr ? std::string(buf) : std::string();
}

// The options every baseline command shares with scan: which files to read.
struct Scope {
  std::vector<std::string> hosts;
  std::string os;
  std::string root;
  bool no_cwd = false;

  void Declare(CLI::App& cmd) {
    cmd.add_option("--host", hosts, "only this host's servers, by id (repeatable)")->type_name("ID");
    cmd.add_option("--os", os, "the OS layout: linux, macos or windows")
        ->check(CLI::IsMember({"linux", "macos", "windows"}));
    cmd.add_option("--root", root, "put DIR in front of system paths (/etc/...)")->type_name("DIR");
    cmd.add_flag("--no-cwd", no_cwd, "do not treat the current directory as a project");
  }

  app::ScanOptions Options() const {
    app::ScanOptions o;
    o.hosts = hosts;
    if (!os.empty()) o.os = *ParseOs(os);
    o.root = root;
    if (!no_cwd) o.cwd = Cwd();
    return o;
  }
};

std::function<Result<std::string>()> PassphraseSource(const Environment& env) {
  return [env]() { return Passphrase(env, "passphrase for the signing key: ", false); };
}

// On a terminal, show what changes and ask; elsewhere (hooks, CI) proceed.
bool ConfirmOnTty(const std::vector<std::string>& lines) {
  if (!IsTerminal(0) || !IsTerminal(2)) return true;
  for (const std::string& l : lines) std::fprintf(stderr, "  %s\n", l.c_str());
  std::fprintf(stderr, "mcpguard: approve and sign these %zu server(s)? [y/N] ", lines.size());
  std::fflush(stderr);
  char answer[16] = {};
  if (std::fgets(answer, sizeof answer, stdin) == nullptr) return false;
  return answer[0] == 'y' || answer[0] == 'Y';
}

// The history says who approved what, and when; it failing does not undo
// the signature that was just written.
void RecordApproval(const Environment& env, const std::string& message) {
  if (auto recorded = app::RecordBaseline(env, message); !recorded) {
    PrintWarning("history not recorded: " + recorded.error().ToString());
  }
}

}  // namespace

Runner SetupApprove(CLI::App& cmd) {
  struct Flags {
    Scope scope;
    std::vector<std::string> servers;
    bool all = false;
    ProbeFlags probe;
  };
  auto f = std::make_shared<Flags>();
  cmd.footer(
      "Adds the named servers (or --all), as they are configured now, to the signed baseline\n"
      "($XDG_CONFIG_HOME/mcpguard/baseline.json and baseline.json.minisig): identity, launch spec, config\n"
      "digest, artifact pin and credential fingerprints, never a secret. Approving is additive; 'revoke'\n"
      "removes. On a terminal it shows what changes and asks first. Signs with mcpguard.key (see keygen);\n"
      "an encrypted key's passphrase is asked on the terminal or read from MCPGUARD_PASSPHRASE_FILE.\n\n"
      "Examples:\n"
      "  mcpguard approve --all\n"
      "  mcpguard approve github filesystem --host cursor\n"
      "  mcpguard approve --all --probe      # pin what each server serves as well");
  cmd.add_option("servers", f->servers, "names of the servers to approve");
  cmd.add_flag("--all", f->all, "approve every server found");
  f->scope.Declare(cmd);
  f->probe.Declare(cmd, false);
  return [f]() -> ExitCode {
    const Environment env = Environment::FromProcess();
    app::ApproveOptions o;
    o.scan = f->scope.Options();
    if (f->probe.Requested()) {
      o.scan.probe = f->probe.Request();
      o.scan.probe->servers = f->all ? std::vector<std::string>{} : f->servers;
    }
    o.servers = f->servers;
    o.all = f->all;
    o.passphrase = PassphraseSource(env);
    o.confirm = ConfirmOnTty;
    auto out = app::Approve(o, env);
    if (!out) return ReportFault(out.error());
    if (out->cancelled) {
      PrintError("nothing approved");
      return kExitFault;
    }
    if (!out->added.empty() || !out->changed.empty()) {
      std::vector<std::string> parts;
      for (const std::string& s : out->added) parts.push_back("+" + s);
      for (const std::string& s : out->changed) parts.push_back("~" + s.substr(0, s.find(':')));
      RecordApproval(env, "approve: " + Join(parts, ", ") + " by " + app::Approver(env));
    }
    std::string text;
    for (const std::string& s : out->added) text += "approved " + s + "\n";
    for (const std::string& s : out->changed) text += "re-approved " + s + "\n";
    for (const std::string& s : out->unchanged) text += "unchanged " + s + "\n";
    if (out->added.empty() && out->changed.empty()) text += "nothing new to approve\n";
    else text += "signed " + out->baseline_path + "\n";
    return WriteStdout(text) ? kExitOk : kExitFault;
  };
}

Runner SetupRevoke(CLI::App& cmd) {
  struct Flags {
    std::vector<std::string> servers;
    std::string host;
    std::string root;
  };
  auto f = std::make_shared<Flags>();
  cmd.footer("Removes servers from the signed baseline and signs it again.\n\nExample:\n  mcpguard revoke github --host cursor");
  cmd.add_option("servers", f->servers, "names (or host/scope/name keys) to remove")->required();
  cmd.add_option("--host", f->host, "only this host's entries")->type_name("ID");
  cmd.add_option("--root", f->root, "put DIR in front of system paths")->type_name("DIR");
  return [f]() -> ExitCode {
    const Environment env = Environment::FromProcess();
    app::RevokeOptions o{f->root, f->servers, f->host, PassphraseSource(env)};
    auto removed = app::Revoke(o, env);
    if (!removed) return ReportFault(removed.error());
    RecordApproval(env, "revoke: -" + Join(*removed, ", -") + " by " + app::Approver(env));
    std::string text;
    for (const std::string& k : *removed) text += "revoked " + k + "\n";
    return WriteStdout(text) ? kExitOk : kExitFault;
  };
}

Runner SetupVerify(CLI::App& cmd) {
  struct Flags {
    Scope scope;
    std::string server;
    std::string config;
    std::string format = "text";
  };
  auto f = std::make_shared<Flags>();
  cmd.footer(
      "Checks the baseline's signature against the trusted keys (mcpguard.pub, $XDG_CONFIG_HOME/mcpguard/\n"
      "trusted/*.pub, /etc/mcpguard/trusted/*.pub), then compares what is configured now with it.\n"
      "Exit 0: everything in scope approved and unchanged; 1: something unapproved or changed (one line\n"
      "each, naming the server and the fields); 2: cannot verify (no baseline, a bad or untrusted\n"
      "signature, an altered trusted comment). Made for pre-launch hooks: it writes nothing but its own\n"
      "hash cache and, on first use, the fingerprint key.\n\n"
      "Examples:\n"
      "  mcpguard verify\n"
      "  mcpguard verify --host cursor --server github");
  f->scope.Declare(cmd);
  cmd.add_option("--server", f->server, "only servers with this name")->type_name("NAME");
  cmd.add_option("--config", f->config, "only servers from this config file")->type_name("FILE");
  cmd.add_option("--format", f->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  return [f]() -> ExitCode {
    const Environment env = Environment::FromProcess();
    // A relative --config is relative to where the hook runs.
    std::string config = f->config;
    if (!config.empty() && config.front() != '/') config = Cwd() + "/" + config;
    app::VerifyOptions o{f->scope.Options(), f->server, config};
    auto out = app::Verify(o, env);
    if (!out) {
      if (f->format == "json") {
        WriteStdout(nlohmann::json{{"verified", false}, {"error", out.error().ToString()}}.dump(2) + "\n");
      }
      PrintError("cannot verify: " + out.error().ToString());
      return kExitFault;
    }
    if (f->format == "json") {
      nlohmann::json problems = nlohmann::json::array();
      for (const app::VerifyProblem& p : out->problems) {
        problems.push_back({{"server", p.server}, {"kind", p.kind}, {"fields", p.fields}});
      }
      WriteStdout(nlohmann::json{{"verified", out->problems.empty()},
                                 {"signer", out->signer},
                                 {"checked", out->checked},
                                 {"problems", problems}}
                      .dump(2) + "\n");
    } else {
      std::string text;
      for (const app::VerifyProblem& p : out->problems) {
        text += p.server + ": " + (p.kind == "unapproved" ? "not approved" : "changed: " + Join(p.fields, ", ")) + "\n";
      }
      if (out->problems.empty()) {
        text += std::to_string(out->checked) + " server(s) approved and unchanged (signed by " + out->signer + ")\n";
      }
      WriteStdout(text);
    }
    return out->problems.empty() ? kExitOk : kExitFindings;
  };
}

}  // namespace mcpguard::cli

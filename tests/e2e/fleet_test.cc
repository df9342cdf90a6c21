// End-to-end: machines push their scan history to one bare git repository
// (made by the real git) with `mcpguard history push`, and `mcpguard fleet
// report` compares them. Every machine is a fake home of its own, named by
// MCPGUARD_MACHINE_ID; every scan runs with --no-cwd and --root <tmp>/root.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "base/process.h"
#include "base/text.h"
#include "support/loopback_server.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

// A value the generic-secret rule takes for a secret under a secret name.
constexpr const char* kSecret = "Zq8Lm2Xv9Rt4Wp7Yk3Hn6Bc1Df5G";
const std::string kSharedKey = "fingerprint_key = \"" + std::string(48, '0') + "0123456789abcdef\"\n";

ProcessResult Git(const std::vector<std::string>& args) { return test::RunGit(args); }

struct Machine {
  const TempDir& t;
  std::string id;
  std::string home = t.MakeDir(id + "/home");
  std::string root = t.MakeDir(id + "/sysroot");

  void Write(const std::string& rel, const std::string& content) const { t.Write(id + "/home/" + rel, content); }
  Run Mcpguard(std::vector<std::string> args) const {
    if (!args.empty() && args[0] == "scan") {
      for (const char* a : {"--no-cwd", "--os", "linux"}) args.emplace_back(a);
      args.insert(args.end(), {"--root", root});
    }
    return RunMcpguard(args, home, {{"USER", "tester"}, {"MCPGUARD_MACHINE_ID", id}});
  }
};

std::string Cursor(const std::string& fetch_args, bool with_secret) {
  std::string servers = R"("fetch": {"command": "uvx", "args": [)" + fetch_args + "]}";
  if (with_secret) servers += R"(, "api": {"command": "x", "env": {"API_KEY": ")" + std::string(kSecret) + R"("}})";
  return R"({"mcpServers": {)" + servers + "}}";
}

TEST_CASE("fleet: three machines push to one remote and the report compares them", "[e2e][fleet]") {
  TempDir t;
  const std::string remote_dir = t.Path("fleet.git");
  REQUIRE(Git({"init", "--bare", "-q", remote_dir}).exit_code == 0);
  const std::string remote = "file://" + remote_dir;

  const Machine alpha{t, "alpha"};
  const Machine beta{t, "beta"};
  const Machine gamma{t, "gamma"};
  alpha.Write(".cursor/mcp.json", Cursor(R"("mcp-server-fetch")", true));
  beta.Write(".cursor/mcp.json", Cursor(R"("mcp-server-fetch", "--ignore-robots-txt")", true));
  gamma.Write(".cursor/mcp.json", Cursor(R"("mcp-server-fetch")", false));
  for (const Machine* m : {&alpha, &beta}) m->Write(".config/mcpguard/config.toml", kSharedKey);

  for (const Machine* m : {&alpha, &beta, &gamma}) {
    INFO(m->id);
    const Run scan = m->Mcpguard({"scan"});
    INFO(scan.err);
    REQUIRE(scan.exit_code != 2);
    const Run push = m->Mcpguard({"history", "push", remote});
    INFO(push.err);
    CHECK(push.exit_code == 0);
    CHECK_THAT(push.out, Contains(m->id));
  }

  const ProcessResult refs = Git({"--git-dir=" + remote_dir, "for-each-ref", "--format=%(refname)", "refs/mcpguard/machines/"});
  CHECK(refs.out ==
        "refs/mcpguard/machines/alpha\nrefs/mcpguard/machines/beta\nrefs/mcpguard/machines/gamma\n");
  // What was pushed is the machine's own history.
  const ProcessResult log = Git({"--git-dir=" + remote_dir, "log", "--format=%s", "refs/mcpguard/machines/beta"});
  CHECK_THAT(log.out, Contains("first scan"));

  const Run report = gamma.Mcpguard({"fleet", "report", "--from", remote, "--format", "json"});
  INFO(report.err);
  REQUIRE(report.exit_code == 0);
  const json j = report.Json();
  INFO(j.dump(2));
  REQUIRE(j["machines"].size() == 3);
  CHECK(j["machines"][0]["id"] == "alpha");
  CHECK(j["machines"][1]["id"] == "beta");
  CHECK(j["machines"][2]["id"] == "gamma");
  CHECK(j["machines"][0]["servers"] == 2);
  CHECK(j["machines"][2]["servers"] == 1);
  CHECK(j["machines"][0]["hosts"] == json::array({"cursor"}));
  CHECK(j["silent_machines"].empty());

  REQUIRE(j["differing_servers"].size() == 1);
  CHECK(j["differing_servers"][0]["host"] == "cursor");
  CHECK(j["differing_servers"][0]["name"] == "fetch");
  CHECK(j["differing_servers"][0]["fields"] == json::array({"args"}));

  REQUIRE(j["shared_fingerprints"].size() == 1);
  CHECK(j["shared_fingerprints"][0]["machines"] == json::array({"alpha", "beta"}));
  CHECK(j["shared_fingerprints"][0]["servers"] == json::array({"cursor/api"}));
  // The secret itself is never in the report.
  CHECK(report.out.find(kSecret) == std::string::npos);

  // --silent-days 0: every machine whose last scan is not from this very second is silent.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const Run silent = gamma.Mcpguard({"fleet", "report", "--from", remote, "--format", "json", "--silent-days", "0"});
  REQUIRE(silent.exit_code == 0);
  const json s = silent.Json();
  CHECK(s["silent_machines"] == json::array({"alpha", "beta", "gamma"}));
  for (const json& m : s["machines"]) CHECK(m["silent"] == true);

  const Run text = alpha.Mcpguard({"fleet", "report", "--from", remote});
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Contains("cursor/fetch: args (on alpha, beta, gamma)"));
  const Run md = alpha.Mcpguard({"fleet", "report", "--from", remote, "--format", "markdown"});
  CHECK_THAT(md.out, Contains("| alpha |"));

  // A push that moved on (a new scan) replaces the machine's ref.
  alpha.Write(".cursor/mcp.json", Cursor(R"("mcp-server-fetch", "--ignore-robots-txt")", true));
  REQUIRE(alpha.Mcpguard({"scan"}).exit_code != 2);
  REQUIRE(alpha.Mcpguard({"history", "push", remote}).exit_code == 0);
  const json after = alpha.Mcpguard({"fleet", "report", "--from", remote, "--format", "json"}).Json();
  CHECK(after["differing_servers"][0]["machines"] == json::array({"alpha", "beta", "gamma"}));
  CHECK(after["differing_servers"][0]["fields"] == json::array({"args"}));
}

TEST_CASE("fleet: history push needs a remote and a history", "[e2e][fleet]") {
  TempDir t;
  const Machine m{t, "delta"};
  const Run none = m.Mcpguard({"history", "push"});
  CHECK(none.exit_code == 2);
  CHECK_THAT(none.err, Contains("history_remote"));

  const std::string remote_dir = t.Path("fleet.git");
  REQUIRE(Git({"init", "--bare", "-q", remote_dir}).exit_code == 0);
  m.Write(".config/mcpguard/config.toml", "history_remote = \"file://" + remote_dir + "\"\n");
  const Run no_history = m.Mcpguard({"history", "push"});
  CHECK(no_history.exit_code == 2);
  CHECK_THAT(no_history.err, Contains("no history yet"));

  m.Write(".cursor/mcp.json", Cursor(R"("mcp-server-fetch")", false));
  REQUIRE(m.Mcpguard({"scan"}).exit_code != 2);
  const Run pushed = m.Mcpguard({"history", "push"});  // the remote from config.toml
  INFO(pushed.err);
  CHECK(pushed.exit_code == 0);
  CHECK(Git({"--git-dir=" + remote_dir, "rev-parse", "--verify", "-q", "refs/mcpguard/machines/delta"}).exit_code == 0);

  const Run bad = RunMcpguard({"history", "push"}, m.home, {{"MCPGUARD_MACHINE_ID", "../etc"}});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Contains("machine id"));
}

// An http(s) remote asks for a password: mcpguard gets it the way `git push`
// would, from git's credential helpers (here `store`, configured in the fake
// home's .gitconfig), tells the helper when it was refused, and never shows it.
TEST_CASE("fleet: an http remote authenticates through git's credential helper", "[e2e][fleet]") {
  TempDir t;
  const std::string password = "pw-Hq7Rt2Lm9Xc4Vb";
  const std::string srv = t.MakeDir("srv");
  REQUIRE(Git({"init", "--bare", "-q", srv + "/fleet.git"}).exit_code == 0);
  LoopbackServer server(NodeScript("git-http.mjs", {srv, "tester:" + password}), t.Path("git-http.log"));
  const std::string remote = server.Url("/fleet.git");

  const Machine m{t, "epsilon"};
  m.Write(".cursor/mcp.json", Cursor(R"("mcp-server-fetch")", false));
  REQUIRE(m.Mcpguard({"scan"}).exit_code != 2);

  // No helper configured: refused, with the way out named.
  const Run anonymous = m.Mcpguard({"history", "push", remote});
  CHECK(anonymous.exit_code == 2);
  CHECK_THAT(anonymous.err, Contains("authentication required") && Contains("credential helper"));

  const std::string store = m.home + "/.git-credentials";
  m.Write(".gitconfig", "[credential]\n\thelper = store --file=" + store + "\n");
  m.Write(".git-credentials", "http://tester:wrong-password@127.0.0.1:" + std::to_string(server.port()) + "\n");
  const Run refused = m.Mcpguard({"history", "push", remote});
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Contains("authentication failed"));
  // `git credential reject` made the store forget the refused password.
  CHECK(ReadFile(store).find("wrong-password") == std::string::npos);

  m.Write(".git-credentials", "http://tester:" + password + "@127.0.0.1:" + std::to_string(server.port()) + "\n");
  const Run pushed = m.Mcpguard({"history", "push", remote});
  INFO(pushed.err);
  CHECK(pushed.exit_code == 0);
  CHECK(Git({"--git-dir=" + srv + "/fleet.git", "rev-parse", "--verify", "-q", "refs/mcpguard/machines/epsilon"})
            .exit_code == 0);
  const Run report = m.Mcpguard({"fleet", "report", "--from", remote});
  INFO(report.err);
  CHECK(report.exit_code != 2);
  CHECK_THAT(report.out, Contains("epsilon"));

  for (const Run* r : {&anonymous, &refused, &pushed, &report}) {
    CHECK(r->out.find(password) == std::string::npos);
    CHECK(r->err.find(password) == std::string::npos);
  }
  CHECK_THAT(server.Log(), Contains("POST /fleet.git/git-receive-pack 200"));
}

// An ssh:// remote: the real sshd on a loopback port, the user's key in a
// real ssh-agent. The server's host key must be in the fake home's
// known_hosts (libgit2 1.5 checks none by itself): listed, the push goes
// through; another key listed for the host, or none, and it is refused.
// sshd needs root; elsewhere the test says so and stops.
TEST_CASE("fleet: an ssh remote is pushed to with the agent's key only when its host key is known",
          "[e2e][fleet][ssh]") {
  if (::geteuid() != 0 || !std::filesystem::exists("/usr/sbin/sshd")) {
    WARN("SKIPPED: needs root and /usr/sbin/sshd (make test installs openssh-server)");
    return;
  }
  TempDir t;
  auto tool = [](std::vector<std::string> argv, std::vector<std::string> env = {}) {
    ProcessOptions o;
    o.argv = std::move(argv);
    env.insert(env.end(), {"PATH=/usr/bin:/bin:/usr/sbin", "HOME=/nonexistent"});
    o.env = env;
    auto r = RunProcess(o);
    REQUIRE(r.has_value());
    return *r;
  };
  for (const char* key : {"hostkey", "userkey", "otherkey"}) {
    REQUIRE(tool({"ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", "", "-f", t.Path(key)}).exit_code == 0);
  }
  std::filesystem::create_directories("/run/sshd");  // sshd's privilege separation directory
  const std::string config = t.Write("sshd_config", "ListenAddress 127.0.0.1\nHostKey " + t.Path("hostkey") +
                                                        "\nAuthorizedKeysFile " + t.Path("userkey.pub") +
                                                        "\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                                                        "UsePAM no\nStrictModes no\nPermitRootLogin prohibit-password\n"
                                                        "PidFile none\n");
  LoopbackServer sshd({"sh", "-c", "exec /usr/sbin/sshd -D -e -f " + config + " -p \"$PORT\""}, t.Path("sshd.log"));
  const std::string remote_dir = t.Path("fleet.git");
  REQUIRE(Git({"init", "--bare", "-q", remote_dir}).exit_code == 0);
  const std::string remote = "ssh://root@127.0.0.1:" + std::to_string(sshd.port()) + remote_dir;

  // ssh-agent daemonises into a session of its own: killed by pid at the end.
  const std::string sock = t.Path("agent.sock");
  const ProcessResult agent = tool({"ssh-agent", "-a", sock});
  REQUIRE(agent.exit_code == 0);
  const size_t at = agent.out.find("SSH_AGENT_PID=");
  REQUIRE(at != std::string::npos);
  const pid_t agent_pid = static_cast<pid_t>(std::stol(agent.out.substr(at + 14)));
  struct KillAgent {
    pid_t pid;
    ~KillAgent() { ::kill(pid, SIGTERM); }
  } kill_agent{agent_pid};
  REQUIRE(tool({"ssh-add", "-q", t.Path("userkey")}, {"SSH_AUTH_SOCK=" + sock}).exit_code == 0);

  const Machine m{t, "zeta"};
  m.Write(".cursor/mcp.json", Cursor(R"("mcp-server-fetch")", false));
  REQUIRE(m.Mcpguard({"scan"}).exit_code != 2);
  // Under the sanitizers: libgit2's own leak of its ssh session is
  // suppressed for these runs only (see tests/lsan-ssh.supp).
  const std::string lsan = "suppressions=" + std::string(MCPGUARD_SOURCE_DIR) + "/tests/lsan-ssh.supp";
  auto push = [&]() {
    return RunMcpguard({"history", "push", remote}, m.home,
                       {{"MCPGUARD_MACHINE_ID", m.id}, {"SSH_AUTH_SOCK", sock}, {"LSAN_OPTIONS", lsan}});
  };
  const std::string host_entry = "[127.0.0.1]:" + std::to_string(sshd.port()) + " ";
  auto pub = [&](const char* key) {
    const std::vector<std::string> f = Split(std::string(Trim(ReadFile(t.Path(std::string(key) + ".pub")))), ' ');
    REQUIRE(f.size() >= 2);
    return f[0] + " " + f[1];
  };

  const Run unknown = push();
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Contains("is not in") && Contains("known_hosts"));

  m.Write(".ssh/known_hosts", host_entry + pub("otherkey") + "\n");
  const Run changed = push();
  CHECK(changed.exit_code == 2);
  CHECK_THAT(changed.err, Contains("is not the one") && Contains("someone may be in the middle"));
  CHECK(Git({"--git-dir=" + remote_dir, "for-each-ref"}).out.empty());

  m.Write(".ssh/known_hosts", host_entry + pub("hostkey") + "\n");
  const Run pushed = push();
  INFO(pushed.err << "\nsshd:\n" << sshd.Log());
  CHECK(pushed.exit_code == 0);
  CHECK(Git({"--git-dir=" + remote_dir, "rev-parse", "--verify", "-q", "refs/mcpguard/machines/zeta"}).exit_code == 0);
  const Run report =
      RunMcpguard({"fleet", "report", "--from", remote}, m.home,
                  {{"MCPGUARD_MACHINE_ID", m.id}, {"SSH_AUTH_SOCK", sock}, {"LSAN_OPTIONS", lsan}});
  INFO(report.err);
  CHECK(report.exit_code != 2);
  CHECK_THAT(report.out, Contains("zeta"));

  // No key in an agent: refused by the server.
  const Run no_agent =
      RunMcpguard({"history", "push", remote}, m.home, {{"MCPGUARD_MACHINE_ID", m.id}, {"LSAN_OPTIONS", lsan}});
  CHECK(no_agent.exit_code == 2);
}

}  // namespace
}  // namespace mcpguard::test

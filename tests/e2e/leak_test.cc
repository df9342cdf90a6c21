// End-to-end: the leak test of the credentials issue over every command and
// output format. The fixture is the credentials test's (support/leak_home.h:
// a distinct canary in every location a host can put a secret in) plus a
// server we really run (tests/servers/spy.mjs, which publishes only the shape
// and SHA-256 of its secret). Every command a user has runs on it: keygen,
// scans in every format, approve (with --probe), verify, diff, log, show,
// report in every format to stdout and to files, history push to a bare git
// remote, fleet report from it, hooks install/status/uninstall, exec of a
// wrapped server and exec --guard until it records a pending surface. Then
// every stdout and stderr, every file mcpguard keeps (config, state, cache:
// baseline, keys, audit log, pending surfaces, hook manifests, stat cache),
// every report written and every git object in the history and in the
// remote are searched for any 8-character piece of any canary. And a server
// that echoes its secret into its surface (tests/servers/echo-secret.mjs),
// probed with the real value and run by the exec guard.
#include <sys/stat.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "base/process.h"
#include "e2e/host_launch.h"
#include "support/evidence.h"
#include "support/leak_home.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

const std::string kSpy = std::string(MCPGUARD_TEST_SERVERS) + "/spy.mjs";

ProcessResult Git(const std::vector<std::string>& args) { return test::RunGit(args); }

// Every commit with its patch, and every object's raw content: what a
// reader of the repository (or of what was pushed) can see.
std::string Everything(const std::string& git_dir) {
  const ProcessResult log = Git({"--git-dir=" + git_dir, "log", "-p", "--all"});
  CHECK(log.exit_code == 0);
  const ProcessResult objects = Git({"--git-dir=" + git_dir, "cat-file", "--batch-all-objects", "--batch"});
  CHECK(objects.exit_code == 0);
  CHECK(objects.out.find(" blob ") != std::string::npos);  // not vacuous
  return log.out + "\n" + objects.out;
}

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

std::string Canary(const LeakHome& h, const std::string& label) {
  for (const auto& [l, secret] : h.canaries) {
    if (l == label) return secret;
  }
  FAIL("no canary " << label);
  throw;
}

bool StartsWith(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

TEST_CASE("leak: no secret reaches the output or files of any command, in any format", "[e2e][leak]") {
  LeakHome h([](LeakHome& self) {
    Fakes f(5150);
    return R"("spy": {"command": "node", "args": [")" + kSpy + R"("], "env": {"SPY_VALUE": ")" +
           self.Plant("spy env (a server run by exec and approve --probe)", f.GithubPat()) + R"("}})";
  });
  h.CheckCanariesDistinct();
  const std::string& home = h.home;
  const std::string state = home + "/.local/state/mcpguard";
  const std::string remote_dir = h.t.Path("fleet.git");
  REQUIRE(Git({"init", "--bare", "-q", remote_dir}).exit_code == 0);
  const std::string reports = h.t.MakeDir("home/reports");
  const std::string user_cursor = home + "/.cursor/mcp.json";
  const std::string user_cursor_before = ReadFile(user_cursor);

  std::vector<std::string> failures;
  size_t runs = 0;
  auto check_text = [&](const std::string& what, const std::string& text) {
    for (const std::string& leak : Leaks(text, h.canaries)) failures.push_back(what + ": " + leak);
  };
  // Runs mcpguard as the user would, from the project, and checks both streams.
  auto run = [&](std::vector<std::string> args, std::vector<int> allowed = {0, 1}) {
    const Run r = RunMcpguard(args, home, h.env, h.proj);
    ++runs;
    std::string line;
    for (const std::string& a : args) line += a + " ";
    INFO(line << "\nstdout:\n" << r.out << "\nstderr:\n" << r.err);
    CHECK(std::find(allowed.begin(), allowed.end(), r.exit_code) != allowed.end());
    check_text(line + "(stdout)", r.out);
    check_text(line + "(stderr)", r.err);
    return r;
  };
  const std::vector<std::string> on = {"--os", "linux", "--root", h.root};
  auto with = [&](std::vector<std::string> args) {
    args.insert(args.end(), on.begin(), on.end());
    return args;
  };

  // The hook backups are copies of the user's configs, taken before
  // wrapping them so that uninstall can put them back byte for byte: they
  // hold the user's secrets because the user's files do, and scrubbing them
  // would break the restore. So they are not searched for canaries; they are
  // checked instead for being exactly a config the user had, for mode 0600
  // whatever the original's mode was (the stricter choice: a copy is never
  // more readable than the user's own file could be, and a too-open
  // original, which MCPG-CRED-003 reports, is not copied as open), and for
  // living only under the state dir (the search of the whole home below).
  const std::string backups = state + "/hooks/backups/";
  auto CheckBackups = [&] {
    size_t n = 0;
    for (const auto& [path, content] : FilesBelow(backups)) {
      ++n;
      INFO("backup " << path);
      CHECK(ModeOf(path) == 0600);
      CHECK(std::any_of(h.files.begin(), h.files.end(), [&, &c = content](const auto& f) { return f.second == c; }));
    }
    return n;
  };

  run({"keygen", "-W"}, {0});
  // Scans that record history, in every format.
  run(with({"scan"}));
  run(with({"scan", "--format", "json"}));
  run(with({"scan", "--format", "sarif"}));
  run(with({"scan", "--deep", h.t.Path("work"), "--format", "sarif"}));

  // Approve what can be approved (the spy without a surface pin yet).
  run(with({"approve", "--all"}), {0, 1, 2});
  run(with({"verify"}), {0, 1, 2});
  run(with({"verify", "--format", "json"}), {0, 1, 2});

  // Hooks: wrap Cursor's servers, run the wrapped spy as Cursor would (exec
  // logs its decision), then with --guard, which records the surface it
  // served as pending (no pins were approved).
  // One original readable by others: its backup is 0600 all the same.
  const std::string project_cursor = h.proj + "/.cursor/mcp.json";
  REQUIRE(::chmod(project_cursor.c_str(), 0644) == 0);
  run({"hooks", "install", "--host", "cursor", "--root", h.root}, {0, 1});
  run({"hooks", "status"}, {0, 1});
  CHECK(CheckBackups() >= 2);  // the user's and the project's Cursor config
  CHECK((ModeOf(backups) & 077) == 0);
  const json servers = json::parse(ReadFile(user_cursor))["mcpServers"];
  const json spy = servers["spy"];
  REQUIRE(spy["args"][0] == "exec");
  const HostRun exec = LaunchAsHost(spy, home);
  ++runs;
  INFO("exec stderr: " << exec.err);
  CHECK(exec.ToolNames() == std::vector<std::string>{"whoami"});
  check_text("exec spy (stderr)", exec.err);
  for (const json& m : exec.messages) check_text("exec spy (stdout)", m.dump());
  // A wrapped server whose command line holds secrets, refused or not: its
  // audit line must not quote them.
  const HostRun cli = LaunchAsHost(servers["cli"], home);
  ++runs;
  check_text("exec cli (stderr)", cli.err);
  for (const json& m : cli.messages) check_text("exec cli (stdout)", m.dump());
  // The same server started with another token than the configured one:
  // refused, and neither token may be quoted in the refusal or its audit line.
  json other = servers["cli"];
  for (json& a : other["args"]) {
    if (a == Canary(h, "arg bare github pat")) a = h.Plant("a token not configured", Fakes(6160).GithubPat());
  }
  const HostRun refused = LaunchAsHost(other, home);
  ++runs;
  CHECK(refused.exit_code == 2);
  check_text("exec cli, other argv (stderr)", refused.err);
  const std::vector<json> audit = AuditLines(home);
  CHECK(audit.back()["decision"] == "deny");
  CHECK(std::any_of(audit.begin(), audit.end(),
                    [](const json& l) { return l["command"] == "exec" && l.value("server", "") == "spy" && l["decision"] == "allow"; }));
  CHECK(std::any_of(audit.begin(), audit.end(), [](const json& l) { return l.value("server", "") == "cli"; }));

  json guarded = spy;
  guarded["args"].insert(guarded["args"].begin() + 1, "--guard");
  const HostRun guard = LaunchAsHost(guarded, home);
  ++runs;
  INFO("guard stderr: " << guard.err);
  CHECK(guard.ToolNames() == std::vector<std::string>{"whoami"});
  check_text("exec --guard spy (stderr)", guard.err);
  for (const json& m : guard.messages) check_text("exec --guard spy (stdout)", m.dump());
  CHECK_THAT(ReadFile(state + "/pending/cursor_user_spy.json"), Contains("whoami"));
  check_text("pending surface", ReadFile(state + "/pending/cursor_user_spy.json"));
  // Approving signs the pending surface with the server.
  run(with({"approve", "spy"}), {0});
  run({"hooks", "uninstall", "--host", "cursor", "--root", h.root}, {0, 1});
  CHECK(ReadFile(user_cursor) == user_cursor_before);
  CHECK(ModeOf(project_cursor) == 0644);  // the user's file, as the user left it

  // The spy's probed surface (the probe gives it a decoy, or the real value
  // with --with-credentials; its description tells the SHA-256 only).
  run(with({"approve", "spy", "--probe"}), {0});
  run(with({"approve", "spy", "--probe", "--with-credentials"}), {0});
  run(with({"verify"}), {0, 1, 2});
  run(with({"scan", "--probe", "spy", "--format", "json"}));
  // Remote servers whose URL and headers hold secrets, probed (offline, so
  // they fail): the errors name the origin only, with decoys or without.
  for (const char* creds : {"--no-sandbox", "--with-credentials"}) {
    run(with({"scan", "--probe", "remote", "--probe", "basic", "--probe", "codex-gh", "--probe", "oauth-app",
              "--probe-timeout", "3", "--no-record", creds}));
    const Run r = run(with({"scan", "--probe", "remote", "--probe-timeout", "3", "--no-record", "--format", "json", creds}));
    const std::string out = r.out;
    INFO(out);
    CHECK_THAT(out, Contains("\"error\": \"initialize: ") && Contains("mcp.example.net"));
  }

  // A change, so that diff, log and show have something to say: a command,
  // and two secrets rotated (an env value, an argument), whose old and new
  // values the word diff must not show.
  std::string changed = ReadFile(user_cursor);
  auto replace = [&](const std::string& from, const std::string& to) {
    const size_t at = changed.find(from);
    REQUIRE(at != std::string::npos);
    changed.replace(at, from.size(), to);
  };
  Fakes rotated(7170);
  replace(R"("jwt": {"command": "x")", R"("jwt": {"command": "y")");
  replace(Canary(h, "env generic"), h.Plant("env generic, rotated", rotated.Secret()));
  replace(Canary(h, "arg after flag"), h.Plant("arg after flag, rotated", rotated.Secret()));
  h.CheckCanariesDistinct();
  WriteConfig(h.t, "home/.cursor/mcp.json", changed);
  run(with({"scan", "--format", "json"}));
  // Not vacuous: the rotations are seen, as fingerprints.
  const Run drift = run(with({"diff"}), {0, 1, 2});
  CHECK_THAT(drift.out, Contains("cursor/gh  credentials.env.API_KEY") && Contains("cursor/cli  credentials.args[2]"));
  run(with({"diff", "--format", "json"}), {0, 1, 2});
  run({"diff", "HEAD~1", "HEAD"}, {0, 1});
  run({"diff", "HEAD~1", "HEAD", "--format", "json"}, {0, 1});
  run({"log"}, {0});
  run({"log", "--format", "json"}, {0});
  run({"show"}, {0});
  run({"show", "--format", "json"}, {0});
  run({"show", "HEAD~1", "--format", "json"}, {0});

  // Reports, to stdout and to files.
  std::vector<std::string> report_files;
  for (const char* format : {"text", "markdown", "html", "json", "sarif"}) {
    const Run r = run({"report", "--format", format}, {0, 1});
    CHECK_FALSE(r.out.empty());
    report_files.push_back(reports + "/report." + format);
    run({"report", "--format", format, "--output", report_files.back()}, {0, 1});
  }

  // History to a remote, and the fleet report from it.
  const Run pushed = run({"history", "push", "file://" + remote_dir}, {0});
  run({"fleet", "report", "--from", "file://" + remote_dir}, {0, 1});
  run({"fleet", "report", "--from", "file://" + remote_dir, "--format", "json"}, {0, 1});
  run({"fleet", "report", "--from", "file://" + remote_dir, "--format", "markdown"}, {0, 1});

  // Every file of mcpguard's own.
  size_t files = 0;
  for (const char* dir : {"/.config/mcpguard", "/.local/state/mcpguard", "/.cache/mcpguard"}) {
    for (const auto& [path, content] : FilesBelow(home + dir)) {
      ++files;
      if (StartsWith(path, backups)) continue;  // CheckBackups
      check_text(path, path + "\n" + content);
    }
  }
  CheckBackups();
  CHECK(files > 5);
  // Nothing of the user's was copied anywhere else in the home.
  for (const auto& [path, content] : FilesBelow(home)) {
    if (StartsWith(path, backups)) continue;
    const bool the_users = std::any_of(h.files.begin(), h.files.end(),
                                       [&, &p = path](const auto& f) { return h.t.Path(f.first) == p; });
    if (!the_users) check_text(path, path + "\n" + content);
  }
  for (const std::string& f : report_files) CHECK_FALSE(ReadFile(f).empty());

  // The history as recorded, and as pushed.
  check_text("history", Everything(state + "/history"));
  check_text("remote", Everything(remote_dir));
  CHECK_THAT(pushed.out, Contains("pushed"));

  CHECK(runs > 40);
  INFO("leaks:\n" << [&] {
    std::string all;
    for (const std::string& f : failures) all += f + "\n";
    return all;
  }());
  CHECK(failures.empty());
}

// A server that echoes its credential into a description: the probe with
// --with-credentials and the exec guard (which runs it as configured, with
// the real value) both see the secret in what it serves; neither may record
// it in the snapshot, the pending surface, the baseline or the history.
TEST_CASE("leak: a server that echoes its secret into its surface does not get it recorded", "[e2e][leak]") {
  Fakes f(8080);
  const std::string secret = f.GithubPat();
  const Canaries canaries = {{"echoed secret", secret}};
  TempDir t;
  const std::string home = t.MakeDir("home");
  const json server = {{"command", "node"},
                       {"args", {std::string(MCPGUARD_TEST_SERVERS) + "/echo-secret.mjs"}},
                       {"env", {{"ECHO_VALUE", secret}}}};
  const std::string cfg = WriteConfig(t, "home/.cursor/mcp.json", json{{"mcpServers", {{"wiki", server}}}}.dump(2));
  std::string outputs;
  auto run = [&](const std::vector<std::string>& args) {
    const Run r = RunMcpguard(args, home);
    INFO(r.err);
    CHECK(r.exit_code != 2);
    outputs += r.out + r.err;
    return r;
  };
  run({"keygen", "-W"});
  const Run probed = run({"scan", "--no-cwd", "--probe", "--with-credentials", "--format", "json"});
  CHECK_THAT(probed.out, Contains("Searches the wiki as <"));  // not vacuous: the server was probed
  run({"approve", "--all", "--no-cwd"});
  run({"hooks", "install", "--host", "cursor", "--guard"});
  const json wrapped = json::parse(ReadFile(cfg))["mcpServers"]["wiki"];
  // What the host is served is the server's own business: the real value.
  const HostRun first = LaunchAsHost(wrapped, home);
  INFO(first.err);
  REQUIRE(first.ToolNames() == std::vector<std::string>{"search"});
  const std::string pending = home + "/.local/state/mcpguard/pending/cursor_user_wiki.json";
  CHECK_THAT(ReadFile(pending), Contains("Searches the wiki as <"));
  // The guard scrubs as the probe does: both pin the same definition.
  auto search_pin = [](const json& surface) {
    for (const json& i : surface["items"]) {
      if (i["kind"] == "tool" && i["name"] == "search") return i["sha256"].get<std::string>();
    }
    return std::string("none");
  };
  const json probed_surface = probed.Json()["configs"][0]["servers"][0]["surface"];
  CHECK(search_pin(json::parse(ReadFile(pending))["surface"]) == search_pin(probed_surface));
  CHECK(search_pin(probed_surface) != "none");
  run({"approve", "wiki", "--no-cwd"});
  // Pinned as recorded: the next start serves the same tool, and it passes.
  CHECK(LaunchAsHost(wrapped, home).ToolNames() == std::vector<std::string>{"search"});
  run({"scan", "--no-cwd"});
  run({"hooks", "uninstall", "--host", "cursor"});

  for (const char* dir : {"/.config/mcpguard", "/.local/state/mcpguard", "/.cache/mcpguard"}) {
    for (const auto& [path, content] : FilesBelow(home + dir)) {
      if (path.find("/hooks/backups/") != std::string::npos) continue;  // the user's own config
      INFO(path);
      CHECK(Leaks(content, canaries).empty());
    }
  }
  CHECK(Leaks(outputs, canaries).empty());
  CHECK(Leaks(Everything(home + "/.local/state/mcpguard/history"), canaries).empty());
}

}  // namespace
}  // namespace mcpguard::test

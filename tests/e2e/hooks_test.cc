// End-to-end: mcpguard hooks. A fake home's host configs are wrapped by
// 'hooks install', launched the way the host launches them (the command and
// args the rewritten file now holds, spoken to over MCP), and put back by
// 'hooks uninstall' byte for byte. Real-world configs from the shared corpus
// where they fit; the real @modelcontextprotocol/server-everything; the real
// git CLI for the pre-commit hook; systemd-analyze for the timer units.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "base/file.h"
#include "base/process.h"
#include "e2e/host_launch.h"
#include "support/evidence.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

using nlohmann::json;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

struct HooksHome {
  TempDir t;
  std::string home = t.MakeDir("home");
  std::string root = t.MakeDir("root");  // --root: no /etc, no /run/systemd of the machine

  std::string Path(const std::string& rel) const { return home + "/" + rel; }
  std::string Write(const std::string& rel, const std::string& text) const { return t.Write("home/" + rel, text); }
  Run Mcpguard(std::vector<std::string> args, const std::string& cwd = {}) const { return RunMcpguard(args, home, {}, cwd); }
  void Keygen() const { REQUIRE(Mcpguard({"keygen", "-W"}).exit_code == 0); }
  void Approve(const std::string& host) const {
    const Run r = Mcpguard({"approve", "--all", "--host", host, "--no-cwd", "--root", root});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  Run Install(const std::string& host, std::vector<std::string> more = {}) const {
    std::vector<std::string> args{"hooks", "install", "--host", host, "--root", root};
    args.insert(args.end(), more.begin(), more.end());
    return Mcpguard(args);
  }
  Run Uninstall(const std::string& host) const { return Mcpguard({"hooks", "uninstall", "--host", host, "--root", root}); }
};

json Cursor(const json& servers) { return json{{"mcpServers", servers}}; }

TEST_CASE("hooks install wraps a Cursor config, and launched as Cursor launches it the approved server lists its tools") {
  HooksHome h;
  const std::string cfg = h.Write(".cursor/mcp.json",
                                  Cursor({{"ev", {{"command", "node"}, {"args", {EverythingServer(), "stdio"}}}}}).dump(2));
  h.Keygen();
  h.Approve("cursor");
  const Run in = h.Install("cursor");
  INFO(in.err);
  REQUIRE(in.exit_code == 0);
  CHECK_THAT(in.out, Contains("wrapped ev"));
  const json def = json::parse(ReadFile(cfg))["mcpServers"]["ev"];
  CHECK(def["command"] == MCPGUARD_BINARY);
  CHECK(def["args"] == json({"exec", "--host", "cursor", "--server", "ev", "--config", cfg, "--", "node",
                             EverythingServer(), "stdio"}));
  // Wrapping changes no pin: verify still passes.
  CHECK(h.Mcpguard({"verify", "--host", "cursor", "--no-cwd", "--root", h.root}).exit_code == 0);
  const HostRun r = LaunchAsHost(def, h.home);
  INFO(r.err);
  const std::vector<std::string> tools = r.ToolNames();
  CHECK(std::find(tools.begin(), tools.end(), "echo") != tools.end());
  CHECK(std::find(tools.begin(), tools.end(), "get-sum") != tools.end());
  const Run st = h.Mcpguard({"hooks", "status", "--host", "cursor"});
  CHECK_THAT(st.out, Contains("1 of 1 stdio server(s) wrapped (ev)"));
  CHECK_THAT(st.out, Contains(".cursor/hooks.json: mcpguard hooks installed"));
}

TEST_CASE("a wrapped server whose script changed after approval is refused with exit 2") {
  HooksHome h;
  const std::string script = h.Write("srv/ev.mjs", "import \"" + EverythingServer() + "\";\n");
  const std::string cfg =
      h.Write(".cursor/mcp.json", Cursor({{"ev", {{"command", "node"}, {"args", {script, "stdio"}}}}}).dump(2));
  h.Keygen();
  h.Approve("cursor");
  REQUIRE(h.Install("cursor").exit_code == 0);
  const json def = json::parse(ReadFile(cfg))["mcpServers"]["ev"];
  CHECK_FALSE(LaunchAsHost(def, h.home).ToolNames().empty());
  h.Write("srv/ev.mjs", "import \"" + EverythingServer() + "\";\nconsole.error('a backdoor would go here');\n");
  const HostRun r = LaunchAsHost(def, h.home);
  CHECK(r.exit_code == 2);
  CHECK(r.messages.empty());
  CHECK_THAT(r.err, Contains("cursor/ev changed since it was approved: artifact.sha256"));
}

TEST_CASE("a wrapped config whose inner command was edited is refused") {
  HooksHome h;
  const std::string cfg = h.Write(".cursor/mcp.json",
                                  Cursor({{"ev", {{"command", "node"}, {"args", {EverythingServer(), "stdio"}}}}}).dump(2));
  h.Keygen();
  h.Approve("cursor");
  REQUIRE(h.Install("cursor").exit_code == 0);
  // Someone edits the wrapped entry: an extra argument after the approved ones.
  json doc = json::parse(ReadFile(cfg));
  doc["mcpServers"]["ev"]["args"].push_back("--evil");
  h.Write(".cursor/mcp.json", doc.dump(2));
  const HostRun r = LaunchAsHost(doc["mcpServers"]["ev"], h.home);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("changed since it was approved: args"));
}

struct RoundTrip {
  std::string host;
  std::string rel;      // where the host reads it, under the home
  std::string fixture;  // a real-world file, or "" for `text`
  std::string text;
  std::vector<std::string> wrapped;  // servers expected to be wrapped
};

TEST_CASE("hooks install and uninstall round-trip byte for byte in every supported format") {
  const RoundTrip cases[] = {
      {"cursor", ".cursor/mcp.json", "0x7067__agent-bridge-mcp__.cursor_mcp.json", "", {"agent-bridge"}},
      {"vscode", ".config/Code/User/mcp.json", "108yen__task-orchestrator-mcp__.vscode_mcp.json", "", {"local", "serena"}},
      {"claude-desktop", ".config/Claude/claude_desktop_config.json", "AbuMareBear__dotfiles__claude_desktop_config.json", "",
       {"filesystem"}},
      {"codex", ".codex/config.toml", "0maru__dotfiles__config_codex_config.toml", "", {"context7"}},
      {"gemini-cli", ".gemini/settings.json", "", "{\n\t// tabs, comments and a trailing comma\n\t\"mcpServers\": {\n\t\t\"a\": {\"command\": \"uvx\"},\n\t\t\"b\": {\"command\": \"npx\", \"args\": [ ], \"cwd\": \"/tmp\"},\n\t},\n}", {"a", "b"}},
      {"codex", ".codex/config.toml", "", "[mcp_servers.inline]\nx = { command = \"a\" }\n[mcp_servers.t]\ncommand = 'lit' # literal\n\n[mcp_servers.u]\ncommand = \"b\"\nargs = [\n  \"one\", # first\n]\n", {"t", "u"}},
  };
  for (const RoundTrip& c : cases) {
    DYNAMIC_SECTION(c.host << " " << (c.fixture.empty() ? "constructed" : c.fixture)) {
      HooksHome h;
      const std::string original = c.fixture.empty() ? c.text : ReadFile(RealWorld(c.fixture));
      const std::string path = h.Write(c.rel, original);
      REQUIRE(::chmod(path.c_str(), 0640) == 0);
      const Run in = h.Install(c.host);
      INFO(in.out << in.err);
      REQUIRE(in.exit_code == 0);
      const std::string wrapped = ReadFile(path);
      CHECK(wrapped != original);
      for (const std::string& name : c.wrapped) {
        CHECK_THAT(wrapped, Contains("\"--server\", \"" + name + "\""));
      }
      struct stat st {};
      REQUIRE(::stat(path.c_str(), &st) == 0);
      CHECK((st.st_mode & 0777) == 0640);
      const Run status = h.Mcpguard({"hooks", "status", "--host", c.host});
      CHECK_THAT(status.out, Contains(std::to_string(c.wrapped.size()) + " of "));

      SECTION("unchanged since install: the backup comes back") {
        const Run out = h.Uninstall(c.host);
        INFO(out.err);
        CHECK(out.exit_code == 0);
        CHECK_THAT(out.out, Contains("restored from its backup"));
        CHECK(ReadFile(path) == original);
      }
      SECTION("edited since install: only our insertions come out") {
        const std::string edit = c.rel.ends_with(".toml") ? "# edited by hand\n" : "";
        if (!edit.empty()) h.Write(c.rel, edit + wrapped);
        else h.Write(c.rel, wrapped + "\n");
        const Run out = h.Uninstall(c.host);
        INFO(out.err);
        CHECK(out.exit_code == 0);
        CHECK_THAT(out.out, Contains("took our entries out"));
        CHECK(ReadFile(path) == (edit.empty() ? original + "\n" : edit + original));
      }
    }
  }
}

TEST_CASE("Claude Code: install adds SessionStart and PreToolUse hooks next to the user's, and uninstall restores both files") {
  HooksHome h;
  const std::string settings_text = "{\n  \"model\": \"opus\",\n  \"hooks\": {\"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"true\"}]}]}\n}\n";
  const std::string settings = h.Write(".claude/settings.json", settings_text);
  const std::string claude_json = ReadFile(RealWorld("012090120901209__ahk-mcp__.mcp.json"));
  const std::string cfg = h.Write(".claude.json", claude_json);
  h.Keygen();
  const Run in = h.Install("claude-code");
  INFO(in.err);
  REQUIRE(in.exit_code == 0);
  const json s = json::parse(ReadFile(settings));
  CHECK(s["model"] == "opus");
  CHECK(s["hooks"]["Stop"].size() == 1);
  REQUIRE(s["hooks"]["PreToolUse"].size() == 1);
  CHECK(s["hooks"]["PreToolUse"][0]["matcher"] == "mcp__.*");
  CHECK(s["hooks"]["PreToolUse"][0]["hooks"][0]["command"] ==
        std::string(MCPGUARD_BINARY) + " hooks check-tool --host claude-code");
  CHECK(s["hooks"]["SessionStart"][0]["hooks"][0]["command"] ==
        std::string(MCPGUARD_BINARY) + " verify --host claude-code");
  CHECK(json::parse(ReadFile(cfg))["mcpServers"]["ahk"]["command"] == MCPGUARD_BINARY);
  // A second install adds nothing twice.
  REQUIRE(h.Install("claude-code").exit_code == 0);
  CHECK(json::parse(ReadFile(settings))["hooks"]["PreToolUse"].size() == 1);
  const Run out = h.Uninstall("claude-code");
  INFO(out.err);
  CHECK(ReadFile(settings) == settings_text);
  CHECK(ReadFile(cfg) == claude_json);
}

TEST_CASE("check-tool: Claude Code's PreToolUse gets exit 2 for an unapproved server, 0 for an approved one") {
  HooksHome h;
  h.Keygen();
  // A baseline that approves another server only.
  h.Write(".claude.json", json{{"mcpServers", {{"other", {{"command", "echo"}}}}}}.dump());
  h.Approve("claude-code");
  h.Write(".claude.json", json{{"mcpServers", {{"other", {{"command", "echo"}}}, {"my.tools", {{"command", "echo"}, {"args", {"hi"}}}}}}}.dump());
  auto check = [&](const std::string& tool) {
    ProcessOptions o;
    o.argv = {MCPGUARD_BINARY, "hooks", "check-tool", "--host", "claude-code"};
    o.env = std::vector<std::string>{"HOME=" + h.home, "NO_COLOR=1", "PATH=" + std::string(std::getenv("PATH"))};
    o.cwd = h.home;
    o.stdin_data = json{{"hook_event_name", "PreToolUse"}, {"tool_name", tool}, {"tool_input", json::object()},
                        {"cwd", h.root}}
                       .dump();
    auto r = RunProcess(o);
    REQUIRE(r);
    return *r;
  };
  // "my.tools" becomes "my_tools" in Claude Code's tool names.
  const ProcessResult denied = check("mcp__my_tools__run");
  CHECK(denied.exit_code == 2);
  CHECK_THAT(denied.err, Contains("claude-code/my.tools is not approved"));
  h.Approve("claude-code");
  CHECK(check("mcp__my_tools__run").exit_code == 0);
  const std::vector<json> audit = AuditLines(h.home);
  REQUIRE(!audit.empty());
  CHECK(audit.back()["command"] == "check-tool");
  CHECK(audit.back()["decision"] == "allow");
}

TEST_CASE("check-tool: Cursor's beforeMCPExecution gets a JSON permission answer") {
  HooksHome h;
  h.Write(".cursor/mcp.json", Cursor({{"ok", {{"command", "echo"}, {"args", {"a"}}}}}).dump());
  h.Keygen();
  h.Approve("cursor");
  h.Write(".cursor/mcp.json",
          Cursor({{"ok", {{"command", "echo"}, {"args", {"a"}}}}, {"bad", {{"command", "echo"}, {"args", {"b"}}}}}).dump());
  auto answer = [&](const std::string& command) {
    ProcessOptions o;
    o.argv = {MCPGUARD_BINARY, "hooks", "check-tool", "--host", "cursor"};
    o.env = std::vector<std::string>{"HOME=" + h.home, "NO_COLOR=1", "PATH=" + std::string(std::getenv("PATH"))};
    o.cwd = h.root;
    o.stdin_data = json{{"hook_event_name", "beforeMCPExecution"}, {"tool_name", "t"}, {"tool_input", "{}"},
                        {"command", command}}
                       .dump();
    auto r = RunProcess(o);
    REQUIRE(r);
    REQUIRE(r->exit_code == 0);
    return json::parse(r->out);
  };
  CHECK(answer("echo a")["permission"] == "allow");
  const json bad = answer("echo b");
  CHECK(bad["permission"] == "deny");
  CHECK_THAT(bad["user_message"].get<std::string>(), Contains("cursor/bad is not approved"));
}

TEST_CASE("hooks install refuses YAML configs clearly and leaves them alone") {
  HooksHome h;
  const std::string yaml =
      "extensions:\n  fetch:\n    enabled: true\n    type: stdio\n    cmd: uvx\n    args: [mcp-server-fetch]\n";
  const std::string path = h.Write(".config/goose/config.yaml", yaml);
  const Run r = h.Install("goose");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Contains("YAML configs") && Contains("not rewritten"));
  CHECK(ReadFile(path) == yaml);
}

bool HaveTool(const std::string& name) {
  auto r = RunProcess(ProcessOptions{{"sh", "-c", "command -v " + name}, std::nullopt, {}, {}, 10'000});
  return r && r->exit_code == 0;
}

TEST_CASE("hooks install --schedule writes systemd user units that systemd-analyze accepts") {
  HooksHome h;
  MakeDirs(h.root + "/run/systemd/system");  // as on a machine booted with systemd
  const Run r = h.Mcpguard({"hooks", "install", "--schedule", "daily", "--no-enable", "--root", h.root});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string service = h.Path(".config/systemd/user/mcpguard-report.service");
  const std::string timer = h.Path(".config/systemd/user/mcpguard-report.timer");
  CHECK_THAT(ReadFile(service), Contains("ExecStart=" + std::string(MCPGUARD_BINARY) + " report --since 1d"));
  CHECK_THAT(ReadFile(timer), Contains("OnCalendar=daily"));
  // The shipped templates, with the path of this build's binary.
  TempDir shipped;
  std::string unit = ReadFile(std::string(MCPGUARD_SOURCE_DIR) + "/hooks/systemd/mcpguard-report.service");
  unit.replace(unit.find("/usr/local/bin/mcpguard"), 23, MCPGUARD_BINARY);
  const std::string shipped_service = shipped.Write("mcpguard-report.service", unit);
  const std::string shipped_timer =
      shipped.Copy(std::string(MCPGUARD_SOURCE_DIR) + "/hooks/systemd/mcpguard-report.timer", "mcpguard-report.timer");
  if (!HaveTool("systemd-analyze")) {
    WARN("systemd-analyze not installed: the unit files were not verified");
  } else {
    for (const auto& pair : {std::pair{service, timer}, std::pair{shipped_service, shipped_timer}}) {
      auto v = RunProcess(ProcessOptions{{"systemd-analyze", "verify", "--man=no", pair.first, pair.second},
                                         std::vector<std::string>{"HOME=" + h.home, "PATH=/usr/bin:/bin"}, {}, {}, 30'000});
      REQUIRE(v);
      INFO(v->err);
      CHECK(v->exit_code == 0);
    }
  }
  const Run off = h.Mcpguard({"hooks", "uninstall", "--schedule", "--no-enable", "--root", h.root});
  CHECK(off.exit_code == 0);
  CHECK_FALSE(Exists(service));
  CHECK_FALSE(Exists(timer));
}

TEST_CASE("hooks install --schedule without systemd writes a cron line") {
  HooksHome h;
  const Run r = h.Mcpguard({"hooks", "install", "--schedule", "weekly", "--no-enable", "--root", h.root});
  REQUIRE(r.exit_code == 0);
  const std::string cron = ReadFile(h.Path(".local/state/mcpguard/hooks/mcpguard.cron"));
  CHECK_THAT(cron, Contains("17 9 * * 1 " + std::string(MCPGUARD_BINARY) + " report --since 7d\n"));
}

// --- the git pre-commit hook, in a real repository ---------------------------

ProcessResult Git(const HooksHome& h, const std::string& repo, std::vector<std::string> args) {
  ProcessOptions o;
  o.argv = {"git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  o.env = std::vector<std::string>{"HOME=" + h.home, "NO_COLOR=1", "PATH=" + std::string(std::getenv("PATH")),
                                   "MCPGUARD=" + std::string(MCPGUARD_BINARY), "GIT_CONFIG_NOSYSTEM=1"};
  o.cwd = repo;
  auto r = RunProcess(o);
  REQUIRE(r);
  return *r;
}

TEST_CASE("the git pre-commit hook refuses a commit that adds an unapproved project MCP config") {
  HooksHome h;
  h.Keygen();
  h.Write(".cursor/mcp.json", Cursor({{"approved", {{"command", "echo"}}}}).dump());
  h.Approve("cursor");
  const std::string repo = h.t.MakeDir("repo");
  REQUIRE(Git(h, repo, {"init", "-q"}).exit_code == 0);
  const std::string hook = h.t.Copy(std::string(MCPGUARD_SOURCE_DIR) + "/hooks/git/pre-commit", "repo/.git/hooks/pre-commit");
  REQUIRE(::chmod(hook.c_str(), 0755) == 0);
  // An ordinary commit is not the hook's business.
  h.t.Write("repo/README", "hello\n");
  REQUIRE(Git(h, repo, {"add", "README"}).exit_code == 0);
  const ProcessResult first = Git(h, repo, {"commit", "-qm", "readme"});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);

  h.t.Write("repo/.mcp.json", json{{"mcpServers", {{"db", {{"command", "echo"}, {"args", {"db"}}}}}}}.dump(2));
  REQUIRE(Git(h, repo, {"add", ".mcp.json"}).exit_code == 0);
  const ProcessResult refused = Git(h, repo, {"commit", "-qm", "add db server"});
  CHECK(refused.exit_code != 0);
  CHECK_THAT(refused.err, Contains(".mcp.json has servers that are not approved"));
  CHECK_THAT(refused.err, Contains("claude-code/db: not approved"));

  const Run approved = h.Mcpguard({"approve", "db", "--root", h.root}, repo);
  INFO(approved.err);
  REQUIRE(approved.exit_code == 0);
  const ProcessResult ok = Git(h, repo, {"commit", "-qm", "add db server"});
  INFO(ok.err);
  CHECK(ok.exit_code == 0);

  // A later change to the approved server is refused again.
  h.t.Write("repo/.mcp.json", json{{"mcpServers", {{"db", {{"command", "echo"}, {"args", {"changed"}}}}}}}.dump(2));
  REQUIRE(Git(h, repo, {"add", ".mcp.json"}).exit_code == 0);
  const ProcessResult changed = Git(h, repo, {"commit", "-qm", "change db"});
  CHECK(changed.exit_code != 0);
  CHECK_THAT(changed.err, Contains("changed: args"));
}

}  // namespace
}  // namespace mcpguard::test

namespace mcpguard::test {
namespace {

TEST_CASE("no secret from a wrapped config reaches the audit log, stderr or hooks status") {
  HooksHome h;
  // Fake secrets, made up here: a GitHub-shaped token in an argument and a key in env.
  const std::string token = "ghp_" + std::string("Zq8Lw2Vn5Rt7Yx1Bc4Df6Gh9Jk3Mp0Ns2Qu");
  const std::string key = "sk-proj-" + std::string("Hf7Kd2Lq9Wx4Zn6Tb1Vc8Rm3Yp5Gs0Ju");
  const std::string cfg = h.Write(
      ".cursor/mcp.json",
      Cursor({{"gh", {{"command", "echo"}, {"args", {"--token=" + token}}, {"env", {{"OPENAI_API_KEY", key}}}}}}).dump(2));
  h.Keygen();
  h.Approve("cursor");
  REQUIRE(h.Install("cursor").exit_code == 0);
  json doc = json::parse(ReadFile(cfg));
  json def = doc["mcpServers"]["gh"];
  // Launched with another token than the approved one: refused.
  json changed = def;
  changed["args"].back() = "--token=" + token + "X";
  const HostRun refused = LaunchAsHost(changed, h.home);
  CHECK(refused.exit_code == 2);
  const Run status = h.Mcpguard({"hooks", "status"});
  const std::string audit = ReadFile(h.Path(".local/state/mcpguard/audit.jsonl"));
  const std::vector<std::pair<std::string, std::string>> canaries{{"token", token}, {"key", key}};
  CHECK(Leaks(refused.err, canaries).empty());
  CHECK(Leaks(audit, canaries).empty());
  CHECK(Leaks(status.out + status.err, canaries).empty());
}

}  // namespace
}  // namespace mcpguard::test

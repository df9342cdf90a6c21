// End-to-end: mcpguard exec, the pre-launch check a wrapped config runs. A
// fake home with a Cursor config and a signed baseline; exec is started as a
// host would start a wrapped server and spoken to over MCP. The server is the
// real @modelcontextprotocol/server-everything from tests/servers.
#include <sys/stat.h>

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/exec.h"
#include "e2e/host_launch.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

using nlohmann::json;
using Catch::Matchers::Contains;

// A fake home whose Cursor config runs `script` with node, approved and signed.
struct ExecHome {
  TempDir t;
  std::string home = t.MakeDir("home");
  std::string script;

  explicit ExecHome(const std::string& server_script) : script(server_script) {
    t.Write("home/.cursor/mcp.json",
            json{{"mcpServers", {{"ev", {{"command", "node"}, {"args", {script, "stdio"}}}}}}}.dump(2));
    REQUIRE(Mcpguard({"keygen", "-W"}).exit_code == 0);
    const Run a = Mcpguard({"approve", "--all", "--host", "cursor", "--no-cwd"});
    INFO(a.err);
    REQUIRE(a.exit_code == 0);
  }
  Run Mcpguard(const std::vector<std::string>& args) const { return RunMcpguard(args, home); }
  json Exec(std::vector<std::string> argv) const {
    json args = json::array({"exec", "--host", "cursor", "--server", "ev", "--"});
    for (const std::string& a : argv) args.push_back(a);
    return json{{"command", MCPGUARD_BINARY}, {"args", args}};
  }
};

TEST_CASE("exec runs an approved, unchanged server in its place: it answers initialize and tools/list") {
  ExecHome h(EverythingServer());
  const HostRun r = LaunchAsHost(h.Exec({"node", EverythingServer(), "stdio"}), h.home);
  INFO(r.err);
  CHECK(r.Response(1)["result"]["serverInfo"].is_object());
  const std::vector<std::string> tools = r.ToolNames();
  CHECK(std::find(tools.begin(), tools.end(), "echo") != tools.end());
  CHECK(std::find(tools.begin(), tools.end(), "get-sum") != tools.end());
  const std::vector<json> audit = AuditLines(h.home);
  REQUIRE(audit.size() >= 1);
  CHECK(audit.back()["command"] == "exec");
  CHECK(audit.back()["decision"] == "allow");
  CHECK(audit.back()["server"] == "ev");
}

TEST_CASE("exec refuses a command line that is not the configured one, with exit 2 and one line on stderr") {
  ExecHome h(EverythingServer());
  const HostRun r = LaunchAsHost(h.Exec({"node", EverythingServer(), "sse"}), h.home);
  CHECK(r.exit_code == 2);
  CHECK(r.messages.empty());
  CHECK_THAT(r.err, Contains("refused to start cursor/ev") && Contains("not the one configured"));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK(AuditLines(h.home).back()["decision"] == "deny");
}

TEST_CASE("exec refuses a server whose script changed after approval") {
  TempDir scripts;
  // A script of our own (pinned by its SHA-256) that runs the real server.
  const std::string script = scripts.Write("srv.mjs", "import \"" + EverythingServer() + "\";\n");
  ExecHome h(script);
  CHECK(LaunchAsHost(h.Exec({"node", script, "stdio"}), h.home).ToolNames().size() > 3);
  scripts.Write("srv.mjs", "import \"" + EverythingServer() + "\";\n// and something else\n");
  const HostRun r = LaunchAsHost(h.Exec({"node", script, "stdio"}), h.home);
  CHECK(r.exit_code == 2);
  CHECK(r.messages.empty());
  CHECK_THAT(r.err, Contains("changed since it was approved") && Contains("artifact.sha256"));
}

TEST_CASE("exec refuses an unapproved server, an unknown name and a missing baseline") {
  ExecHome h(EverythingServer());
  TempDir t2;
  SECTION("a server added after approval") {
    h.t.Write("home/.cursor/mcp.json",
              json{{"mcpServers",
                    {{"ev", {{"command", "node"}, {"args", {EverythingServer(), "stdio"}}}},
                     {"new", {{"command", "node"}, {"args", {EverythingServer(), "stdio"}}}}}}}
                  .dump());
    json def = h.Exec({"node", EverythingServer(), "stdio"});
    def["args"][4] = "new";
    const HostRun r = LaunchAsHost(def, h.home);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("cursor/new is not approved"));
  }
  SECTION("a name the config does not have") {
    json def = h.Exec({"node", EverythingServer(), "stdio"});
    def["args"][4] = "ghost";
    const HostRun r = LaunchAsHost(def, h.home);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("no server 'ghost'"));
  }
  SECTION("no baseline at all") {
    const std::string home = t2.MakeDir("empty");
    t2.Write("empty/.cursor/mcp.json",
             json{{"mcpServers", {{"ev", {{"command", "node"}, {"args", {EverythingServer(), "stdio"}}}}}}}.dump());
    const HostRun r = LaunchAsHost(h.Exec({"node", EverythingServer(), "stdio"}), home);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("no baseline"));
  }
}

TEST_CASE("exec matches arguments the host expanded against the references written in the config") {
  CHECK(app::ArgMatches("--dir=${workspaceFolder}/data", "--dir=/home/u/src/shop/data"));
  CHECK(app::ArgMatches("${env:HOME}", "/home/u"));
  CHECK(app::ArgMatches("{env:TOKEN_FILE}", "/run/secrets/t"));
  CHECK(app::ArgMatches("${A}-${B}", "x-y"));
  CHECK(app::ArgMatches("plain", "plain"));
  CHECK_FALSE(app::ArgMatches("plain", "plainer"));
  CHECK_FALSE(app::ArgMatches("--dir=${workspaceFolder}/data", "--dir=/x/other"));
  CHECK_FALSE(app::ArgMatches("--dir=${workspaceFolder}/data", "--root=/x/data"));
}

TEST_CASE("the audit log rotates at its size limit and keeps three old files") {
  TempDir t;
  const std::string state = t.MakeDir("state");
  app::Paths paths{t.Path("config"), state, t.Path("cache")};
  for (int i = 0; i < 40; ++i) {
    REQUIRE(app::AppendAudit(paths, app::AuditEntry{"exec", "cursor", "s" + std::to_string(i), "allow", "ok"}, 1000));
  }
  const std::string log = app::AuditLogPath(paths);
  CHECK(ReadFile(log).size() < 1200);
  for (const char* n : {".1", ".2", ".3"}) CHECK_FALSE(ReadFile(log + n).empty());
  CHECK_THROWS(ReadFile(log + ".4"));
  struct stat st {};
  REQUIRE(::stat(log.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  // Every line is whole JSON, the newest last.
  const std::string text = ReadFile(log);
  const json last = json::parse(text.substr(text.rfind('\n', text.size() - 2) + 1));
  CHECK(last["server"] == "s39");
}

}  // namespace
}  // namespace mcpguard::test

namespace mcpguard::test {
namespace {

TEST_CASE("exec finds a project's config from --config when the host starts it elsewhere") {
  TempDir t;
  const std::string home = t.MakeDir("home");
  const std::string project = t.MakeDir("home/src/shop");
  const std::string cfg = t.Write(
      "home/src/shop/.cursor/mcp.json",
      nlohmann::json{{"mcpServers", {{"ev", {{"command", "node"}, {"args", {EverythingServer(), "stdio"}}}}}}}.dump());
  REQUIRE(RunMcpguard({"keygen", "-W"}, home).exit_code == 0);
  const Run a = RunMcpguard({"approve", "ev", "--host", "cursor"}, home, {}, project);
  INFO(a.err);
  REQUIRE(a.exit_code == 0);
  const nlohmann::json def{{"command", MCPGUARD_BINARY},
                           {"args", {"exec", "--host", "cursor", "--server", "ev", "--config", cfg, "--", "node",
                                     EverythingServer(), "stdio"}}};
  const HostRun r = LaunchAsHost(def, home);  // started in the home, not the project
  INFO(r.err);
  CHECK_FALSE(r.ToolNames().empty());
}

}  // namespace
}  // namespace mcpguard::test

// End-to-end: the command line itself (help, version, exit codes, output
// formats) and the rule that no secret value ever reaches the output.
#include <catch2/catch.hpp>

#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

TEST_CASE("help lists the commands and help COMMAND explains one", "[e2e][cli]") {
  TempDir t;
  Run r = RunMcpguard({"--help"}, t.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("scan") && Contains("hosts"));
  Run h = RunMcpguard({"help", "scan"}, t.path());
  CHECK(h.exit_code == 0);
  CHECK_THAT(h.out, Contains("--deep") && Contains("--os") && Contains("Examples:"));
  Run bad = RunMcpguard({"help", "nope"}, t.path());
  CHECK(bad.exit_code == 2);
  CHECK(bad.err == "mcpguard: error: no command 'nope'\nmcpguard: hint: run 'mcpguard --help' for the list\n");
}

TEST_CASE("the version flag prints the version", "[e2e][cli]") {
  TempDir t;
  Run r = RunMcpguard({"--version"}, t.path());
  CHECK(r.exit_code == 0);
  CHECK(r.out == "mcpguard 0.1.0\n");
}

TEST_CASE("usage errors exit 2 with the mcpguard: prefix", "[e2e][cli]") {
  TempDir t;
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {}, {"frobnicate"}, {"scan", "--bogus"}, {"scan", "--os", "beos"}, {"scan", "--format", "xml"}}) {
    Run r = RunMcpguard(args, t.path());
    CAPTURE(args);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Matchers::StartsWith("mcpguard: error: "));
    CHECK(r.out.empty());
  }
}

TEST_CASE("an unknown host id is a usage error naming the known ones", "[e2e][cli]") {
  TempDir t;
  Run r = RunMcpguard({"scan", "--host", "notepad"}, t.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("unknown host 'notepad' (known: claude-desktop, claude-code, cursor"));
}

TEST_CASE("an empty home: nothing found, exit 0", "[e2e][cli]") {
  TempDir t;
  Run r = RunMcpguard({"scan", "--no-cwd"}, t.MakeDir("home"));
  CHECK(r.exit_code == 0);
  CHECK(r.out == "no MCP configuration found\n");
}

TEST_CASE("the text inventory, exactly", "[e2e][cli]") {
  TempDir t;
  t.Write("home/.cursor/mcp.json", R"({
  "mcpServers": {
    "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
               "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "${env:GH_PAT}", "LOG": "debug"}},
    "linear": {"url": "https://mcp.linear.app/sse", "disabled": true}
  }
})");
  Run r = RunMcpguard({"scan", "--no-cwd", "--os", "linux"}, t.Path("home"));
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "Cursor\n"
        "  ~/.cursor/mcp.json  (user)\n"
        "    github  stdio  npx -y @modelcontextprotocol/server-github@2025.4.8\n"
        "                   env: GITHUB_PERSONAL_ACCESS_TOKEN=${env:GH_PAT}, LOG\n"
        "                   credential: env.GITHUB_PERSONAL_ACCESS_TOKEN from ${env:GH_PAT} (environment, not set)\n"
        "                   runs: npm @modelcontextprotocol/server-github@2025.4.8 (pinned) [not installed: npx "
        "downloads it at first launch]\n"
        "    linear  sse    https://mcp.linear.app/sse  (disabled)\n"
        "\n"
        "2 servers in 1 config of 1 host, 1 credential\n");
}

TEST_CASE("the json format is the mcpguard.snapshot/1 document", "[e2e][cli]") {
  TempDir t;
  t.Write("home/.cursor/mcp.json", R"({"mcpServers": {"fs": {"command": "npx", "args": ["-y", "pkg@1.0.0"]}}})");
  Run r = RunMcpguard({"scan", "--no-cwd", "--json"}, t.Path("home"));
  REQUIRE(r.exit_code == 0);
  json j = r.Json();
  CHECK(j["schema"] == "mcpguard.snapshot/1");
  CHECK(j["status"] == "complete");
  CHECK(j["summary"] == json{{"hosts", 1},
                             {"configs", 1},
                             {"servers", 1},
                             {"credentials", 0},
                             {"unreadable_configs", 0},
                             {"findings", {{"critical", 0}, {"high", 0}, {"medium", 0}, {"low", 0}, {"info", 0}}}});
  CHECK(j["findings"] == json::array());
  CHECK(j["homes"] == json::array({t.Path("home")}));
  const json& c = j["configs"][0];
  CHECK(c["path"] == t.Path("home/.cursor/mcp.json"));
  CHECK(c["servers_key"] == "mcpServers");
  CHECK(c["servers"][0]["position"] == json{{"line", 1}, {"column", 17}});
}

TEST_CASE("NO_COLOR and pipes get no escape codes", "[e2e][cli]") {
  TempDir t;
  t.Write("home/.cursor/mcp.json", R"({"mcpServers": {"fs": {"command": "npx"}}})");
  Run r = RunMcpguard({"scan", "--no-cwd"}, t.Path("home"), {{"NO_COLOR", "1"}});
  CHECK(r.out.find('\x1b') == std::string::npos);
}

TEST_CASE("a host filter keeps only that host's files", "[e2e][cli]") {
  TempDir t;
  t.Write("home/.cursor/mcp.json", R"({"mcpServers": {"a": {"command": "x"}}})");
  t.Write("home/.kiro/settings/mcp.json", R"({"mcpServers": {"b": {"command": "y"}}})");
  Run r = RunMcpguard({"scan", "--no-cwd", "--json", "--host", "kiro"}, t.Path("home"));
  json j = r.Json();
  REQUIRE(j["configs"].size() == 1);
  CHECK(j["configs"][0]["host"] == "kiro");
}

TEST_CASE("all-users scans every login account's home under --root", "[e2e][cli]") {
  TempDir t;
  t.Write("root/etc/passwd",
          "root:x:0:0:root:/root:/bin/bash\n"
          "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
          "alice:x:1000:1000::/home/alice:/bin/bash\n"
          "bob:x:1001:1001::/home/bob:/bin/bash\n"
          "nobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n");
  t.Write("root/home/alice/.cursor/mcp.json", R"({"mcpServers": {"a": {"command": "x"}}})");
  t.Write("root/home/bob/.codeium/windsurf/mcp_config.json", R"({"mcpServers": {"b": {"command": "y"}}})");
  t.MakeDir("root/root");
  Run r = RunMcpguard({"scan", "--no-cwd", "--json", "--all-users", "--root", t.Path("root")}, t.MakeDir("me"));
  REQUIRE(r.exit_code == 0);
  json j = r.Json();
  CHECK(j["homes"] == json::array({t.Path("me"), t.Path("root/home/alice"), t.Path("root/home/bob"), t.Path("root/root")}));
  REQUIRE(j["configs"].size() == 2);
  CHECK(j["configs"][0]["path"] == t.Path("root/home/alice/.cursor/mcp.json"));
  CHECK(j["configs"][1]["path"] == t.Path("root/home/bob/.codeium/windsurf/mcp_config.json"));
}

TEST_CASE("hosts lists where each host's files are, marking the ones that exist", "[e2e][cli]") {
  TempDir t;
  t.Write("home/.cursor/mcp.json", "{}");
  Run r = RunMcpguard({"hosts", "--format", "json", "--os", "linux"}, t.Path("home"));
  REQUIRE(r.exit_code == 0);
  json cursor;
  for (const json& h : r.Json()) {
    if (h["id"] == "cursor") cursor = h;
  }
  REQUIRE(cursor["name"] == "Cursor");
  CHECK(cursor["files"][0] ==
        json{{"scope", "user"}, {"format", "jsonc"}, {"path", t.Path("home/.cursor/mcp.json")}, {"exists", true}});
  CHECK(cursor["files"][1] ==
        json{{"scope", "project"}, {"format", "jsonc"}, {"path", "<project>/.cursor/mcp.json"}, {"exists", false}});
  Run text = RunMcpguard({"hosts", "--os", "linux"}, t.Path("home"));
  CHECK_THAT(text.out, Contains("cursor  Cursor\n  * user  " + t.Path("home/.cursor/mcp.json") + "\n"));
}

// Every place a config can carry a secret holds a distinct canary; no output
// format may contain any 8-character piece of any of them.
TEST_CASE("no secret value reaches stdout or stderr", "[e2e][cli][leak]") {
  const std::vector<std::string> canaries = {
      "u8jzPde0IgxLd6Gncf",
      "BAepfJBd0Kh8oOOL8d",
      "KLzdocJ2isAjIhKtJ0",
      "RlgLKOmxgJTeKdNnFR",
      "IBXuDL7DxtpYlSXpfK",
      "tHF4vUCsMehGAkWvj7",
      "FAc9QeWJKY40uvSwMF",
      "ghp_i0B3JrTAwR4y9ojfljoQoaF1LlqsajAIxNKu",
      "R0CsTy4Qwb8DwkNhFd",
      "nXsiVpzz63FfkCzJr4",
  };
  TempDir t;
  t.Write("home/.cursor/mcp.json",
          "{\"mcpServers\": {\n"
          " \"s1\": {\"command\": \"node\", \"args\": [\"--api-key\", \"" + canaries[2] + "\", \"--token=" + canaries[3] +
              "\", \"-e\", \"SECRET_KEY=" + canaries[6] + "\", \"" + canaries[7] + "\"],\n"
          "        \"env\": {\"API_KEY\": \"" + canaries[0] + "\"}},\n"
          " \"s2\": {\"url\": \"https://user:" + canaries[4] + "@mcp.example.com/sse?api_key=" + canaries[5] + "\",\n"
          "        \"headers\": {\"Authorization\": \"Bearer " + canaries[1] + "\"}}\n"
          "}}\n");
  t.Write("home/.codex/config.toml", "[mcp_servers.x]\ncommand = \"x\"\n[mcp_servers.x.env]\nTOKEN = \"" + canaries[8] + "\"\n");
  t.Write("home/.config/goose/config.yaml",
          "extensions:\n  g:\n    type: stdio\n    cmd: g\n    envs:\n      PASS: " + canaries[9] + "\n");
  // A broken file must not echo its content in the diagnostic either.
  t.Write("home/.kiro/settings/mcp.json", "{\"mcpServers\": {\"k\": {\"env\": {\"A\": \"" + canaries[0] + "\" \"x\"}}}}");
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"scan", "--no-cwd"}, {"scan", "--no-cwd", "--format", "json"}, {"hosts"}}) {
    Run r = RunMcpguard(args, t.Path("home"));
    CAPTURE(args);
    REQUIRE(r.exit_code <= 1);
    const std::string all = r.out + r.err;
    for (const std::string& canary : canaries) {
      for (size_t i = 0; i + 8 <= canary.size(); ++i) {
        const std::string piece = canary.substr(i, 8);
        INFO("leaked piece: " << piece);
        CHECK(all.find(piece) == std::string::npos);
      }
    }
  }
}

}  // namespace
}  // namespace mcpguard::test

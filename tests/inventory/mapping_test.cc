#include "inventory/mapping.h"

#include <catch2/catch.hpp>

#include "formats/parse.h"
#include "support/temp_dir.h"

namespace mcpguard::inventory {
namespace {

struct Mapped {
  std::optional<Extracted> ex;
  std::vector<model::Diagnostic> diags;
};

Mapped Map(const std::string& text, rules::FileSpec spec, formats::Format format = formats::Format::kJsonc) {
  static rules::FileSpec keep;  // MapContext holds a pointer
  keep = std::move(spec);
  auto doc = formats::Parse(text, format);
  REQUIRE(doc);
  Mapped m;
  MapContext ctx{&keep, "test-host", "/cfg/file.json", model::Scope::kUser, ""};
  m.ex = ExtractServers(doc->root, ctx, m.diags);
  return m;
}

rules::FileSpec Spec(std::vector<std::string> servers) {
  rules::FileSpec f;
  f.servers = std::move(servers);
  return f;
}

TEST_CASE("a Claude-style stdio server", "[inventory][mapping]") {
  Mapped m = Map(R"({"mcpServers": {"github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                   "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_x"}}}})",
                 Spec({"mcpServers"}));
  REQUIRE(m.ex);
  REQUIRE(m.ex->servers.size() == 1);
  const model::Server& s = m.ex->servers[0];
  CHECK(s.name == "github");
  CHECK(s.transport == model::Transport::kStdio);
  CHECK(s.command == "npx");
  CHECK(s.args == std::vector<std::string>{"-y", "@modelcontextprotocol/server-github"});
  REQUIRE(s.env.size() == 1);
  CHECK(s.env[0].name == "GITHUB_PERSONAL_ACCESS_TOKEN");
  CHECK(s.env[0].reference.empty());
  CHECK(s.pos.line == 1);
  CHECK(s.pos.col == 17);
  CHECK(m.diags.empty());
}

TEST_CASE("OpenCode: command is the whole argv, environment is env, remote is http", "[inventory][mapping]") {
  Mapped m = Map(R"({"mcp": {
    "gh": {"type": "local", "command": ["docker", "run", "-i", "img"], "environment": {"T": "{env:GH}"}, "enabled": false},
    "sentry": {"type": "remote", "url": "https://mcp.sentry.dev/mcp", "oauth": {}}}})",
                 Spec({"mcp"}));
  REQUIRE(m.ex);
  REQUIRE(m.ex->servers.size() == 2);
  const model::Server& gh = m.ex->servers[0];
  CHECK(gh.command == "docker");
  CHECK(gh.args == std::vector<std::string>{"run", "-i", "img"});
  CHECK(gh.env[0].reference == "{env:GH}");
  CHECK(gh.enabled == std::optional<bool>(false));
  const model::Server& sentry = m.ex->servers[1];
  CHECK(sentry.transport == model::Transport::kHttp);
  CHECK(sentry.has_oauth);
}

TEST_CASE("Goose: cmd, envs, env_keys, uri and builtin extensions", "[inventory][mapping]") {
  const std::string yaml =
      "extensions:\n"
      "  developer:\n"
      "    type: builtin\n"
      "    enabled: true\n"
      "  github:\n"
      "    type: stdio\n"
      "    cmd: npx\n"
      "    args: [\"-y\", \"@modelcontextprotocol/server-github\"]\n"
      "    envs: {}\n"
      "    env_keys: [\"GITHUB_PERSONAL_ACCESS_TOKEN\"]\n"
      "    timeout: 300\n"
      "  remote:\n"
      "    type: streamable_http\n"
      "    uri: https://mcp.example.com/mcp\n"
      "    enabled: false\n";
  rules::FileSpec spec = Spec({"extensions"});
  spec.timeout_unit_ms = 1000;
  Mapped m = Map(yaml, spec, formats::Format::kYaml);
  REQUIRE(m.ex);
  REQUIRE(m.ex->servers.size() == 3);
  CHECK(m.ex->servers[0].transport == model::Transport::kBuiltin);
  const model::Server& gh = m.ex->servers[1];
  CHECK(gh.command == "npx");
  CHECK(gh.env_passthrough == std::vector<std::string>{"GITHUB_PERSONAL_ACCESS_TOKEN"});
  CHECK(gh.timeout_ms == std::optional<int64_t>(300000));
  CHECK(gh.pos.line == 5);
  CHECK(m.ex->servers[2].url == "https://mcp.example.com/mcp");
  CHECK(m.ex->servers[2].transport == model::Transport::kHttp);
  CHECK(m.ex->servers[2].enabled == std::optional<bool>(false));
}

TEST_CASE("Zed: the 2024 command object and an extension-provided server", "[inventory][mapping]") {
  Mapped m = Map(R"({"context_servers": {
      "legacy": {"command": {"path": "uvx", "args": ["mcp-server-fetch"], "env": {"A": "1"}}, "settings": {}},
      "ext": {"source": "extension", "settings": {"k": 1}}}})",
                 Spec({"context_servers"}));
  REQUIRE(m.ex);
  REQUIRE(m.ex->servers.size() == 2);
  CHECK(m.ex->servers[0].command == "uvx");
  CHECK(m.ex->servers[0].args == std::vector<std::string>{"mcp-server-fetch"});
  CHECK(m.ex->servers[0].env.size() == 1);
  CHECK(m.ex->servers[1].transport == model::Transport::kBuiltin);
  CHECK(m.ex->servers[1].transport_declared == "extension");
}

TEST_CASE("Gemini: httpUrl is streamable HTTP, a bare url follows the host default", "[inventory][mapping]") {
  rules::FileSpec spec = Spec({"mcpServers"});
  spec.url_transport = "sse";
  Mapped m = Map(R"({"mcpServers": {"a": {"httpUrl": "https://x/mcp"}, "b": {"url": "https://y/events"},
                  "c": {"url": "https://z/mcp", "type": "http"}, "d": {"tcp": "localhost:9000"}}})",
                 spec);
  REQUIRE(m.ex);
  CHECK(m.ex->servers[0].transport == model::Transport::kHttp);
  CHECK(m.ex->servers[1].transport == model::Transport::kSse);
  CHECK(m.ex->servers[2].transport == model::Transport::kHttp);
  CHECK(m.ex->servers[3].transport == model::Transport::kWs);
}

TEST_CASE("Codex: header values named by env var, bearer token env var", "[inventory][mapping]") {
  const std::string toml =
      "[mcp_servers.github]\n"
      "url = \"https://api.githubcopilot.com/mcp/\"\n"
      "bearer_token_env_var = \"GITHUB_PAT\"\n"
      "env_http_headers = { \"X-Team\" = \"TEAM_ID\" }\n"
      "startup_timeout_sec = 20\n";
  Mapped m = Map(toml, Spec({"mcp_servers"}), formats::Format::kToml);
  REQUIRE(m.ex);
  const model::Server& s = m.ex->servers[0];
  CHECK(s.bearer_token_env_var == "GITHUB_PAT");
  REQUIRE(s.headers.size() == 1);
  CHECK(s.headers[0].name == "X-Team");
  CHECK(s.headers[0].reference == "$TEAM_ID");
  CHECK(s.timeout_ms == std::optional<int64_t>(20000));
  CHECK(s.transport == model::Transport::kHttp);
}

TEST_CASE("Continue: a list of servers with names", "[inventory][mapping]") {
  const std::string yaml =
      "mcpServers:\n"
      "  - name: sqlite\n"
      "    type: stdio\n"
      "    command: npx\n"
      "    args: [\"-y\", \"mcp-sqlite\", \"${{ secrets.DB_PATH }}\"]\n"
      "  - command: uvx\n";
  Mapped m = Map(yaml, Spec({"mcpServers"}), formats::Format::kYaml);
  REQUIRE(m.ex);
  REQUIRE(m.ex->servers.size() == 2);
  CHECK(m.ex->servers[0].name == "sqlite");
  REQUIRE(m.ex->servers[0].interpolations.size() == 1);
  CHECK(m.ex->servers[0].interpolations[0].kind == "secret");
  CHECK(m.ex->servers[1].name == "server-2");
  REQUIRE(m.diags.size() == 1);
  CHECK(m.diags[0].message == "server without a \"name\"; listed as \"server-2\"");
}

TEST_CASE("wrong types are warnings at their position; the rest is kept", "[inventory][mapping]") {
  Mapped m = Map("{\"mcpServers\": {\"x\": {\"command\": \"node\",\n \"args\": \"server.js\", \"env\": [1]}}}",
                 Spec({"mcpServers"}));
  REQUIRE(m.ex);
  CHECK(m.ex->servers[0].command == "node");
  REQUIRE(m.diags.size() == 2);
  CHECK(m.diags[0].message == "\"args\" should be an array of strings");
  CHECK(m.diags[0].pos.line == 2);
  CHECK(m.diags[0].pos.col == 10);
  CHECK(m.diags[1].message == "env should be an object of names and values");
}

TEST_CASE("a dotted key path finds nested and literal dotted keys", "[inventory][mapping]") {
  auto doc = formats::Parse(R"({"mcp": {"servers": {"a": 1}}, "augment.advanced.mcpServers": [2]})", formats::Format::kJsonc);
  REQUIRE(doc);
  REQUIRE(FindPath(doc->root, "mcp.servers") != nullptr);
  CHECK(FindPath(doc->root, "mcp.servers")->IsObject());
  REQUIRE(FindPath(doc->root, "augment.advanced.mcpServers") != nullptr);
  CHECK(FindPath(doc->root, "augment.advanced.mcpServers")->IsArray());
  CHECK(FindPath(doc->root, "mcp.nope") == nullptr);
}

TEST_CASE("Claude Code local servers come from projects.<path>.mcpServers", "[inventory][mapping]") {
  rules::FileSpec spec = Spec({"mcpServers"});
  spec.nested = "projects";
  spec.nested_servers = "mcpServers";
  spec.nested_disabled = "disabledMcpServers";
  spec.optional = true;
  Mapped m = Map(R"({"projects": {"/home/a/shop": {"disabledMcpServers": ["stripe"], "mcpServers": {
      "stripe": {"type": "http", "url": "https://mcp.stripe.com"}}}, "/home/a/empty": {"mcpServers": {}}}})",
                 spec);
  REQUIRE(m.ex);
  REQUIRE(m.ex->servers.size() == 1);
  CHECK(m.ex->servers[0].scope == model::Scope::kLocal);
  CHECK(m.ex->servers[0].project == "/home/a/shop");
  CHECK(m.ex->servers[0].enabled == std::optional<bool>(false));
  CHECK(m.ex->disabled_in_project.at("/home/a/shop") == std::vector<std::string>{"stripe"});
}

TEST_CASE("no servers key: nothing extracted", "[inventory][mapping]") {
  Mapped m = Map(R"({"theme": "dark"})", Spec({"mcpServers"}));
  CHECK_FALSE(m.ex);
}

}  // namespace
}  // namespace mcpguard::inventory

namespace mcpguard::inventory {
namespace {

// tests/fuzz/regressions/mapping/timeout-out-of-int64-range.json, without
// the byte that picks the host: timeouts of 1e400 (read as infinity) and
// 1e300 seconds. Converting those to int64 milliseconds was undefined
// behaviour (UBSan: float-cast-overflow); now each is a warning at the value
// and the server has no timeout.
TEST_CASE("a timeout out of int64 range is a warning, not a number", "[inventory][mapping][fuzz]") {
  const std::string text =
      test::ReadFile(std::string(MCPGUARD_SOURCE_DIR) + "/tests/fuzz/regressions/mapping/timeout-out-of-int64-range.json")
          .substr(1);
  Mapped m = Map(text, Spec({"mcpServers"}), formats::Format::kJson);
  REQUIRE(m.ex);
  REQUIRE(m.ex->servers.size() == 2);
  CHECK_FALSE(m.ex->servers[0].timeout_ms);
  CHECK_FALSE(m.ex->servers[1].timeout_ms);
  REQUIRE(m.diags.size() == 2);
  CHECK(m.diags[0].message == "\"timeout\" is out of range");
  CHECK(m.diags[0].pos.col == 50);
  CHECK(m.diags[1].message == "\"startup_timeout_sec\" is out of range");
}

TEST_CASE("timeouts in range still convert, in each key's unit", "[inventory][mapping]") {
  Mapped m = Map(R"({"mcpServers": {"a": {"command": "x", "timeout": "soon", "startup_timeout_sec": 2.5},
                                    "b": {"command": "y", "connectionTimeout": -1}}})",
                 Spec({"mcpServers"}));
  REQUIRE(m.ex);
  CHECK(m.ex->servers[0].timeout_ms == std::optional<int64_t>(2500));
  CHECK(m.ex->servers[1].timeout_ms == std::optional<int64_t>(-1));
  REQUIRE(m.diags.size() == 1);
  CHECK(m.diags[0].message == "\"timeout\" should be a number");
}

}  // namespace
}  // namespace mcpguard::inventory

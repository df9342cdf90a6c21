// End-to-end: one fake home per host, laid out from real-world configs
// (../shared/fixtures/realworld) or hand-written ones, scanned by the built
// binary; the exact servers found are asserted. Expected values are read off
// the input files (and shared/docs/hosts.md), never off mcpguard's output.
#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

using nlohmann::json;
using Lines = std::vector<std::string>;

// ------------------------------------------------------------------ helpers

struct ScanArgs {
  std::vector<std::string> flags;             // more flags: --deep DIR
  std::map<std::string, std::string> env;     // more environment: XDG_CONFIG_HOME, CODEX_HOME, ...
  std::string cwd;                            // run from here (the cwd rule); empty: --no-cwd
};

ScanArgs WithEnv(std::map<std::string, std::string> env) {
  ScanArgs a;
  a.env = std::move(env);
  return a;
}

ScanArgs WithFlags(std::vector<std::string> flags) {
  ScanArgs a;
  a.flags = std::move(flags);
  return a;
}

ScanArgs FromDir(std::string cwd) {
  ScanArgs a;
  a.cwd = std::move(cwd);
  return a;
}

// `mcpguard scan --format json --os linux` of the fake machine in `t`: HOME is
// <t>/home and system paths (/etc/...) live under --root <t>/root, so the real
// machine is never read.
json Scan(const TempDir& t, const ScanArgs& a = {}) {
  t.MakeDir("home");
  t.MakeDir("root");
  std::vector<std::string> args{"scan", "--format", "json", "--os", "linux", "--root", t.Path("root")};
  if (a.cwd.empty()) args.push_back("--no-cwd");
  args.insert(args.end(), a.flags.begin(), a.flags.end());
  const Run r = RunMcpguard(args, t.Path("home"), a.env, a.cwd);
  INFO("stderr: " << r.err);
  // 1 may also mean security findings (these fixtures hold literal secrets);
  // what matters here is that every config was read.
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  json snap = r.Json();
  CHECK(snap.at("status") == "complete");
  return snap;
}

// The servers found in `snapshot`, as "host scope name transport" lines, sorted.
Lines ServerLines(const json& snapshot) {
  Lines out;
  for (const json& c : snapshot.at("configs")) {
    for (const json& s : c.at("servers")) {
      out.push_back(s.at("host").get<std::string>() + " " + s.at("scope").get<std::string>() + " " +
                    s.at("name").get<std::string>() + " " + s.at("transport").get<std::string>());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Lines Sorted(Lines lines) {
  std::sort(lines.begin(), lines.end());
  return lines;
}

// The paths of the config files found, sorted.
Lines ConfigPaths(const json& snapshot) {
  Lines out;
  for (const json& c : snapshot.at("configs")) out.push_back(c.at("path").get<std::string>());
  std::sort(out.begin(), out.end());
  return out;
}

// The one server `name` of `host` (in `scope`, when given).
json FindServer(const json& snapshot, std::string_view host, std::string_view name, std::string_view scope = {}) {
  std::vector<json> hits;
  for (const json& c : snapshot.at("configs")) {
    for (const json& s : c.at("servers")) {
      if (s.at("host").get<std::string>() == host && s.at("name").get<std::string>() == name &&
          (scope.empty() || s.at("scope").get<std::string>() == scope)) {
        hits.push_back(s);
      }
    }
  }
  INFO("server " << host << " " << name << " " << scope << " in " << snapshot.at("configs").dump());
  REQUIRE(hits.size() == 1);
  return hits.front();
}

// The one config entry for `path`.
json FindConfig(const json& snapshot, const std::string& path) {
  std::vector<json> hits;
  for (const json& c : snapshot.at("configs")) {
    if (c.at("path") == path) hits.push_back(c);
  }
  INFO("config " << path << " in " << ConfigPaths(snapshot).size() << " configs");
  REQUIRE(hits.size() == 1);
  return hits.front();
}

// The "name" of each entry of server[key] (env, headers): never their values.
Lines Names(const json& server, const char* key) {
  Lines out;
  for (const json& e : server.value(key, json::array())) out.push_back(e.at("name").get<std::string>());
  return out;
}

json Args(const json& server) { return server.value("args", json::array()); }

// `text` with every `token` replaced by `value`.
std::string With(std::string text, std::string_view token, const std::string& value) {
  for (size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size())) {
    text.replace(at, token.size(), value);
  }
  return text;
}

// ~/.claude.json remembering `roots` as Claude Code projects (no servers of its own).
void RememberProjects(const TempDir& t, const Lines& roots) {
  json projects = json::object();
  for (const std::string& r : roots) projects[r] = {{"hasTrustDialogAccepted", true}};
  t.Write("home/.claude.json", json{{"numStartups", 3}, {"projects", projects}}.dump(2));
}

// ------------------------------------------------------- every host, minimal
//
// One small config per catalog host (hand-written from the examples in
// hosts.md), each with distinct server names: every host is found on its own,
// and all of them together in one home without one host taking another's file.

struct FieldCheck {
  std::string server;
  std::string field;
  json want;
};

struct HostCase {
  std::string host;
  std::vector<std::pair<std::string, std::string>> files;  // path under the temp dir ("home/…", "proj/…"), text
  Lines servers;                                           // ServerLines, sorted
  std::vector<FieldCheck> checks;
};

std::vector<HostCase> HostCases() {
  return {
      {"claude-desktop",
       {{"home/.config/Claude/claude_desktop_config.json", R"({
  "mcpServers": {
    "desktop-github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_REDACTED" }
    }
  },
  "preferences": { "quickEntryShortcut": "off" }
})"}},
       {"claude-desktop user desktop-github stdio"},
       {{"desktop-github", "command", "npx"}}},
      {"claude-code",
       {{"proj/.mcp.json", R"({
  "mcpServers": {
    "code-db": { "command": "npx", "args": ["-y", "@bytebase/dbhub", "--dsn",
      "${DATABASE_URL:-postgres://localhost/dev}"] },
    "code-corp": { "type": "http", "url": "https://mcp.corp.example/mcp",
      "headersHelper": "/opt/bin/mcp-auth-headers.sh" }
  }
})"}},
       {"claude-code project code-corp http", "claude-code project code-db stdio"},
       {{"code-corp", "headers_helper", true}, {"code-db", "command", "npx"}}},
      {"cursor",
       {{"home/.cursor/mcp.json", R"({
  "mcpServers": {
    "cursor-linear": { "url": "https://mcp.linear.app/sse" },
    "cursor-pg": {
      "command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres", "${env:DATABASE_URL}"],
      "env": { "PGSSLMODE": "require" }
    }
  }
})"}},
       {"cursor user cursor-linear sse", "cursor user cursor-pg stdio"},
       {{"cursor-pg", "args", {"-y", "@modelcontextprotocol/server-postgres", "${env:DATABASE_URL}"}},
        {"cursor-linear", "url", "https://mcp.linear.app/sse"}}},
      {"vscode",
       {{"home/.config/Code/User/mcp.json", R"({
  "inputs": [
    { "type": "promptString", "id": "gh-token", "description": "GitHub PAT", "password": true }
  ],
  "servers": {
    "vscode-github": {
      "type": "http",
      "url": "https://api.githubcopilot.com/mcp/",
      "headers": { "Authorization": "Bearer ${input:gh-token}" }
    },
    "vscode-fs": { "type": "stdio", "command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-filesystem", "${workspaceFolder}"] }, // trailing comma OK
  }
})"}},
       {"vscode user vscode-fs stdio", "vscode user vscode-github http"},
       {{"vscode-github", "url", "https://api.githubcopilot.com/mcp/"},
        {"vscode-fs", "args", {"-y", "@modelcontextprotocol/server-filesystem", "${workspaceFolder}"}}}},
      {"vscode-insiders",
       {{"home/.config/Code - Insiders/User/mcp.json",
         R"({ "servers": { "insiders-fetch": { "command": "uvx", "args": ["mcp-server-fetch"] } } })"}},
       {"vscode-insiders user insiders-fetch stdio"},
       {{"insiders-fetch", "command", "uvx"}}},
      {"visual-studio",
       {{"proj/.vs/mcp.json",
         R"({
  "inputs": [], "servers": { "vs-nuget": { "type": "stdio", "command": "dnx", "args": ["NuGet.Mcp.Server", "--yes"] } }
})"}},
       {"visual-studio project vs-nuget stdio"},
       {{"vs-nuget", "command", "dnx"}, {"vs-nuget", "args", {"NuGet.Mcp.Server", "--yes"}}}},
      {"copilot-cli",
       {{"home/.copilot/mcp-config.json", R"({
  "mcpServers": {
    "copilot-playwright": { "type": "local", "command": "npx", "args": ["@playwright/mcp@latest"], "tools": ["*"] }
  }
})"}},
       {"copilot-cli user copilot-playwright stdio"},
       {{"copilot-playwright", "args", {"@playwright/mcp@latest"}}}},
      {"copilot-jetbrains",
       {{"home/.config/github-copilot/intellij/mcp.json", R"({
  "servers": {
    "jb-copilot-github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" },
    "jb-copilot-fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/work"] }
  }
})"}},
       {"copilot-jetbrains user jb-copilot-fs stdio", "copilot-jetbrains user jb-copilot-github http"},
       {{"jb-copilot-github", "url", "https://api.githubcopilot.com/mcp/"}}},
      {"windsurf",
       {{"home/.codeium/windsurf/mcp_config.json", R"({
  "mcpServers": {
    "windsurf-github": { "command": "docker", "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN",
      "ghcr.io/github/github-mcp-server"],
                "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${env:GH_PAT}" } },
    "windsurf-figma": { "serverUrl": "https://mcp.figma.com/mcp",
      "headers": { "Authorization": "Bearer ${file:/home/alice/.figma-token}" } }
  }
})"}},
       {"windsurf user windsurf-figma http", "windsurf user windsurf-github stdio"},
       {{"windsurf-figma", "url", "https://mcp.figma.com/mcp"}, {"windsurf-github", "command", "docker"}}},
      {"zed",
       {{"home/.config/zed/settings.json", R"(// Zed settings
{
  "theme": "One Dark",
  "context_servers": {
    "zed-postgres": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres",
      "postgres://localhost/dev"], "env": {} }
  }
})"}},
       {"zed user zed-postgres stdio"},
       {{"zed-postgres", "command", "npx"}}},
      {"cline",
       {{"home/.cline/data/settings/cline_mcp_settings.json", R"({
  "mcpServers": {
    "cline-brave": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-brave-search"],
               "env": { "BRAVE_API_KEY": "REDACTED" }, "disabled": false, "autoApprove": [], "timeout": 60,
                 "type": "stdio" }
  }
})"}},
       {"cline user cline-brave stdio"},
       {{"cline-brave", "timeout_ms", 60000}, {"cline-brave", "enabled", true}}},
      {"roo",
       {{"proj/.roo/mcp.json", R"({
  "mcpServers": {
    "roo-docs": { "type": "streamable-http", "url": "https://docs.example.com/mcp",
      "headers": { "X-API-Key": "REDACTED" } }
  }
})"}},
       {"roo project roo-docs http"},
       {{"roo-docs", "url", "https://docs.example.com/mcp"}}},
      {"kilo",
       {{"proj/.kilocode/mcp.json", R"({
  "mcpServers": {
    "kilo-fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "."], "timeout": 30,
      "disabled": true }
  }
})"}},
       {"kilo project kilo-fs stdio"},
       {{"kilo-fs", "enabled", false}, {"kilo-fs", "timeout_ms", 30000}}},
      {"continue",
       {{"home/.continue/config.yaml", R"(name: Local Assistant
version: 1.0.0
schema: v1
mcpServers:
  - name: continue-sqlite
    type: stdio
    command: npx
    args: ["-y", "mcp-sqlite", "/tmp/db.sqlite"]
)"}},
       {"continue user continue-sqlite stdio"},
       {{"continue-sqlite", "args", {"-y", "mcp-sqlite", "/tmp/db.sqlite"}}}},
      {"gemini-cli",
       {{"home/.gemini/settings.json", R"({
  "theme": "GitHub",
  "mcpServers": {
    "gemini-github": { "httpUrl": "https://api.githubcopilot.com/mcp/",
                "headers": { "Authorization": "Bearer $GITHUB_MCP_PAT" }, "timeout": 5000 },
    "gemini-local": { "command": "python", "args": ["-m", "my_server"], "cwd": "./tools",
               "env": { "API_KEY": "${MY_API_KEY:-changeme}" }, "trust": false, "excludeTools": ["delete_all"] }
  },
  "mcp": { "allowed": ["gemini-github", "gemini-local"] }
})"}},
       {"gemini-cli user gemini-github http", "gemini-cli user gemini-local stdio"},
       {{"gemini-github", "timeout_ms", 5000}, {"gemini-local", "cwd", "./tools"}}},
      {"qwen-code",
       {{"home/.qwen/settings.json", R"({
  "mcpServers": { "qwen-remote": { "url": "https://qwen.example.com/mcp" } }
})"}},
       {"qwen-code user qwen-remote sse"},  // Gemini CLI schema: a bare "url" is SSE
       {{"qwen-remote", "url", "https://qwen.example.com/mcp"}}},
      {"antigravity",
       {{"home/.gemini/antigravity/mcp_config.json",
         R"({ "mcpServers": { "antigravity-remote": { "serverUrl": "https://ag.example.com/mcp" } } })"}},
       {"antigravity user antigravity-remote http"},
       {{"antigravity-remote", "url", "https://ag.example.com/mcp"}}},
      {"codex",
       {{"home/.codex/config.toml", R"([mcp_servers.codex-github]
url = "https://api.githubcopilot.com/mcp/"
bearer_token_env_var = "GITHUB_PAT"
enabled_tools = ["get_issue", "list_pull_requests"]

[mcp_servers.codex-postgres]
command = "npx"
args = ["-y", "@modelcontextprotocol/server-postgres", "postgresql://localhost/dev"]
startup_timeout_sec = 20

[mcp_servers.codex-postgres.env]
PGPASSWORD = "REDACTED"
)"}},
       {"codex user codex-github http", "codex user codex-postgres stdio"},
       {{"codex-github", "bearer_token_env_var", "GITHUB_PAT"}, {"codex-postgres", "timeout_ms", 20000}}},
      {"goose",
       {{"home/.config/goose/config.yaml", R"(extensions:
  goose-github:
    type: stdio
    name: goose-github
    cmd: npx
    args: ["-y", "@modelcontextprotocol/server-github"]
    envs: {}
    env_keys: ["GITHUB_PERSONAL_ACCESS_TOKEN"]
    enabled: true
    timeout: 300
GOOSE_PROVIDER: anthropic
)"}},
       {"goose user goose-github stdio"},
       {{"goose-github", "command", "npx"}, {"goose-github", "env_passthrough", {"GITHUB_PERSONAL_ACCESS_TOKEN"}}}},
      {"amazon-q",
       {{"home/.aws/amazonq/mcp.json", R"({
  "mcpServers": { "q-aws-docs": { "command": "uvx", "args": ["awslabs.aws-documentation-mcp-server@latest"],
                                  "env": { "FASTMCP_LOG_LEVEL": "ERROR" }, "timeout": 120000 } }
})"}},
       {"amazon-q user q-aws-docs stdio"},
       {{"q-aws-docs", "timeout_ms", 120000}}},
      {"kiro",
       {{"home/.kiro/settings/mcp.json", R"({
  "mcpServers": {
    "kiro-fetch": { "command": "uvx", "args": ["mcp-server-fetch"], "env": {}, "disabled": false,
      "autoApprove": ["fetch"] },
    "kiro-jira": { "url": "https://mcp.atlassian.com/v1/sse",
      "headers": { "Authorization": "Bearer ${JIRA_TOKEN}" }, "disabledTools": ["delete_issue"] }
  }
})"}},
       {"kiro user kiro-fetch stdio", "kiro user kiro-jira sse"},
       {{"kiro-fetch", "auto_approve", {"fetch"}}, {"kiro-jira", "url", "https://mcp.atlassian.com/v1/sse"}}},
      {"lm-studio",
       {{"home/.lmstudio/mcp.json",
         R"({
  "mcpServers": { "lmstudio-hf": { "url": "https://huggingface.co/mcp",
    "headers": { "Authorization": "Bearer hf_REDACTED" } } }
})"}},
       {"lm-studio user lmstudio-hf http"},
       {{"lmstudio-hf", "url", "https://huggingface.co/mcp"}}},
      {"jetbrains-ai",
       {{"home/.ai/mcp/mcp.json",
         R"({
  "mcpServers": { "jb-ai-proxy": { "command": "npx", "args": ["-y", "@jetbrains/mcp-proxy"],
    "env": { "IDE_PORT": "63342" } } }
})"},
        {"proj/.ai/mcp/mcp.json", R"({ "mcpServers": { "jb-ai-project": { "url": "https://jb.example.com/mcp" } } })"}},
       {"jetbrains-ai project jb-ai-project http", "jetbrains-ai user jb-ai-proxy stdio"},
       {{"jb-ai-proxy", "args", {"-y", "@jetbrains/mcp-proxy"}}}},
      {"junie",
       {{"home/.junie/mcp/mcp.json", R"({
  "mcpServers": { "junie-fetch": { "command": "uvx", "args": ["mcp-server-fetch"] } }
})"},
        {"proj/.junie/mcp/mcp.json", R"({
  "mcpServers": { "junie-remote": { "url": "https://junie.example.com/sse" } }
})"}},
       {"junie project junie-remote sse", "junie user junie-fetch stdio"},
       {{"junie-fetch", "command", "uvx"}}},
      {"opencode",
       {{"proj/opencode.json", R"({
  "$schema": "https://opencode.ai/config.json",
  "mcp": {
    "opencode-github": { "type": "local", "command": ["docker", "run", "-i", "--rm", "-e",
      "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"],
                "environment": { "GITHUB_PERSONAL_ACCESS_TOKEN": "{env:GITHUB_TOKEN}" }, "enabled": true },
    "opencode-sentry": { "type": "remote", "url": "https://mcp.sentry.dev/mcp", "oauth": {} }
  }
})"}},
       {"opencode project opencode-github stdio", "opencode project opencode-sentry http"},
       {{"opencode-github", "command", "docker"}, {"opencode-sentry", "oauth", true}}},
      {"warp",
       {{"home/.warp/.mcp.json", R"({ "mcpServers": { "warp-linear": { "url": "https://mcp.linear.app/sse" } } })"},
        {"proj/.warp/.mcp.json", R"({
  "mcpServers": { "warp-local": { "command": "npx", "args": ["-y", "warp-mcp"] } }
})"}},
       {"warp project warp-local stdio", "warp user warp-linear sse"},
       {{"warp-linear", "url", "https://mcp.linear.app/sse"}}},
      {"augment",
       {{"home/.augment/settings.json",
         R"({ "mcpServers": { "augment-linear": { "type": "sse", "url": "https://mcp.linear.app/sse" } } })"}},
       {"augment user augment-linear sse"},
       {{"augment-linear", "url", "https://mcp.linear.app/sse"}}},
      {"trae",
       {{"home/.config/trae/mcp.json",
         R"({
  "mcpServers": { "trae-fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "."] } }
})"},
        {"proj/.trae/mcp.json", R"({ "mcpServers": { "trae-remote": { "url": "https://trae.example.com/mcp" } } })"}},
       {"trae project trae-remote http", "trae user trae-fs stdio"},
       {{"trae-fs", "command", "npx"}}},
  };
}

// Lays out `c`'s files, with <t>/proj remembered as a Claude Code project.
void LayOut(const TempDir& t, const HostCase& c) {
  for (const auto& [path, text] : c.files) t.Write(path, text);
  t.MakeDir("proj");
  RememberProjects(t, {t.Path("proj")});
}

TEST_CASE("every host in the catalog has a case here", "[e2e][hosts]") {
  TempDir t;
  const Run r = RunMcpguard({"hosts", "--format", "json", "--os", "linux"}, t.MakeDir("home"));
  REQUIRE(r.exit_code == 0);
  Lines catalog;
  for (const json& h : r.Json()) catalog.push_back(h.at("id").get<std::string>());
  Lines covered;
  for (const HostCase& c : HostCases()) covered.push_back(c.host);
  CHECK(catalog.size() == 28);
  CHECK(Sorted(covered) == Sorted(catalog));
}

TEST_CASE("each host alone: its servers, exactly, and a few fields", "[e2e][hosts]") {
  const HostCase c = GENERATE(from_range(HostCases()));
  CAPTURE(c.host);
  TempDir t;
  LayOut(t, c);
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == c.servers);
  for (const json& config : snap.at("configs")) {
    CHECK(config.at("host") == c.host);
    CHECK(config.at("status") == "ok");
    CHECK(config.at("diagnostics").empty());
  }
  for (const FieldCheck& f : c.checks) {
    CAPTURE(f.server, f.field);
    CHECK(FindServer(snap, c.host, f.server).value(f.field, json()) == f.want);
  }
}

TEST_CASE("all hosts in one home: every file goes to its own host", "[e2e][hosts]") {
  TempDir t;
  Lines want;
  for (const HostCase& c : HostCases()) {
    LayOut(t, c);
    want.insert(want.end(), c.servers.begin(), c.servers.end());
  }
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Sorted(want));
  CHECK(snap.at("summary").at("hosts") == 28);
  CHECK(snap.at("status") == "complete");
}

// ------------------------------------------------------------ Claude Desktop

TEST_CASE("claude desktop: the real-world config in ~/.config/Claude", "[e2e][hosts]") {
  TempDir t;
  const std::string path = t.Copy(RealWorld("AbuMareBear__dotfiles__claude_desktop_config.json"),
                                  "home/.config/Claude/claude_desktop_config.json");
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"claude-desktop user filesystem stdio"});
  const json s = FindServer(snap, "claude-desktop", "filesystem");
  CHECK(s["command"] == "/Users/abdullahhashim/.asdf/shims/npx");
  CHECK(Args(s) == json::array({"-y", "@modelcontextprotocol/server-filesystem", "/Users/abdullahhashim"}));
  CHECK(s["enabled"].is_null());  // the file says nothing either way
  const json c = FindConfig(snap, path);
  CHECK(c["servers_key"] == "mcpServers");
  CHECK(c["format"] == "json");
  CHECK(c["diagnostics"].empty());  // "preferences" is not an MCP key
}

TEST_CASE("claude desktop: one server per installed extension manifest", "[e2e][hosts]") {
  TempDir t;
  const std::string dir = "home/.config/Claude/Claude Extensions/";
  t.Write(dir + "ant.dir.gh-filesystem/manifest.json", R"({
  "manifest_version": "0.3",
  "name": "filesystem",
  "version": "0.2.0",
  "server": {
    "type": "node",
    "entry_point": "server/index.js",
    "mcp_config": {
      "command": "node",
      "args": ["${__dirname}/server/index.js", "${user_config.allowed_directories}"],
      "env": { "FS_API_KEY": "${user_config.api_key}" }
    }
  },
  "user_config": { "api_key": { "type": "string", "sensitive": true } }
})");
  t.Write(dir + "local.mcpb.acme.weather/manifest.json", R"({
  "manifest_version": "0.2",
  "name": "weather",
  "server": { "type": "python", "entry_point": "main.py",
              "mcp_config": { "command": "python3", "args": ["${__dirname}/main.py"] } }
})");
  // Per-extension settings (user_config values) are not server definitions.
  t.Write("home/.config/Claude/Claude Extensions Settings/ant.dir.gh-filesystem.json",
          R"({ "isEnabled": true, "userConfig": { "api_key": "sk-live-not-a-server" } })");
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"claude-desktop extension ant.dir.gh-filesystem stdio",
                                   "claude-desktop extension local.mcpb.acme.weather stdio"});
  const json fs = FindServer(snap, "claude-desktop", "ant.dir.gh-filesystem");
  CHECK(fs["command"] == "node");
  CHECK(Args(fs) == json::array({"${__dirname}/server/index.js", "${user_config.allowed_directories}"}));
  CHECK(Names(fs, "env") == Lines{"FS_API_KEY"});
  CHECK(fs["env"][0]["reference"] == "${user_config.api_key}");
  CHECK(FindServer(snap, "claude-desktop", "local.mcpb.acme.weather")["command"] == "python3");
  const json c = FindConfig(snap, t.Path(dir + "ant.dir.gh-filesystem/manifest.json"));
  CHECK(c["servers_key"] == "server.mcp_config");
  CHECK(c["scope"] == "extension");
  CHECK(snap["configs"].size() == 2);
}

// --------------------------------------------------------------- Claude Code

TEST_CASE("claude code: user and local scopes in ~/.claude.json, .mcp.json of a remembered project",
          "[e2e][hosts]") {
  TempDir t;
  const std::string proj = t.MakeDir("src/shop");
  t.Copy(RealWorld("012090120901209__ahk-mcp__.mcp.json"), "src/shop/.mcp.json");
  t.Write("home/.claude.json", With(With(R"({
  "numStartups": 42,
  "mcpServers": {
    "sentry": { "type": "http", "url": "https://mcp.sentry.dev/mcp" }
  },
  "projects": {
    "@PROJ@": {
      "hasTrustDialogAccepted": true,
      "disabledMcpServers": ["stripe"],
      "mcpServers": {
        "stripe": { "type": "http", "url": "https://mcp.stripe.com",
                    "headers": { "Authorization": "Bearer ${STRIPE_KEY}" } },
        "db": { "command": "npx", "args": ["-y", "@bytebase/dbhub"] }
      }
    },
    "@GONE@": { "mcpServers": {} }
  }
})",
                                         "@PROJ@", proj),
                                    "@GONE@", t.Path("src/gone")));  // a project that no longer exists
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"claude-code local db stdio", "claude-code local stripe http",
                                   "claude-code project ahk stdio", "claude-code user sentry http"});
  const json sentry = FindServer(snap, "claude-code", "sentry");
  CHECK(sentry["url"] == "https://mcp.sentry.dev/mcp");
  CHECK(sentry.count("project") == 0);
  const json stripe = FindServer(snap, "claude-code", "stripe");
  CHECK(stripe["project"] == proj);
  CHECK(stripe["enabled"] == false);  // projects[proj].disabledMcpServers
  CHECK(Names(stripe, "headers") == Lines{"Authorization"});
  CHECK(FindServer(snap, "claude-code", "db")["enabled"].is_null());
  const json ahk = FindServer(snap, "claude-code", "ahk");
  CHECK(ahk["command"] == "C:\\Program Files\\nodejs\\node.exe");
  CHECK(Args(ahk) == json::array({"C:\\path\\to\\ahk-mcp\\dist\\index.js"}));
  CHECK(Names(ahk, "env") == Lines{"NODE_ENV", "AHK_MCP_DATA_MODE", "AHK_MCP_LIGHT", "AHK_MCP_SCRIPT_DIR"});
  CHECK(ahk["auto_approve"] == json::array({"AHK_File_Edit"}));  // Cline's "alwaysAllow", kept
  CHECK(ahk["project"] == proj);
  const json project = FindConfig(snap, proj + "/.mcp.json");
  CHECK(project["found_by"] == "project-list");
  CHECK(project["servers_key"] == "mcpServers");
  CHECK(project["also_read_by"] == json::array({"copilot-cli"}));  // Copilot CLI reads .mcp.json too
  const json user = FindConfig(snap, t.Path("home/.claude.json"));
  CHECK(user["scope"] == "user");
  CHECK(user["servers_key"] == "mcpServers");
}

TEST_CASE("claude code: managed-mcp.json under --root", "[e2e][hosts]") {
  TempDir t;
  t.Write("root/etc/claude-code/managed-mcp.json", R"({
  "mcpServers": {
    "corp": { "type": "http", "url": "https://mcp.corp.example/mcp", "headersHelper": "/opt/bin/mcp-auth-headers.sh" },
    "audit": { "command": "/opt/corp/bin/audit-mcp", "args": ["--readonly"] }
  }
})");
  // A managed file in the home's own /etc look-alike is not the system one.
  t.Write("home/etc/claude-code/managed-mcp.json", R"({ "mcpServers": { "decoy": { "command": "x" } } })");
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"claude-code managed audit stdio", "claude-code managed corp http"});
  CHECK(FindServer(snap, "claude-code", "corp")["headers_helper"] == true);
  CHECK(Args(FindServer(snap, "claude-code", "audit")) == json::array({"--readonly"}));
  CHECK(ConfigPaths(snap) == Lines{t.Path("root/etc/claude-code/managed-mcp.json")});
}

TEST_CASE("claude code: CLAUDE_CONFIG_DIR/.claude.json and its projects", "[e2e][hosts]") {
  TempDir t;
  const std::string proj = t.MakeDir("work/memvid");
  t.Copy(RealWorld("0xGosu__memvid-sdk__.mcp.json"), "work/memvid/.mcp.json");  // an empty mcpServers map
  t.Write("claude-config/.claude.json", With(R"({
  "mcpServers": { "context7": { "command": "npx", "args": ["-y", "@upstash/context7-mcp"] } },
  "projects": { "@PROJ@": { "allowedTools": [] } }
})",
                                             "@PROJ@", proj));
  // Both locations are probed (hosts.md: anthropics/claude-code#24479).
  t.Write("home/.claude.json", R"({
  "mcpServers": { "from-home": { "type": "sse", "url": "https://h.example.com/sse" } }
})");
  const json snap = Scan(t, WithEnv({{"CLAUDE_CONFIG_DIR", t.Path("claude-config")}}));
  CHECK(ServerLines(snap) == Lines{"claude-code user context7 stdio", "claude-code user from-home sse"});
  CHECK(Args(FindServer(snap, "claude-code", "context7")) == json::array({"-y", "@upstash/context7-mcp"}));
  const json empty = FindConfig(snap, proj + "/.mcp.json");
  CHECK(empty["servers"].empty());
  CHECK(empty["servers_key"] == "mcpServers");
  CHECK(empty["status"] == "ok");
  CHECK(empty["project"] == proj);
}

TEST_CASE("claude code: a project's disabledMcpServers also disables its .mcp.json servers",
          "[e2e][hosts]") {
  // hosts.md 6.2: projects[path].disabledMcpServers is the per-project opt-out
  // for any server Claude Code would start there, .mcp.json ones included.
  TempDir t;
  const std::string proj = t.MakeDir("src/ahk");
  t.Copy(RealWorld("012090120901209__ahk-mcp__.mcp.json"), "src/ahk/.mcp.json");
  t.Write("home/.claude.json",
          json{{"projects", {{proj, {{"disabledMcpServers", {"ahk"}}, {"hasTrustDialogAccepted", true}}}}}}.dump(2));
  const json snap = Scan(t);
  REQUIRE(ServerLines(snap) == Lines{"claude-code project ahk stdio"});
  CHECK(FindServer(snap, "claude-code", "ahk")["enabled"] == false);
}

// -------------------------------------------------------------------- Cursor

TEST_CASE("cursor: real-world user and project mcp.json", "[e2e][hosts]") {
  TempDir t;
  t.Copy(RealWorld("0x7067__agent-bridge-mcp__.cursor_mcp.json"), "home/.cursor/mcp.json");
  t.Copy(RealWorld("0xNordian__deso-mcp__.cursor_mcp.json"), "proj/.cursor/mcp.json");
  RememberProjects(t, {t.Path("proj")});
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"cursor project deso-mcp-final stdio", "cursor user agent-bridge stdio"});
  const json bridge = FindServer(snap, "cursor", "agent-bridge");
  CHECK(bridge["command"] == "agent-bridge-mcp");
  CHECK(Args(bridge).empty());
  CHECK(Names(bridge, "env") == Lines{"AGENT_BRIDGE_WORKSPACES", "AGENT_BRIDGE_STATE_DIR"});
  CHECK(bridge["env"][0]["reference"] == "${workspaceFolder}");
  const json deso = FindServer(snap, "cursor", "deso-mcp-final");
  CHECK(deso["command"] == "/opt/homebrew/bin/node");
  CHECK(Args(deso) == json::array({"/Users/mossified/Sites/deso-mcp/deso-mcp.js"}));
  CHECK(deso["cwd"] == "/Users/mossified/Sites/deso-mcp");
  CHECK(deso["project"] == t.Path("proj"));
  CHECK(FindConfig(snap, t.Path("home/.cursor/mcp.json"))["format"] == "jsonc");
}

// ------------------------------------------------------------------- VS Code

TEST_CASE("vscode: real-world .vscode/mcp.json with comments, ${input:} and a commented-out block",
          "[e2e][hosts]") {
  TempDir t;
  t.Copy(RealWorld("0GiS0__youtube-mcp-server__.vscode_mcp.json"), "youtube/.vscode/mcp.json");
  t.Copy(RealWorld("108yen__task-orchestrator-mcp__.vscode_mcp.json"), "orchestrator/.vscode/mcp.json");
  RememberProjects(t, {t.Path("youtube"), t.Path("orchestrator")});
  const json snap = Scan(t);
  // "canary" and "task-orchestrator-mcp" are commented out in the second file.
  CHECK(ServerLines(snap) == Lines{"vscode project local stdio", "vscode project remote-mcp sse",
                                   "vscode project serena stdio", "vscode project stdio-mcp stdio"});
  const json remote = FindServer(snap, "vscode", "remote-mcp");
  CHECK(remote["url"] == "http://localhost:3001/sse");
  const json stdio = FindServer(snap, "vscode", "stdio-mcp");
  CHECK(stdio["command"] == "node");
  CHECK(Args(stdio) == json::array({"mcp-stdio/build/index.js"}));
  CHECK(Names(stdio, "env") == Lines{"YOUTUBE_API_KEY"});
  CHECK(stdio["env"][0]["reference"] == "${input:youtube_api_key}");
  CHECK(stdio["interpolations"][0]["kind"] == "input");
  CHECK(stdio["interpolations"][0]["name"] == "youtube_api_key");
  const json local = FindServer(snap, "vscode", "local");
  CHECK(Args(local) == json::array({"${workspaceFolder}"}));
  CHECK(Names(local, "env") == Lines{"FILE_PATH"});
  const json serena = FindServer(snap, "vscode", "serena");
  CHECK(serena["command"] == "uvx");
  CHECK(Args(serena)[1] == "git+https://github.com/oraios/serena");
  const json c = FindConfig(snap, t.Path("youtube/.vscode/mcp.json"));
  CHECK(c["servers_key"] == "servers");
  CHECK(c["format"] == "jsonc");
  CHECK(c["diagnostics"].empty());
  CHECK(FindConfig(snap, t.Path("orchestrator/.vscode/mcp.json"))["diagnostics"].empty());
}

TEST_CASE("vscode: user mcp.json, a profile's, the legacy settings.json and the remote server's", "[e2e][hosts]") {
  TempDir t;
  const std::string user = "home/.config/Code/User/";
  t.Write(user + "mcp.json", R"({
  "servers": { "github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/",
                           "headers": { "Authorization": "Bearer ${input:gh-token}" } } },
  "inputs": [ { "type": "promptString", "id": "gh-token", "password": true } ]
})");
  t.Copy(RealWorld("0xkohe__freee-hr-mcp__.vscode_mcp.json"), user + "profiles/-4f2a9c1/mcp.json");
  t.Write(user + "settings.json", R"({
  // before VS Code 1.102 servers lived here
  "editor.fontSize": 14,
  "mcp": {
    "servers": { "legacy-fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem",
      "${userHome}"] } },
    "inputs": []
  },
})");
  t.Write("home/.vscode-server/data/User/mcp.json",
          R"({ "servers": { "remote-time": { "command": "uvx", "args": ["mcp-server-time"] } } })");
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"vscode user freee-hr-mcp stdio", "vscode user github http",
                                   "vscode user legacy-fs stdio", "vscode user remote-time stdio"});
  const json freee = FindServer(snap, "vscode", "freee-hr-mcp");
  CHECK(Args(freee) == json::array({"dist/server.js"}));
  CHECK(Names(freee, "env") == Lines{"FREEE_HR_ACCESS_TOKEN", "FREEE_HR_COMPANY_ID"});
  CHECK(freee["env"][1]["reference"] == "${input:FREEE_HR_COMPANY_ID}");
  CHECK(Names(FindServer(snap, "vscode", "github"), "headers") == Lines{"Authorization"});
  CHECK(FindConfig(snap, t.Path(user + "settings.json"))["servers_key"] == "mcp.servers");
  CHECK(FindConfig(snap, t.Path(user + "profiles/-4f2a9c1/mcp.json"))["diagnostics"].empty());
}

TEST_CASE("vscode: a folder remembered in workspaceStorage, with its settings and devcontainer", "[e2e][hosts]") {
  TempDir t;
  const std::string app = t.MakeDir("my app");  // VS Code percent-encodes the space
  t.Write("home/.config/Code/User/workspaceStorage/4f1c2b7e9a/workspace.json",
          json{{"folder", "file://" + With(app, " ", "%20")}}.dump());
  t.Copy(RealWorld("4lejandrito__liferay-devcon-2025-mcp__.vscode_mcp.json"), "my app/.vscode/mcp.json");
  t.Write("my app/.vscode/settings.json", R"({
  "files.exclude": { "**/.git": true },
  "mcp": { "servers": { "ws-legacy": { "type": "sse", "url": "https://legacy.example.com/sse" } } }
})");
  t.Write("my app/.devcontainer/devcontainer.json", R"({
  // dev container
  "name": "dev",
  "image": "mcr.microsoft.com/devcontainers/base:bookworm",
  "customizations": { "vscode": {
    "extensions": ["github.copilot"],
    "mcp": { "servers": { "playwright": { "command": "npx", "args": ["@playwright/mcp@latest"] } } }
  } }
})");
  // A fork's workspaceStorage counts too: Cursor remembered another folder.
  const std::string other = t.MakeDir("other");
  t.Write("home/.config/Cursor/User/workspaceStorage/9d9d/workspace.json", json{{"folder", "file://" + other}}.dump());
  t.Copy(RealWorld("0xNordian__deso-mcp__.cursor_mcp.json"), "other/.cursor/mcp.json");
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"cursor project deso-mcp-final stdio", "vscode project liferay http",
                                   "vscode project playwright stdio", "vscode project ws-legacy sse"});
  const json liferay = FindServer(snap, "vscode", "liferay");
  CHECK(liferay["url"] == "http://localhost:8080/o/mcp/sse");  // "type": "http" wins over the /sse look
  CHECK(liferay["project"] == app);
  CHECK(Names(liferay, "headers") == Lines{"Authorization"});
  CHECK(liferay["headers"][0]["value"] == "literal");
  CHECK(FindConfig(snap, app + "/.devcontainer/devcontainer.json")["servers_key"] ==
        "customizations.vscode.mcp.servers");
  CHECK(FindConfig(snap, app + "/.vscode/settings.json")["servers_key"] == "mcp.servers");
  for (const json& c : snap["configs"]) CHECK(c["found_by"] == "project-list");
}

TEST_CASE("vscode insiders: its own user dir, not VS Code's", "[e2e][hosts]") {
  TempDir t;
  t.Copy(RealWorld("0GiS0__youtube-mcp-server__.vscode_mcp.json"), "home/.config/Code - Insiders/User/mcp.json");
  t.Write("home/.config/Code - Insiders/User/settings.json",
          R"({ "mcp": { "servers": { "insiders-legacy": { "url": "https://i.example.com/mcp", "type": "http" } } } })");
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"vscode-insiders user insiders-legacy http", "vscode-insiders user remote-mcp sse",
                                   "vscode-insiders user stdio-mcp stdio"});
  CHECK(FindServer(snap, "vscode-insiders", "stdio-mcp")["env"][0]["reference"] == "${input:youtube_api_key}");
}

// ------------------------------------------------------------ Visual Studio

TEST_CASE("visual studio: .vs/mcp.json of a solution uses the VS Code schema", "[e2e][hosts]") {
  TempDir t;
  t.Write("sln/.vs/mcp.json", R"({
  "inputs": [ { "type": "promptString", "id": "ado-pat", "password": true } ],
  "servers": {
    "nuget": { "type": "stdio", "command": "dnx", "args": ["NuGet.Mcp.Server", "--yes"] },
    "ado": { "type": "http", "url": "https://ado.example.com/mcp",
      "headers": { "Authorization": "Basic ${input:ado-pat}" } }
  }
})");
  RememberProjects(t, {t.Path("sln")});
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"visual-studio project ado http", "visual-studio project nuget stdio"});
  const json nuget = FindServer(snap, "visual-studio", "nuget");
  CHECK(nuget["command"] == "dnx");
  CHECK(Args(nuget) == json::array({"NuGet.Mcp.Server", "--yes"}));
  CHECK(FindServer(snap, "visual-studio", "ado")["headers"][0]["reference"] == "Basic ${input:ado-pat}");
  CHECK(FindConfig(snap, t.Path("sln/.vs/mcp.json"))["servers_key"] == "servers");
}

TEST_CASE("visual studio: a solution .mcp.json with \"servers\" is not read by Copilot CLI",
          "[e2e][hosts]") {
  // Visual Studio reads <sln>/.mcp.json with "servers"; Copilot CLI reads
  // .mcp.json only under "mcpServers" (for it, "servers" is foreign).
  TempDir t;
  t.Write("sln/.mcp.json",
          R"({ "servers": { "github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" } } })");
  RememberProjects(t, {t.Path("sln")});
  const json snap = Scan(t);
  REQUIRE(ServerLines(snap) == Lines{"visual-studio project github http"});
  const json c = FindConfig(snap, t.Path("sln/.mcp.json"));
  CHECK(c["servers_key"] == "servers");
  CHECK(c.value("also_read_by", json::array()) == json::array());
  CHECK(FindServer(snap, "visual-studio", "github")["enabled"].is_null());
}

// ------------------------------------------------------- GitHub Copilot CLI

TEST_CASE("copilot cli: .github/mcp.json under the wrong \"servers\" key, and the user file", "[e2e][hosts]") {
  TempDir t;
  t.Copy(RealWorld("Deejpotter__my-mcp-server__.github_mcp.json"), "repo/.github/mcp.json");
  RememberProjects(t, {t.Path("repo")});
  t.Write("home/.copilot/mcp-config.json", R"({
  "mcpServers": {
    "playwright": { "type": "local", "command": "npx", "args": ["@playwright/mcp@latest"], "tools": ["*"] },
    "context7": { "type": "http", "url": "https://mcp.context7.com/mcp",
                  "headers": { "CONTEXT7_API_KEY": "${CONTEXT7_API_KEY}" }, "tools": ["*"] }
  }
})");
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"copilot-cli project awesome-copilot stdio",
                                   "copilot-cli project hf-mcp-server http",
                                   "copilot-cli project my-mcp-server stdio", "copilot-cli user context7 http",
                                   "copilot-cli user playwright stdio"});
  const json repo = FindConfig(snap, t.Path("repo/.github/mcp.json"));
  CHECK(repo["servers_key"] == "servers");
  REQUIRE(repo["diagnostics"].size() == 1);
  CHECK(repo["diagnostics"][0]["severity"] == "warning");
  CHECK_THAT(repo["diagnostics"][0]["message"].get<std::string>(),
             Catch::Matchers::Contains("\"servers\"") && Catch::Matchers::Contains("\"mcpServers\""));
  for (const char* name : {"my-mcp-server", "hf-mcp-server", "awesome-copilot"}) {
    CAPTURE(name);
    CHECK(FindServer(snap, "copilot-cli", name)["enabled"] == false);  // listed, but never started
  }
  CHECK(Args(FindServer(snap, "copilot-cli", "my-mcp-server")) ==
        json::array({"~/repos/my-mcp-server/dist/server.js"}));
  CHECK(FindServer(snap, "copilot-cli", "hf-mcp-server")["url"] == "https://huggingface.co/mcp?login");
  CHECK(FindServer(snap, "copilot-cli", "awesome-copilot")["command"] == "docker");
  const json context7 = FindServer(snap, "copilot-cli", "context7");
  CHECK(context7["enabled"].is_null());
  CHECK(context7["headers"][0]["reference"] == "${CONTEXT7_API_KEY}");
  CHECK(FindServer(snap, "copilot-cli", "playwright")["transport_declared"] == "local");
}

// ------------------------------------------------------------------ Windsurf

TEST_CASE("windsurf: real-world Cascade config and the JetBrains plugin's", "[e2e][hosts]") {
  TempDir t;
  t.Copy(RealWorld("brandon-powers__dotfiles__.codeium_windsurf_mcp_config.json"),
         "home/.codeium/windsurf/mcp_config.json");
  t.Write("home/.codeium/mcp_config.json", R"({
  "mcpServers": { "figma": { "serverUrl": "https://mcp.figma.com/mcp", "disabled": true } }
})");
  const json snap = Scan(t);
  CHECK(ServerLines(snap) ==
        Lines{"windsurf user figma http", "windsurf user local stdio", "windsurf user toolbox sse"});
  const json local = FindServer(snap, "windsurf", "local");
  CHECK(local["command"] == "docker");
  CHECK(Args(local) == json::array({"run", "--rm", "-p", "8080:8080", "mcp/sql-lite:latest"}));
  CHECK(FindServer(snap, "windsurf", "toolbox")["url"] == "http://127.0.0.1:5001/mcp/sse");
  const json figma = FindServer(snap, "windsurf", "figma");
  CHECK(figma["url"] == "https://mcp.figma.com/mcp");
  CHECK(figma["enabled"] == false);
}

// ----------------------------------------------------------------------- Zed

TEST_CASE("zed: all three historical shapes and extension-provided servers", "[e2e][hosts]") {
  TempDir t;
  t.Write("home/.config/zed/settings.json", R"(// Zed settings
//
// For information on how to configure Zed, see the Zed documentation.
{
  "theme": "One Dark",
  "context_servers": {
    // 2024: the command is an object
    "legacy": { "command": { "path": "uvx", "args": ["mcp-server-fetch"], "env": { "FETCH_UA": "zed" } },
      "settings": {} },
    // 2025: "source": "custom"
    "custom": { "source": "custom", "command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres"],
                "env": { "PGPASSWORD": "hunter2" } },
    // now
    "current": { "command": "node", "args": ["server.js"], "enabled": false },
    "remote": { "url": "https://mcp.example.com/mcp", "headers": { "Authorization": "Bearer REDACTED" } },
    // provided by a Zed extension: only its settings are here
    "mcp-server-github": { "source": "extension", "settings": { "github_personal_access_token": "ghp_x" } },
    "postgres-context-server": { "settings": { "database_url": "postgresql://localhost/db" } },
  },
})");
  t.Write("proj/.zed/settings.json", R"({
  "context_servers": { "proj-tool": { "command": "./bin/mcp", "args": [] } }
})");
  RememberProjects(t, {t.Path("proj")});
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"zed project proj-tool stdio", "zed user current stdio", "zed user custom stdio",
                                   "zed user legacy stdio", "zed user mcp-server-github builtin",
                                   "zed user postgres-context-server builtin", "zed user remote http"});
  const json legacy = FindServer(snap, "zed", "legacy");
  CHECK(legacy["command"] == "uvx");
  CHECK(Args(legacy) == json::array({"mcp-server-fetch"}));
  CHECK(Names(legacy, "env") == Lines{"FETCH_UA"});
  const json custom = FindServer(snap, "zed", "custom");
  CHECK(custom["command"] == "npx");
  CHECK(Names(custom, "env") == Lines{"PGPASSWORD"});
  CHECK(FindServer(snap, "zed", "current")["enabled"] == false);
  CHECK(FindServer(snap, "zed", "remote")["url"] == "https://mcp.example.com/mcp");
  const json ext = FindServer(snap, "zed", "mcp-server-github");
  CHECK(ext.count("command") == 0);
  CHECK(ext.count("url") == 0);
  const json user = FindConfig(snap, t.Path("home/.config/zed/settings.json"));
  CHECK(user["servers_key"] == "context_servers");
  CHECK(user["diagnostics"].empty());
}

// --------------------------------------------------- Cline, Roo Code, Kilo

TEST_CASE("cline: the ~/.cline file, the old VS Code globalStorage one and a project's; timeouts in seconds",
          "[e2e][hosts]") {
  TempDir t;
  t.Write("home/.cline/data/settings/cline_mcp_settings.json", R"({
  "mcpServers": {
    "brave": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-brave-search"],
               "env": { "BRAVE_API_KEY": "REDACTED" }, "disabled": false, "autoApprove": [], "timeout": 60,
                 "type": "stdio" },
    "remote": { "type": "streamableHttp", "url": "https://mcp.example.com/mcp",
      "headers": { "Authorization": "Bearer REDACTED" } }
  }
})");
  t.Write("home/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json", R"({
  "mcpServers": { "git": { "command": "uvx", "args": ["mcp-server-git"], "disabled": true, "timeout": 120,
                           "alwaysAllow": ["git_status"] } }
})");
  t.Write("proj/.cline/mcp.json", R"({
  "mcpServers": { "proj-sse": { "type": "sse", "url": "https://p.example.com/sse", "timeout": 30 } }
})");
  RememberProjects(t, {t.Path("proj")});
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"cline project proj-sse sse", "cline user brave stdio", "cline user git stdio",
                                   "cline user remote http"});
  const json brave = FindServer(snap, "cline", "brave");
  CHECK(brave["timeout_ms"] == 60000);
  CHECK(brave["enabled"] == true);
  CHECK(Names(brave, "env") == Lines{"BRAVE_API_KEY"});
  const json git = FindServer(snap, "cline", "git");
  CHECK(git["timeout_ms"] == 120000);
  CHECK(git["enabled"] == false);
  CHECK(git["auto_approve"] == json::array({"git_status"}));
  CHECK(FindServer(snap, "cline", "remote")["transport_declared"] == "streamableHttp");
  CHECK(FindServer(snap, "cline", "proj-sse")["timeout_ms"] == 30000);
}

TEST_CASE("roo code: real-world .roo/mcp.json and the globalStorage file of two VS Code family members",
          "[e2e][hosts]") {
  TempDir t;
  t.Copy(RealWorld("0xkohe__mcp-gen-uuid__.roo_mcp.json"), "proj/.roo/mcp.json");
  RememberProjects(t, {t.Path("proj")});
  t.Write("home/.config/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json", R"({
  "mcpServers": {
    "gh": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
            "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${env:GITHUB_TOKEN}" }, "alwaysAllow": ["get_issue"],
              "disabled": false },
    "docs": { "type": "streamable-http", "url": "https://docs.example.com/mcp",
      "headers": { "X-API-Key": "REDACTED" }, "timeout": 90 }
  }
})");
  t.Write("home/.config/VSCodium/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json",
          R"({ "mcpServers": { "codium-time": { "command": "uvx", "args": ["mcp-server-time"] } } })");
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"roo project uuid-server stdio", "roo user codium-time stdio", "roo user docs http",
                                   "roo user gh stdio"});
  const json uuid = FindServer(snap, "roo", "uuid-server");
  CHECK(uuid["command"] == "deno");
  CHECK(Args(uuid) == json::array({"run", "-A", "./uuid-server/main.ts"}));
  CHECK(uuid["enabled"] == true);
  CHECK(uuid["project"] == t.Path("proj"));
  const json gh = FindServer(snap, "roo", "gh");
  CHECK(gh["env"][0]["reference"] == "${env:GITHUB_TOKEN}");
  CHECK(gh["auto_approve"] == json::array({"get_issue"}));
  CHECK(FindServer(snap, "roo", "docs")["timeout_ms"] == 90000);
}

TEST_CASE("kilo code: globalStorage in a fork's user dir and .kilocode/mcp.json", "[e2e][hosts]") {
  TempDir t;
  t.Write("home/.config/Cursor/User/globalStorage/kilocode.kilo-code/settings/mcp_settings.json",
          R"({
  "mcpServers": { "kilo-fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem",
    "/work"], "timeout": 30 } }
})");
  t.Write("proj/.kilocode/mcp.json", R"({
  "mcpServers": { "kilo-proj": { "type": "sse", "url": "https://kilo.example.com/sse" } }
})");
  RememberProjects(t, {t.Path("proj")});
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"kilo project kilo-proj sse", "kilo user kilo-fs stdio"});
  CHECK(FindServer(snap, "kilo", "kilo-fs")["timeout_ms"] == 30000);
  CHECK(FindServer(snap, "kilo", "kilo-proj")["url"] == "https://kilo.example.com/sse");
}

// ------------------------------------------------------------------ Continue

TEST_CASE("continue: a YAML list in config.yaml, YAML blocks and a Claude-style JSON in .continue/mcpServers",
          "[e2e][hosts]") {
  TempDir t;
  t.Write("home/.continue/config.yaml", R"(name: Local Assistant
version: 1.0.0
schema: v1
models: []
mcpServers:
  - name: sqlite
    type: stdio
    command: npx
    args: ["-y", "mcp-sqlite", "${{ secrets.DB_PATH }}"]
    env:
      API_TOKEN: ${{ secrets.SQLITE_TOKEN }}
  - name: docs
    type: streamable-http
    url: https://docs.example.com/mcp
)");
  t.Copy(RealWorld("rmarting__devspaces-ai__.continue_mcpServers_mcp.json"), "proj/.continue/mcpServers/mcp.json");
  t.Write("proj/.continue/mcpServers/postgres.yaml", R"(name: Postgres MCP
version: 0.0.1
schema: v1
mcpServers:
  - name: postgres
    command: npx
    args:
      - -y
      - "@modelcontextprotocol/server-postgres"
      - ${{ secrets.PG_URL }}
)");
  RememberProjects(t, {t.Path("proj")});
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"continue project context7 http", "continue project postgres stdio",
                                   "continue user docs http", "continue user sqlite stdio"});
  const json sqlite = FindServer(snap, "continue", "sqlite");
  CHECK(Args(sqlite) == json::array({"-y", "mcp-sqlite", "${{ secrets.DB_PATH }}"}));
  CHECK(Names(sqlite, "env") == Lines{"API_TOKEN"});
  CHECK(sqlite["env"][0]["reference"] == "${{ secrets.SQLITE_TOKEN }}");
  CHECK(FindServer(snap, "continue", "docs")["url"] == "https://docs.example.com/mcp");
  const json context7 = FindServer(snap, "continue", "context7");
  CHECK(context7["url"] == "https://mcp.context7.com/mcp");
  CHECK(Names(context7, "headers") == Lines{"CONTEXT7_API_KEY"});
  CHECK(Args(FindServer(snap, "continue", "postgres"))[2] == "${{ secrets.PG_URL }}");
  CHECK(FindConfig(snap, t.Path("proj/.continue/mcpServers/mcp.json"))["format"] == "jsonc");
  CHECK(FindConfig(snap, t.Path("proj/.continue/mcpServers/postgres.yaml"))["format"] == "yaml");
}

// -------------------------------------------------- Gemini CLI and its forks

TEST_CASE("gemini cli: httpUrl, a project file, an extension and the system files under --root", "[e2e][hosts]") {
  TempDir t;
  t.Copy(RealWorld("1natsu172__dotfiles__.gemini_settings.json"), "home/.gemini/settings.json");
  t.Copy(RealWorld("108yen__task-orchestrator-mcp__.gemini_settings.json"), "proj/.gemini/settings.json");
  RememberProjects(t, {t.Path("proj")});
  t.Write("home/.gemini/extensions/gh-tools/gemini-extension.json", R"({
  "name": "gh-tools", "version": "1.0.0",
  "mcpServers": { "gh-ext": { "command": "node", "args": ["${extensionPath}${/}dist${/}index.js"],
    "cwd": "${extensionPath}" } }
})");
  t.Write("root/etc/gemini-cli/settings.json", R"({
  // system override settings
  "mcpServers": { "corp": { "url": "https://mcp.corp.example/events", "headers": { "X-Team": "infra" } } }
})");
  t.Write("root/etc/gemini-cli/system-defaults.json",
          R"({ "mcpServers": { "corp-default": { "url": "https://mcp.corp.example/mcp", "type": "http" } } })");
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"gemini-cli extension gh-ext stdio", "gemini-cli managed corp sse",
                                   "gemini-cli managed corp-default http",
                                   "gemini-cli project sequential-thinking stdio",
                                   "gemini-cli project task-orchestrator stdio", "gemini-cli user context7 http"});
  CHECK(FindServer(snap, "gemini-cli", "context7")["url"] == "https://mcp.context7.com/mcp/oauth");  // httpUrl
  const json task = FindServer(snap, "gemini-cli", "task-orchestrator");
  CHECK(task["command"] == "npx");
  CHECK(Args(task) == json::array({"-y", "task-orchestrator-mcp"}));
  CHECK(Names(task, "env") == Lines{"FILE_PATH"});
  CHECK(Args(FindServer(snap, "gemini-cli", "sequential-thinking")) ==
        json::array({"-y", "@modelcontextprotocol/server-sequential-thinking"}));
  CHECK(FindServer(snap, "gemini-cli", "gh-ext")["cwd"] == "${extensionPath}");
  CHECK(FindConfig(snap, t.Path("root/etc/gemini-cli/settings.json"))["scope"] == "managed");
  // The project file mixes other settings in; the user one has no other MCP key.
  CHECK(FindConfig(snap, t.Path("proj/.gemini/settings.json"))["servers_key"] == "mcpServers");
}

TEST_CASE("gemini cli: GEMINI_CLI_SYSTEM_SETTINGS_PATH names the system settings file", "[e2e][hosts]") {
  TempDir t;
  const std::string path = t.Write("policy/gemini.json", R"({
  "mcpServers": { "policy": { "command": "policy-mcp" } }
})");
  const json snap = Scan(t, WithEnv({{"GEMINI_CLI_SYSTEM_SETTINGS_PATH", path}}));
  CHECK(ServerLines(snap) == Lines{"gemini-cli managed policy stdio"});
  CHECK(ConfigPaths(snap) == Lines{path});
}

TEST_CASE("qwen code and antigravity: Gemini's schema in their own files", "[e2e][hosts]") {
  TempDir t;
  t.Write("home/.qwen/settings.json", R"({
  "mcpServers": {
    "qwen-sse": { "url": "https://qwen.example.com/stream" },
    "qwen-http": { "httpUrl": "https://qwen.example.com/mcp", "timeout": 30000 },
    "qwen-local": { "command": "python", "args": ["-m", "qwen_tools"], "env": { "QWEN_KEY": "$QWEN_API_KEY" } }
  }
})");
  t.Write("proj/.qwen/settings.json", R"({ "mcpServers": { "qwen-proj": { "command": "./tool" } } })");
  RememberProjects(t, {t.Path("proj")});
  t.Write("home/.gemini/antigravity/mcp_config.json", R"({
  "mcpServers": {
    "ag-remote": { "serverUrl": "https://ag.example.com/mcp" },
    "ag-local": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"] }
  }
})");
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"antigravity user ag-local stdio", "antigravity user ag-remote http",
                                   "qwen-code project qwen-proj stdio", "qwen-code user qwen-http http",
                                   "qwen-code user qwen-local stdio", "qwen-code user qwen-sse sse"});
  CHECK(FindServer(snap, "qwen-code", "qwen-http")["timeout_ms"] == 30000);
  CHECK(FindServer(snap, "qwen-code", "qwen-local")["env"][0]["reference"] == "$QWEN_API_KEY");
  CHECK(FindServer(snap, "antigravity", "ag-remote")["url"] == "https://ag.example.com/mcp");
}

// --------------------------------------------------------------------- Codex

TEST_CASE("codex: real-world user config.toml and a trusted project's (TOML 1.1 inline table)", "[e2e][hosts]") {
  TempDir t;
  const std::string proj = t.MakeDir("code/memvid");
  t.Copy(RealWorld("0xGosu__memvid-sdk__.codex_config.toml"), "code/memvid/.codex/config.toml");
  t.Write("home/.codex/config.toml", ReadFile(RealWorld("0maru__dotfiles__config_codex_config.toml")) +
                                         "\n[projects.\"" + proj + "\"]\ntrust_level = \"trusted\"\n");
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"codex project context7 http", "codex project github http",
                                   "codex project notion http", "codex user atlassian http",
                                   "codex user context7 stdio"});
  const json context7 = FindServer(snap, "codex", "context7", "user");
  CHECK(context7["command"] == "npx");
  CHECK(Args(context7) == json::array({"-y", "@upstash/context7-mcp@latest"}));
  // Codex speaks streamable HTTP only, whatever the URL looks like.
  const json atlassian = FindServer(snap, "codex", "atlassian");
  CHECK(atlassian["url"] == "https://mcp.atlassian.com/v1/sse");
  CHECK(atlassian["enabled"] == true);
  const json github = FindServer(snap, "codex", "github", "project");
  CHECK(github["url"] == "https://api.githubcopilot.com/mcp/");
  CHECK(Names(github, "headers") == Lines{"X-MCP-Toolsets"});  // the multi-line inline table
  CHECK(github["project"] == proj);
  CHECK(FindServer(snap, "codex", "notion")["url"] == "https://mcp.notion.com/mcp");
  const json project = FindConfig(snap, proj + "/.codex/config.toml");
  CHECK(project["found_by"] == "project-list");
  CHECK(project["status"] == "ok");
  CHECK(project["diagnostics"].empty());
}

TEST_CASE("codex: CODEX_HOME moves the user config", "[e2e][hosts]") {
  TempDir t;
  t.Write("codex-home/config.toml", R"(model = "o4"

[mcp_servers.docs]
command = "uvx"
args = ["docs-mcp"]
env_vars = ["DOCS_TOKEN", { name = "PROXY", source = "local" }]

[mcp_servers.remote]
url = "https://mcp.example.com/mcp"
env_http_headers = { "X-Api-Key" = "EXAMPLE_API_KEY" }
)");
  t.Write("home/.codex/config.toml", "[mcp_servers.stale]\ncommand = \"stale\"\n");
  const json snap = Scan(t, WithEnv({{"CODEX_HOME", t.Path("codex-home")}}));
  CHECK(ServerLines(snap) == Lines{"codex user docs stdio", "codex user remote http"});
  CHECK(FindServer(snap, "codex", "docs")["env_passthrough"] == json::array({"DOCS_TOKEN", "PROXY"}));
  const json remote = FindServer(snap, "codex", "remote");
  CHECK(Names(remote, "headers") == Lines{"X-Api-Key"});
  CHECK(remote["headers"][0]["reference"] == "$EXAMPLE_API_KEY");
  CHECK(ConfigPaths(snap) == Lines{t.Path("codex-home/config.toml")});
}

// --------------------------------------------------------------------- Goose

TEST_CASE("goose: extensions of every type in config.yaml", "[e2e][hosts]") {
  TempDir t;
  t.Write("home/.config/goose/config.yaml", R"(GOOSE_PROVIDER: anthropic
GOOSE_MODEL: claude-sonnet-4
extensions:
  developer:
    type: builtin
    name: developer
    display_name: Developer
    enabled: true
    bundled: null
    timeout: 300
  github:
    type: stdio
    name: github
    cmd: npx
    args: ["-y", "@modelcontextprotocol/server-github"]
    envs: { GITHUB_API_URL: "https://api.github.com" }
    env_keys: ["GITHUB_PERSONAL_ACCESS_TOKEN"]
    enabled: true
    timeout: 300
  remote:
    type: streamable_http
    name: remote
    uri: https://mcp.example.com/mcp
    headers: { Authorization: "Bearer REDACTED" }
    enabled: false
)");
  const json snap = Scan(t);
  CHECK(ServerLines(snap) ==
        Lines{"goose user developer builtin", "goose user github stdio", "goose user remote http"});
  const json github = FindServer(snap, "goose", "github");
  CHECK(github["command"] == "npx");  // "cmd"
  CHECK(Args(github) == json::array({"-y", "@modelcontextprotocol/server-github"}));
  CHECK(Names(github, "env") == Lines{"GITHUB_API_URL"});  // "envs"
  CHECK(github["env_passthrough"] == json::array({"GITHUB_PERSONAL_ACCESS_TOKEN"}));  // "env_keys"
  CHECK(github["timeout_ms"] == 300000);
  const json remote = FindServer(snap, "goose", "remote");
  CHECK(remote["url"] == "https://mcp.example.com/mcp");  // "uri"
  CHECK(remote["enabled"] == false);
  CHECK(FindServer(snap, "goose", "developer")["enabled"] == true);
  CHECK(FindConfig(snap, t.Path("home/.config/goose/config.yaml"))["servers_key"] == "extensions");
}

// ---------------------------------------------------------- Amazon Q, Kiro

TEST_CASE("amazon q: legacy project mcp.json, CLI agents and the IDE agent", "[e2e][hosts]") {
  TempDir t;
  t.Copy(RealWorld("Konippi__cdk-with-q-dev-cli__.amazonq_mcp.json"), "proj/.amazonq/mcp.json");
  t.Write("proj/.amazonq/cli-agents/reviewer.json", R"({ "name": "reviewer", "tools": ["*"] })");  // no MCP servers
  RememberProjects(t, {t.Path("proj")});
  t.Write("home/.aws/amazonq/cli-agents/default.json", R"({
  "name": "default",
  "mcpServers": { "aws-docs": { "command": "uvx", "args": ["awslabs.aws-documentation-mcp-server@latest"],
                                "env": { "FASTMCP_LOG_LEVEL": "ERROR" }, "timeout": 120000 } },
  "tools": ["*"], "allowedTools": ["@aws-docs"], "useLegacyMcpJson": true
})");
  t.Write("home/.aws/amazonq/agents/default.json",
          R"({ "name": "default", "mcpServers": { "git": { "command": "uvx", "args": ["mcp-server-git"] } } })");
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"amazon-q project awslabs.aws-diagram-mcp-server stdio",
                                   "amazon-q project awslabs.cdk-mcp-server stdio", "amazon-q user aws-docs stdio",
                                   "amazon-q user git stdio"});
  const json cdk = FindServer(snap, "amazon-q", "awslabs.cdk-mcp-server");
  CHECK(cdk["command"] == "uvx");
  CHECK(Args(cdk) == json::array({"awslabs.cdk-mcp-server"}));
  CHECK(Names(cdk, "env") == Lines{"FASTMCP_LOG_LEVEL"});
  CHECK(cdk["enabled"] == true);
  CHECK(FindServer(snap, "amazon-q", "aws-docs")["timeout_ms"] == 120000);
  CHECK(snap["configs"].size() == 3);  // the agent without servers is not an MCP config
}

TEST_CASE("kiro: real-world user and workspace mcp.json, and an agent", "[e2e][hosts]") {
  TempDir t;
  t.Copy(RealWorld("094459__digital-badge-vending-demo__.kiro_settings_mcp.json"), "home/.kiro/settings/mcp.json");
  t.Copy(RealWorld("4regab__agent-rules-mcp__.kiro_settings_mcp.json"), "rules/.kiro/settings/mcp.json");
  t.Copy(RealWorld("18Madhu-Sagar__mcp-research__.kiro_settings_mcp.json"), "research/.kiro/settings/mcp.json");
  RememberProjects(t, {t.Path("rules"), t.Path("research")});
  t.Write("home/.kiro/agents/ops.json",
          R"({ "name": "ops", "mcpServers": { "ops-fetch": { "command": "uvx", "args": ["mcp-server-fetch"] } } })");
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"kiro project arxiv-research stdio", "kiro project rules stdio",
                                   "kiro user awslabs.ecs-mcp-server stdio", "kiro user ops-fetch stdio"});
  const json ecs = FindServer(snap, "kiro", "awslabs.ecs-mcp-server");
  CHECK(ecs["enabled"] == false);
  CHECK(Args(ecs) == json::array({"--from", "awslabs-ecs-mcp-server", "ecs-mcp-server"}));
  const json rules = FindServer(snap, "kiro", "rules");
  CHECK(rules["cwd"] == "B:\\Download\\qwn\\agent-rules-mcp");
  CHECK(Names(rules, "env") == Lines{"GITHUB_OWNER", "GITHUB_REPO", "GITHUB_PATH", "GITHUB_BRANCH"});
  CHECK(rules["auto_approve"] == json::array({"get_rules", "list_rules"}));
  CHECK(rules["enabled"] == true);
  CHECK(rules["project"] == t.Path("rules"));
  const json arxiv = FindServer(snap, "kiro", "arxiv-research");
  CHECK(Names(arxiv, "env") == Lines{"MISTRAL_API_KEY"});
  CHECK(arxiv["auto_approve"] == json::array({"search_arxiv_papers"}));
}

// ------------------------------------------ LM Studio, JetBrains, Junie, Warp

TEST_CASE("lm studio, jetbrains ai assistant, junie and warp: Claude-style files of their own", "[e2e][hosts]") {
  TempDir t;
  t.Write("home/.lmstudio/mcp.json",
          R"({
  "mcpServers": { "hf-mcp-server": { "url": "https://huggingface.co/mcp",
    "headers": { "Authorization": "Bearer hf_REDACTED" } } }
})");
  t.Write("home/.ai/mcp/mcp.json",
          R"({
  "mcpServers": { "jetbrains": { "command": "npx", "args": ["-y", "@jetbrains/mcp-proxy"],
    "env": { "IDE_PORT": "63342" } } }
})");
  t.Write("proj/.ai/mcp/mcp.json", R"({ "mcpServers": { "jb-project": { "url": "https://jb.example.com/mcp" } } })");
  t.Write("home/.junie/mcp/mcp.json", R"({
  "mcpServers": { "junie-fetch": { "command": "uvx", "args": ["mcp-server-fetch"] } }
})");
  t.Write("proj/.junie/mcp/mcp.json", R"({
  "mcpServers": { "junie-proj": { "url": "https://junie.example.com/sse" } }
})");
  t.Write("home/.warp/.mcp.json", R"({ "mcpServers": { "linear": { "url": "https://mcp.linear.app/sse" } } })");
  t.Write("proj/.warp/.mcp.json", R"({
  "mcpServers": { "warp-proj": { "command": "npx", "args": ["-y", "warp-mcp"] } }
})");
  RememberProjects(t, {t.Path("proj")});
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"jetbrains-ai project jb-project http", "jetbrains-ai user jetbrains stdio",
                                   "junie project junie-proj sse", "junie user junie-fetch stdio",
                                   "lm-studio user hf-mcp-server http", "warp project warp-proj stdio",
                                   "warp user linear sse"});
  CHECK(Names(FindServer(snap, "lm-studio", "hf-mcp-server"), "headers") == Lines{"Authorization"});
  CHECK(Names(FindServer(snap, "jetbrains-ai", "jetbrains"), "env") == Lines{"IDE_PORT"});
  CHECK(FindServer(snap, "junie", "junie-proj")["project"] == t.Path("proj"));
  CHECK(FindServer(snap, "warp", "linear")["url"] == "https://mcp.linear.app/sse");
  // ~/.warp/.mcp.json is Warp's, not a Claude Code project file.
  CHECK(FindConfig(snap, t.Path("home/.warp/.mcp.json"))["host"] == "warp");
}

// ------------------------------------------------------------------ OpenCode

TEST_CASE("opencode: real-world opencode.json with command arrays, and a project opencode.jsonc", "[e2e][hosts]") {
  TempDir t;
  t.Copy(RealWorld("0xC0D3D00D__opencode.config__opencode.json"), "home/.config/opencode/opencode.json");
  t.Write("proj/opencode.jsonc", R"({
  // project MCP servers
  "mcp": {
    "github": { "type": "local",
                "command": ["docker", "run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN",
                  "ghcr.io/github/github-mcp-server"],
                "environment": { "GITHUB_PERSONAL_ACCESS_TOKEN": "{env:GITHUB_TOKEN}" }, "enabled": true },
    "corp": { "type": "remote", "url": "https://mcp.corp.example/mcp", "enabled": false },
  },
})");
  RememberProjects(t, {t.Path("proj")});
  const json snap = Scan(t);
  // The "formatter" section's command array is not an MCP server.
  CHECK(ServerLines(snap) == Lines{"opencode project corp http", "opencode project github stdio",
                                   "opencode user atlassian-rovo http", "opencode user beads stdio",
                                   "opencode user chrome_devtools stdio", "opencode user gitlab stdio",
                                   "opencode user google_cloud stdio", "opencode user google_workspace stdio",
                                   "opencode user sauron stdio", "opencode user slack stdio"});
  const json rovo = FindServer(snap, "opencode", "atlassian-rovo");
  CHECK(rovo["url"] == "https://mcp.atlassian.com/v1/mcp");
  CHECK(rovo["oauth"] == true);
  CHECK(rovo["timeout_ms"] == 10000);
  CHECK(rovo["enabled"] == true);
  const json gitlab = FindServer(snap, "opencode", "gitlab");
  CHECK(gitlab["command"] == "glab");
  CHECK(Args(gitlab) == json::array({"mcp", "serve"}));
  const json devtools = FindServer(snap, "opencode", "chrome_devtools");
  CHECK(devtools["command"] == "npx");
  CHECK(Args(devtools) == json::array({"-y", "chrome-devtools-mcp@latest"}));
  CHECK(Args(FindServer(snap, "opencode", "google_workspace")).empty());
  const json slack = FindServer(snap, "opencode", "slack");
  CHECK(slack["command"] == "docker");
  CHECK(Args(slack).size() == 13);
  CHECK(Args(slack)[9] == "ghcr.io/korotovsky/slack-mcp-server:latest");
  const json github = FindServer(snap, "opencode", "github", "project");
  CHECK(github["command"] == "docker");
  CHECK(Names(github, "env") == Lines{"GITHUB_PERSONAL_ACCESS_TOKEN"});  // "environment"
  CHECK(github["env"][0]["reference"] == "{env:GITHUB_TOKEN}");
  CHECK(FindServer(snap, "opencode", "corp")["enabled"] == false);
  CHECK(FindConfig(snap, t.Path("home/.config/opencode/opencode.json"))["servers_key"] == "mcp");
}

// ------------------------------------------------------------------- Augment

TEST_CASE("augment: Auggie settings.json files and the VS Code extension's list in settings.json", "[e2e][hosts]") {
  TempDir t;
  t.Write("home/.augment/settings.json",
          R"({
  "model": "sonnet", "mcpServers": { "linear": { "type": "sse", "url": "https://mcp.linear.app/sse" } }
})");
  t.Write("proj/.augment/settings.local.json",
          R"({
  "mcpServers": { "local-db": { "command": "uvx", "args": ["mcp-server-sqlite", "--db-path", "dev.db"] } }
})");
  RememberProjects(t, {t.Path("proj")});
  t.Write("home/.config/Code/User/settings.json", R"({
  "workbench.colorTheme": "Default Dark Modern",
  "augment.advanced.mcpServers": [
    { "name": "sqlite", "command": "uvx", "args": ["mcp-server-sqlite", "--db-path", "/tmp/test.db"], "env": {} }
  ]
})");
  t.Write("root/etc/augment/settings.json", R"({
  "mcpServers": { "corp": { "type": "http", "url": "https://mcp.corp.example/mcp" } }
})");
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"augment managed corp http", "augment project local-db stdio",
                                   "augment user linear sse", "augment user sqlite stdio"});
  CHECK(Args(FindServer(snap, "augment", "sqlite")) == json::array({"mcp-server-sqlite", "--db-path", "/tmp/test.db"}));
  CHECK(FindServer(snap, "augment", "local-db")["project"] == t.Path("proj"));
  const json vscode_settings = FindConfig(snap, t.Path("home/.config/Code/User/settings.json"));
  CHECK(vscode_settings["host"] == "augment");
  CHECK(vscode_settings["servers_key"] == "augment.advanced.mcpServers");
}

// ---------------------------------------------------------------------- Trae

TEST_CASE("trae: both Linux user paths and .trae/mcp.json", "[e2e][hosts]") {
  TempDir t;
  t.Write("home/.config/trae/mcp.json", R"({
  "mcpServers": { "trae-fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "."] } }
})");
  t.Write("home/.config/Trae/User/mcp.json", R"({
  // written by the IDE
  "mcpServers": { "trae-ide": { "url": "https://trae.example.com/sse" } }
})");
  t.Write("proj/.trae/mcp.json", R"({ "mcpServers": { "trae-proj": { "url": "https://trae.example.com/mcp" } } })");
  RememberProjects(t, {t.Path("proj")});
  const json snap = Scan(t);
  CHECK(ServerLines(snap) == Lines{"trae project trae-proj http", "trae user trae-fs stdio", "trae user trae-ide sse"});
  CHECK(Args(FindServer(snap, "trae", "trae-fs")) ==
        json::array({"-y", "@modelcontextprotocol/server-filesystem", "."}));
}

// ------------------------------------------------------- environment overrides

TEST_CASE("XDG_CONFIG_HOME moves the Linux config dir of the hosts that follow it", "[e2e][hosts]") {
  TempDir t;
  t.Copy(RealWorld("AbuMareBear__dotfiles__claude_desktop_config.json"), "xdg/Claude/claude_desktop_config.json");
  t.Write("xdg/goose/config.yaml",
          "extensions:\n  fetch:\n    type: stdio\n    cmd: uvx\n    args: [mcp-server-fetch]\n");
  t.Write("xdg/zed/settings.json", R"({ "context_servers": { "zed-xdg": { "command": "zed-mcp" } } })");
  t.Write("xdg/Code/User/mcp.json", R"({ "servers": { "code-xdg": { "command": "code-mcp" } } })");
  t.Write("xdg/opencode/opencode.jsonc", R"({
  "mcp": { "oc-xdg": { "type": "local", "command": ["oc-mcp", "--stdio"] } }
})");
  // The same hosts' files under ~/.config are not read any more.
  for (const char* decoy : {"home/.config/Claude/claude_desktop_config.json", "home/.config/Code/User/mcp.json"}) {
    t.Write(decoy, R"({ "mcpServers": { "decoy": { "command": "x" } }, "servers": { "decoy": { "command": "x" } } })");
  }
  t.Write("home/.config/goose/config.yaml", "extensions:\n  decoy:\n    type: stdio\n    cmd: x\n");
  // A host with a fixed ~/.config path is still found there.
  t.Write("home/.config/github-copilot/intellij/mcp.json", R"({ "servers": { "jb": { "command": "jb-mcp" } } })");
  const json snap = Scan(t, WithEnv({{"XDG_CONFIG_HOME", t.Path("xdg")}}));
  CHECK(ServerLines(snap) == Lines{"claude-desktop user filesystem stdio", "copilot-jetbrains user jb stdio",
                                   "goose user fetch stdio", "opencode user oc-xdg stdio", "vscode user code-xdg stdio",
                                   "zed user zed-xdg stdio"});
  CHECK(Args(FindServer(snap, "opencode", "oc-xdg")) == json::array({"--stdio"}));
  CHECK(FindConfig(snap, t.Path("xdg/Claude/claude_desktop_config.json"))["host"] == "claude-desktop");
}

// ------------------------------------------------------------ project roots

TEST_CASE("a deep walk finds configs in nested repos but not in node_modules or .git", "[e2e][hosts]") {
  TempDir t;
  t.MakeDir("src/alpha/.git/refs");
  t.Copy(RealWorld("012090120901209__ahk-mcp__.mcp.json"), "src/alpha/.mcp.json");
  t.Copy(RealWorld("108yen__task-orchestrator-mcp__.vscode_mcp.json"), "src/alpha/packages/web/.vscode/mcp.json");
  t.Copy(RealWorld("0xNordian__deso-mcp__.cursor_mcp.json"), "src/group/beta/.cursor/mcp.json");
  t.Copy(RealWorld("18Madhu-Sagar__mcp-research__.kiro_settings_mcp.json"), "src/group/gamma/.kiro/settings/mcp.json");
  t.Copy(RealWorld("rmarting__devspaces-ai__.continue_mcpServers_mcp.json"),
         "src/group/gamma/.continue/mcpServers/mcp.json");
  // Dependency trees and VCS internals are never entered.
  t.Copy(RealWorld("012090120901209__ahk-mcp__.mcp.json"), "src/node_modules/some-pkg/.mcp.json");
  t.Copy(RealWorld("0xNordian__deso-mcp__.cursor_mcp.json"), "src/alpha/node_modules/dep/.cursor/mcp.json");
  t.Copy(RealWorld("012090120901209__ahk-mcp__.mcp.json"), "src/alpha/.git/.mcp.json");
  t.Copy(RealWorld("0xNordian__deso-mcp__.cursor_mcp.json"), "src/alpha/.git/modules/sub/.cursor/mcp.json");
  const json snap = Scan(t, WithFlags({"--deep", t.Path("src")}));
  CHECK(ServerLines(snap) == Lines{"claude-code project ahk stdio", "continue project context7 http",
                                   "cursor project deso-mcp-final stdio", "kiro project arxiv-research stdio",
                                   "vscode project local stdio", "vscode project serena stdio"});
  CHECK(ConfigPaths(snap) == Sorted({t.Path("src/alpha/.mcp.json"), t.Path("src/alpha/packages/web/.vscode/mcp.json"),
                                     t.Path("src/group/beta/.cursor/mcp.json"),
                                     t.Path("src/group/gamma/.kiro/settings/mcp.json"),
                                     t.Path("src/group/gamma/.continue/mcpServers/mcp.json")}));
  for (const json& c : snap["configs"]) CHECK(c["found_by"] == "deep");
  CHECK(FindServer(snap, "vscode", "serena")["project"] == t.Path("src/alpha/packages/web"));
  CHECK(FindServer(snap, "kiro", "arxiv-research")["project"] == t.Path("src/group/gamma"));
}

TEST_CASE("the current directory and its parents up to the git root are projects", "[e2e][hosts]") {
  TempDir t;
  t.MakeDir("repo/.git");
  t.Copy(RealWorld("012090120901209__ahk-mcp__.mcp.json"), "repo/.mcp.json");
  t.Copy(RealWorld("0xGosu__memvid-sdk__.codex_config.toml"), "repo/.codex/config.toml");
  t.Copy(RealWorld("0xNordian__deso-mcp__.cursor_mcp.json"), "repo/packages/web/.cursor/mcp.json");
  const std::string cwd = t.MakeDir("repo/packages/web/src");
  // Above the git root: not this project's.
  t.Write(".mcp.json", R"({ "mcpServers": { "above-root": { "command": "x" } } })");
  t.Write("repo/packages/other/.mcp.json", R"({ "mcpServers": { "sibling": { "command": "x" } } })");
  const json snap = Scan(t, FromDir(cwd));
  CHECK(ServerLines(snap) == Lines{"claude-code project ahk stdio", "codex project context7 http",
                                   "codex project github http", "codex project notion http",
                                   "cursor project deso-mcp-final stdio"});
  const json root = FindConfig(snap, t.Path("repo/.mcp.json"));
  CHECK(root["found_by"] == "cwd");
  CHECK(root["project"] == t.Path("repo"));
  CHECK(FindServer(snap, "cursor", "deso-mcp-final")["project"] == t.Path("repo/packages/web"));
  // --no-cwd: the same directory is not a project.
  const Run r = RunMcpguard({"scan", "--format", "json", "--os", "linux", "--root", t.Path("root"), "--no-cwd"},
                            t.Path("home"), {}, cwd);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  CHECK(r.Json()["configs"].empty());
}

}  // namespace
}  // namespace mcpguard::test

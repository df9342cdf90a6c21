// End-to-end: macOS and Windows homes laid out under a temp dir on Linux and
// found through --os. Windows homes come from %USERPROFILE%; %APPDATA% and
// %LOCALAPPDATA% default to ~/AppData/Roaming and ~/AppData/Local; system
// paths (/Library, C:\Program Files, C:\ProgramData) live under --root.
#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

using nlohmann::json;
using Lines = std::vector<std::string>;

// `mcpguard scan --format json --os <os> --no-cwd --root <t>/root`, HOME=<t>/<home>.
json ScanOs(const TempDir& t, const std::string& os, const std::map<std::string, std::string>& env = {},
            const std::string& home = "home") {
  t.MakeDir(home);
  t.MakeDir("root");
  const Run r = RunMcpguard({"scan", "--format", "json", "--os", os, "--no-cwd", "--root", t.Path("root")},
                            t.Path(home), env);
  INFO("stderr: " << r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));  // 1: security findings too, not only unread files
  json snap = r.Json();
  CHECK(snap["status"] == "complete");
  CHECK(snap["os"] == os);
  return snap;
}

// "host scope name transport" of every server found, sorted.
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

// "host path" of every config found, sorted.
Lines ConfigLines(const json& snapshot) {
  Lines out;
  for (const json& c : snapshot.at("configs")) {
    out.push_back(c.at("host").get<std::string>() + " " + c.at("path").get<std::string>());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Lines Sorted(Lines lines) {
  std::sort(lines.begin(), lines.end());
  return lines;
}

json FindServer(const json& snapshot, std::string_view host, std::string_view name) {
  std::vector<json> hits;
  for (const json& c : snapshot.at("configs")) {
    for (const json& s : c.at("servers")) {
      if (s.at("host").get<std::string>() == host && s.at("name").get<std::string>() == name) hits.push_back(s);
    }
  }
  INFO(host << " " << name);
  REQUIRE(hits.size() == 1);
  return hits.front();
}

constexpr std::string_view kDesktop = "AbuMareBear__dotfiles__claude_desktop_config.json";  // server "filesystem"

// -------------------------------------------------------------------- macOS

TEST_CASE("macos: Claude Desktop under Library/Application Support", "[e2e][os]") {
  TempDir t;
  t.Copy(RealWorld(kDesktop), "home/Library/Application Support/Claude/claude_desktop_config.json");
  t.Write("home/Library/Application Support/Claude/Claude Extensions/ant.dir.weather/manifest.json",
          R"({
  "name": "weather", "server": { "type": "node", "mcp_config": { "command": "node",
    "args": ["${__dirname}/index.js"] } }
})");
  const Run linux_run = RunMcpguard(
      {"scan", "--format", "json", "--os", "linux", "--no-cwd", "--root", t.MakeDir("root")}, t.Path("home"));
  CHECK(linux_run.Json()["configs"].empty());
  const json snap = ScanOs(t, "macos");
  CHECK(ServerLines(snap) ==
        Lines{"claude-desktop extension ant.dir.weather stdio", "claude-desktop user filesystem stdio"});
  CHECK(FindServer(snap, "claude-desktop", "filesystem")["command"] == "/Users/abdullahhashim/.asdf/shims/npx");
  CHECK(snap["homes"] == json::array({t.Path("home")}));
}

TEST_CASE("macos: VS Code, Cline, Codex, Zed, Goose, LM Studio and Trae in their macOS places", "[e2e][os]") {
  TempDir t;
  const std::string code = "home/Library/Application Support/Code/User/";
  t.Copy(RealWorld("0xkohe__freee-hr-mcp__.vscode_mcp.json"), code + "mcp.json");
  t.Write(code + "profiles/7a1b/mcp.json", R"({
  "servers": { "profile-fetch": { "command": "uvx", "args": ["mcp-server-fetch"] } }
})");
  t.Write(code + "globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
          R"({ "mcpServers": { "cline-git": { "command": "uvx", "args": ["mcp-server-git"], "timeout": 45 } } })");
  t.Copy(RealWorld("0maru__dotfiles__config_codex_config.toml"), "home/.codex/config.toml");
  // Zed and Goose keep ~/.config on macOS, whatever XDG_CONFIG_HOME says.
  t.Write("home/.config/zed/settings.json", R"({
  "context_servers": { "zed-pg": { "command": "npx", "args": ["-y", "pg-mcp"] } }
})");
  t.Write("home/.config/goose/config.yaml",
          "extensions:\n  goose-fetch:\n    type: stdio\n    cmd: uvx\n    args: [mcp-server-fetch]\n");
  t.Write("home/.cache/lm-studio/mcp.json", R"({
  "mcpServers": { "lms-old": { "url": "https://old.example.com/mcp" } }
})");
  t.Write("home/.lmstudio/mcp.json", R"({ "mcpServers": { "lms-new": { "command": "lms-mcp" } } })");
  t.Write("home/Library/Application Support/Trae/User/mcp.json", R"({
  "mcpServers": { "trae-mac": { "command": "trae-mcp" } }
})");
  // Linux-only places are not macOS ones.
  t.Write("home/.config/Code/User/mcp.json", R"({ "servers": { "linux-only": { "command": "x" } } })");
  t.Write("home/.config/trae/mcp.json", R"({ "mcpServers": { "linux-only": { "command": "x" } } })");
  const json snap = ScanOs(t, "macos", {{"XDG_CONFIG_HOME", t.Path("xdg")}});
  CHECK(ServerLines(snap) == Lines{"cline user cline-git stdio", "codex user atlassian http",
                                   "codex user context7 stdio",
                                   "goose user goose-fetch stdio", "lm-studio user lms-new stdio",
                                   "lm-studio user lms-old http", "trae user trae-mac stdio",
                                   "vscode user freee-hr-mcp stdio", "vscode user profile-fetch stdio",
                                   "zed user zed-pg stdio"});
  CHECK(FindServer(snap, "cline", "cline-git")["timeout_ms"] == 45000);
  CHECK(FindServer(snap, "vscode", "freee-hr-mcp")["env"][0]["reference"] == "${input:FREEE_HR_ACCESS_TOKEN}");
  CHECK(FindServer(snap, "codex", "context7")["command"] == "npx");
}

TEST_CASE("macos: managed files under --root /Library/Application Support and /etc", "[e2e][os]") {
  TempDir t;
  t.Write("root/Library/Application Support/ClaudeCode/managed-mcp.json",
          R"({ "mcpServers": { "corp": { "type": "http", "url": "https://mcp.corp.example/mcp" } } })");
  t.Write("root/Library/Application Support/GeminiCli/system-defaults.json",
          R"({ "mcpServers": { "gemini-corp": { "url": "https://mcp.corp.example/sse" } } })");
  t.Write("root/etc/codex/managed_config.toml", "[mcp_servers.codex-corp]\nurl = \"https://mcp.corp.example/codex\"\n");
  // The Linux managed path is not read on macOS.
  t.Write("root/etc/claude-code/managed-mcp.json", R"({ "mcpServers": { "linux-only": { "command": "x" } } })");
  const json snap = ScanOs(t, "macos");
  CHECK(ServerLines(snap) == Lines{"claude-code managed corp http", "codex managed codex-corp http",
                                   "gemini-cli managed gemini-corp sse"});
  const std::string lib = t.Path("root/Library/Application Support/");
  CHECK(ConfigLines(snap) == Sorted({"claude-code " + lib + "ClaudeCode/managed-mcp.json",
                                     "codex " + t.Path("root/etc/codex/managed_config.toml"),
                                     "gemini-cli " + lib + "GeminiCli/system-defaults.json"}));
}

// ------------------------------------------------------------------ Windows

TEST_CASE("windows: %USERPROFILE% is the home and %APPDATA%/%LOCALAPPDATA% default under it", "[e2e][os]") {
  TempDir t;
  const std::string roaming = "win/AppData/Roaming/";
  const std::string local = "win/AppData/Local/";
  t.Write(roaming + "Claude/claude_desktop_config.json",
          R"({
  "mcpServers": { "classic": { "command": "cmd", "args": ["/c", "npx", "-y", "@modelcontextprotocol/server-memory"] } }
})");
  // The MSIX build keeps its files in the package's virtualised AppData.
  const std::string msix = local + "Packages/Claude_pzs8sxrjxfjjc/LocalCache/Roaming/Claude/";
  t.Copy(RealWorld(kDesktop), msix + "claude_desktop_config.json");
  t.Write(msix + "Claude Extensions/ant.dir.notes/manifest.json",
          R"({
  "name": "notes", "server": { "type": "node", "mcp_config": { "command": "node", "args": ["${__dirname}\\index.js"] } }
})");
  t.Copy(RealWorld("4lejandrito__liferay-devcon-2025-mcp__.vscode_mcp.json"), roaming + "Code/User/mcp.json");
  t.Write(roaming + "Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
          R"({ "mcpServers": { "cline-win": { "command": "npx", "args": ["-y", "cline-mcp"], "disabled": true } } })");
  t.Write(roaming + "Block/goose/config/config.yaml",
          "extensions:\n"
          "  goose-win:\n    type: streamable_http\n    uri: https://mcp.example.com/mcp\n    enabled: true\n");
  t.Write(roaming + "Zed/settings.json", R"({ "context_servers": { "zed-win": { "command": "zed-mcp.exe" } } })");
  t.Write(local + "github-copilot/intellij/mcp.json", R"({
  "servers": { "jb-win": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" } }
})");
  t.Copy(RealWorld("0maru__dotfiles__config_codex_config.toml"), "win/.codex/config.toml");
  // Visual Studio's global file is ~/.mcp.json with the VS Code schema.
  t.Write("win/.mcp.json", R"({
  "inputs": [], "servers": { "nuget": { "type": "stdio", "command": "dnx", "args": ["NuGet.Mcp.Server", "--yes"] } }
})");
  t.Write("win/.config/opencode/opencode.json", R"({
  "mcp": { "oc-win": { "type": "local", "command": ["oc.exe", "mcp"] } }
})");
  // $HOME (a different dir here) and Linux places are not the Windows home.
  t.Copy(RealWorld(kDesktop), "home/AppData/Roaming/Claude/claude_desktop_config.json");
  t.Write("win/.config/Claude/claude_desktop_config.json", R"({ "mcpServers": { "linux-only": { "command": "x" } } })");
  const json snap = ScanOs(t, "windows", {{"USERPROFILE", t.Path("win")}});
  CHECK(snap["homes"] == json::array({t.Path("win")}));
  CHECK(ServerLines(snap) == Lines{"claude-desktop extension ant.dir.notes stdio", "claude-desktop user classic stdio",
                                   "claude-desktop user filesystem stdio", "cline user cline-win stdio",
                                   "codex user atlassian http", "codex user context7 stdio",
                                   "copilot-jetbrains user jb-win http", "goose user goose-win http",
                                   "opencode user oc-win stdio", "visual-studio user nuget stdio",
                                   "vscode user liferay http", "zed user zed-win stdio"});
  CHECK(FindServer(snap, "claude-desktop", "classic")["args"] ==
        json::array({"/c", "npx", "-y", "@modelcontextprotocol/server-memory"}));
  CHECK(FindServer(snap, "cline", "cline-win")["enabled"] == false);
  CHECK(FindServer(snap, "goose", "goose-win")["url"] == "https://mcp.example.com/mcp");
  CHECK(FindServer(snap, "visual-studio", "nuget")["command"] == "dnx");
  CHECK(FindServer(snap, "opencode", "oc-win")["args"] == json::array({"mcp"}));
}

TEST_CASE("windows: %APPDATA% and %LOCALAPPDATA% from the environment replace the defaults", "[e2e][os]") {
  TempDir t;
  t.Write("roaming/Claude/claude_desktop_config.json", R"({ "mcpServers": { "roaming": { "command": "r" } } })");
  t.Write("localdata/Packages/Claude_abc123/LocalCache/Roaming/Claude/claude_desktop_config.json",
          R"({ "mcpServers": { "msix": { "command": "m" } } })");
  t.Write("roaming/Block/goose/config/config.yaml", "extensions:\n  goose-env:\n    type: stdio\n    cmd: g\n");
  t.Write("roaming/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json",
          R"({ "mcpServers": { "roo-env": { "command": "roo" } } })");
  // The default places are not looked at any more.
  t.Write("win/AppData/Roaming/Claude/claude_desktop_config.json", R"({
  "mcpServers": { "default": { "command": "d" } }
})");
  t.Write("win/AppData/Roaming/Block/goose/config/config.yaml",
          "extensions:\n  default:\n    type: stdio\n    cmd: d\n");
  const json snap = ScanOs(t, "windows",
                           {{"USERPROFILE", t.Path("win")},
                            {"APPDATA", t.Path("roaming")},
                            {"LOCALAPPDATA", t.Path("localdata")}});
  CHECK(ServerLines(snap) == Lines{"claude-desktop user msix stdio", "claude-desktop user roaming stdio",
                                   "goose user goose-env stdio", "roo user roo-env stdio"});
  CHECK(FindServer(snap, "claude-desktop", "msix")["config_path"] ==
        t.Path("localdata/Packages/Claude_abc123/LocalCache/Roaming/Claude/claude_desktop_config.json"));
}

TEST_CASE("windows: managed files under --root Program Files and ProgramData", "[e2e][os]") {
  TempDir t;
  t.Write("root/Program Files/ClaudeCode/managed-mcp.json",
          R"({ "mcpServers": { "corp": { "type": "http", "url": "https://mcp.corp.example/mcp" } } })");
  t.Write("root/ProgramData/OpenAI/Codex/config.toml",
          "[mcp_servers.codex-corp]\ncommand = \"corp.exe\"\nargs = [\"--mcp\"]\n");
  t.Write("root/ProgramData/gemini-cli/settings.json", R"({
  "mcpServers": { "gemini-corp": { "httpUrl": "https://g.corp.example/mcp" } }
})");
  // Not Windows places.
  t.Write("root/etc/claude-code/managed-mcp.json", R"({ "mcpServers": { "linux-only": { "command": "x" } } })");
  t.Write("root/etc/codex/config.toml", "[mcp_servers.unix-only]\ncommand = \"x\"\n");
  const json snap = ScanOs(t, "windows", {{"USERPROFILE", t.Path("win")}});
  CHECK(ServerLines(snap) == Lines{"claude-code managed corp http", "codex managed codex-corp stdio",
                                   "gemini-cli managed gemini-corp http"});
  CHECK(FindServer(snap, "codex", "codex-corp")["args"] == json::array({"--mcp"}));
}

TEST_CASE("windows: a home without USERPROFILE falls back to HOME", "[e2e][os]") {
  TempDir t;
  t.Write("home/AppData/Roaming/Code/User/mcp.json", R"({ "servers": { "code-home": { "command": "c" } } })");
  t.Write("home/.cursor/mcp.json", R"({ "mcpServers": { "cursor-home": { "url": "https://c.example.com/mcp" } } })");
  const json snap = ScanOs(t, "windows");
  CHECK(ServerLines(snap) == Lines{"cursor user cursor-home http", "vscode user code-home stdio"});
  CHECK(snap["homes"] == json::array({t.Path("home")}));
}

}  // namespace
}  // namespace mcpguard::test

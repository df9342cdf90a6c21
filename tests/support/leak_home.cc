#include "support/leak_home.h"

#include <sys/stat.h>

#include <filesystem>

#include <catch2/catch.hpp>

#include "support/evidence.h"

namespace mcpguard::test {
namespace {

constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// CRC-32 (IEEE 802.3, zlib's), bit by bit.
uint32_t Crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (char ch : data) {
    crc ^= static_cast<unsigned char>(ch);
    for (int k = 0; k < 8; ++k) crc = (crc & 1u) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
  }
  return crc ^ 0xFFFFFFFFu;
}

}  // namespace

std::string GithubChecksum(std::string_view body) {
  uint32_t n = Crc32(body);
  std::string out(6, '0');
  for (size_t i = 6; i-- > 0 && n != 0;) {
    out[i] = kBase62[n % 62];
    n /= 62;
  }
  return out;
}

std::string Fakes::Alnum(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += kBase62[static_cast<size_t>(rng_() % kBase62.size())];
  return s;
}

std::string Fakes::GithubPat() {
  const std::string body = Alnum(30);
  return "ghp_" + body + GithubChecksum(body);
}

std::string Fakes::Jwt(const nlohmann::json& payload) {
  const nlohmann::json header = {{"alg", "HS256"}, {"kid", Alnum(12)}, {"typ", "JWT"}};
  return Base64(header.dump(), true) + "." + Base64(payload.dump(), true) + "." + Alnum(43);
}

std::string WriteConfig(const TempDir& t, const std::string& rel, const std::string& text, mode_t mode) {
  const std::string path = t.Write(rel, text);
  ::chmod(path.c_str(), mode);
  return path;
}

// Every 8-character piece of `secret`.
std::vector<std::string> Pieces(const std::string& secret) {
  std::vector<std::string> out;
  for (size_t i = 0; i + 8 <= secret.size(); ++i) out.push_back(secret.substr(i, 8));
  return out;
}

// Text with every canary cut out: what may legitimately appear.
std::string Scaffolding(std::string text, const Canaries& canaries) {
  for (const auto& [label, secret] : canaries) {
    for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), "\x01");
    }
  }
  return text;
}

// Every regular file below `dir` (if it exists), with its content.
std::vector<std::pair<std::string, std::string>> FilesBelow(const std::string& dir) {
  std::vector<std::pair<std::string, std::string>> out;
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return out;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) out.emplace_back(it->path().string(), ReadFile(it->path().string()));
  }
  return out;
}

LeakHome::LeakHome(const std::function<std::string(LeakHome&)>& more_cursor_servers)
    : home(t.MakeDir("home")), proj(t.MakeDir("work/proj")), root(t.MakeDir("root")) {
  const std::string extra = more_cursor_servers ? more_cursor_servers(*this) : std::string();
  const std::string more = extra.empty() ? std::string() : ",\n    " + extra;
  Fakes f(20240611);
  // Cursor, user: env, args of every shape, URL userinfo and query, headers, OAuth.
  const std::string basic_password = Plant("basic password", f.Alnum(24));
  Write("home/.cursor/mcp.json", R"({
  "mcpServers": {
    "gh": {"command": "npx", "args": ["-y", "weather-mcp"],
           "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": ")" + Plant("env github pat", f.GithubPat()) + R"(",
                   "API_KEY": ")" + Plant("env generic", f.Secret()) + R"(",
                   "REF_TOKEN": "${env:MCPG_LEAK_ENV_ONLY}"}},
    "cli": {"command": "node", "args": ["server.js", "--token", ")" + Plant("arg after flag", f.Secret()) + R"(",
                                        "--api-key=)" + Plant("arg flag=value", f.Secret()) + R"(",
                                        "--stripe-key=)" + Plant("arg stripe test", f.StripeTest()) + R"(",
                                        ")" + Plant("arg bare github pat", f.GithubPat()) + R"("]},
    "docker": {"command": "docker", "args": ["run", "-i", "--rm", "-e", "SECRET_KEY=)" +
                                               Plant("docker -e", f.Secret()) + R"(", "mcp/example"]},
    "pg": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres",
           "postgresql://app:)" + Plant("postgres password", f.Alnum(24)) + R"(@db.internal:5432/appdb"]},
    "remote": {"url": "https://deploy:)" + Plant("url password", f.Alnum(24)) +
                                           R"(@mcp.example.net/mcp?api_key=)" + Plant("url api_key", f.Secret()) + R"(",
               "headers": {"Authorization": "Bearer )" + Plant("bearer header", f.Secret()) + R"(",
                           "X-Api-Key": ")" + Plant("x-api-key header", f.Secret()) + R"("}},
    "basic": {"url": "https://mcp.example.org/mcp",
              "headers": {"Authorization": "Basic )" + Plant("basic header", Base64("svc-user:" + basic_password, false)) + R"("}},
    "oauth-app": {"url": "https://mcp.example.com/oauth",
                  "auth": {"CLIENT_ID": "cursor-client", "CLIENT_SECRET": ")" + Plant("cursor client secret", f.Secret()) + R"("}},
    "jwt": {"command": "x", "env": {"SESSION_TOKEN": ")" +
                                    Plant("jwt", f.Jwt({{"sub", "svc"}, {"iat", 1599990000}, {"exp", 1600000000}})) + R"("}})" +
                                    more + R"(
  }
})");
  // Cursor, project (found from the current directory): envFile under ${workspaceFolder}.
    Write("work/proj/.cursor/mcp.json", R"({"mcpServers": {
  "stripe": {"command": "npx", "args": ["-y", "@stripe/mcp@0.2.4"], "envFile": "${workspaceFolder}/.env"}
}})");
  Write("work/proj/.env", "STRIPE_SECRET_KEY=" + Plant("envFile stripe live", f.StripeLive()) +
                              "\nDB_PASSWORD=" + Plant("envFile password", f.Secret()) + "\n");
  // Claude Desktop: its config, and an extension's settings.
  Write("home/.config/Claude/claude_desktop_config.json",
        R"({"mcpServers": {"desk": {"command": "uvx", "args": ["mcp-server-x"],
             "env": {"DATABASE_URL": "mysql://admin:)" + Plant("desktop mysql password", f.Alnum(24)) + R"(@localhost/db"}}}})");
  Write("home/.config/Claude/Claude Extensions/ant.dir.leak/manifest.json", R"({
  "manifest_version": "0.3", "name": "leak",
  "server": {"type": "node", "entry_point": "index.js",
             "mcp_config": {"command": "node", "args": ["${__dirname}/index.js"],
                            "env": {"LEAK_API_KEY": "${user_config.api_key}"}}},
  "user_config": {"api_key": {"type": "string", "sensitive": true}}
})");
  Write("home/.config/Claude/Claude Extensions Settings/ant.dir.leak.json",
        R"({"isEnabled": true, "userConfig": {"api_key": ")" + Plant("extension setting", f.Secret()) + R"("}})");
  // Claude Code and Gemini CLI.
  Write("home/.claude.json", R"({"mcpServers": {"cc": {"command": "x",
       "env": {"ANTHROPIC_API_KEY": ")" + Plant("claude code env", f.Secret()) + R"("}}}})");
  Write("home/.gemini/settings.json", R"({"mcpServers": {"gem": {"httpUrl": "https://mcp.example.org/gem",
       "oauth": {"clientId": "gem", "clientSecret": ")" + Plant("gemini client secret", f.Secret()) + R"("}}}})");
  // Codex: plaintext env, env_vars and bearer_token_env_var from the environment.
  Write("home/.codex/config.toml", R"([mcp_servers.codex-gh]
url = "https://api.githubcopilot.com/mcp/"
bearer_token_env_var = "MCPG_LEAK_BEARER"

[mcp_servers.codex-env]
command = "x"
env_vars = ["MCPG_LEAK_VARS_TOKEN"]

[mcp_servers.codex-env.env]
SERVICE_TOKEN = ")" + Plant("codex env", f.Secret()) + R"("
)");
  // Goose: plaintext envs and env_keys from the keychain (or the environment).
  Write("home/.config/goose/config.yaml", R"(extensions:
  g:
    type: stdio
    name: g
    cmd: g
    envs:
      DB_PASS: )" + Plant("goose envs", f.Secret()) + R"(
    env_keys: ["MCPG_LEAK_KEYRING_TOKEN"]
    enabled: true
)");
  // VS Code: ${input:} only (no value here), beside a literal.
  Write("home/.config/Code/User/mcp.json", R"({"servers": {"vs": {"command": "x",
       "env": {"GITHUB_TOKEN": "${input:gh}", "SECRET_KEY": ")" + Plant("vscode env", f.Secret()) + R"("}}}})");
  // Only found by --deep.
  Write("work/deep/repo/.mcp.json", R"({"mcpServers": {"deep": {"command": "x",
       "env": {"OPENAI_API_KEY": ")" + Plant("deep project env", f.Secret()) + R"("}}}})");
  // In the environment only, behind references.
  env = {{"MCPG_LEAK_ENV_ONLY", Plant("environment ${env:}", f.Secret())},
                   {"MCPG_LEAK_BEARER", Plant("environment bearer_token_env_var", f.GithubPat())},
                   {"MCPG_LEAK_VARS_TOKEN", Plant("environment env_vars", f.Secret())},
                   {"MCPG_LEAK_KEYRING_TOKEN", Plant("environment env_keys", f.Secret())}};

}

std::string LeakHome::Plant(const std::string& label, std::string secret) {
  canaries.emplace_back(label, secret);
  return secret;
}

void LeakHome::Write(const std::string& rel, const std::string& text) {
  WriteConfig(t, rel, text);
  files.emplace_back(rel, text);
}

void LeakHome::CheckCanariesDistinct() const {
  std::map<std::string, std::string> owner;
  for (const auto& [label, secret] : canaries) {
    REQUIRE(secret.size() >= 16);
    for (const std::string& piece : Pieces(secret)) {
      auto [it, fresh] = owner.emplace(piece, label);
      INFO("piece " << piece << " of " << label << " also in " << it->second);
      CHECK((fresh || it->second == label));
    }
  }
  std::string scaffolding = t.path() + "\n";
  for (const auto& [rel, text] : files) scaffolding += rel + "\n" + Scaffolding(text, canaries) + "\n";
  for (const auto& [name, value] : env) scaffolding += name + "\n";
  INFO("canary pieces in the scaffolding");
  CHECK(Leaks(scaffolding, canaries).empty());
}

}  // namespace mcpguard::test

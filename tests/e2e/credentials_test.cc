// End-to-end: the credentials a server holds, as the built binary reports
// them from fake homes. Every location a host can put a secret in (env, an
// envFile, headers, args, URLs, OAuth client secrets, Claude Desktop
// extension settings) and every kind of reference (${env:X}, ${input:x},
// Goose env_keys, Codex env_vars and bearer_token_env_var); keyed
// fingerprints; the MCPG-CRED-* findings and --fail-on; and the rule that no
// secret value, nor any 8-character piece of one, ever reaches the output or
// mcpguard's own files.
//
// Expected rule fields (provider, kind, scope, severity...) are read off
// signatures/credentials.toml, the rules themselves; everything else off the
// input files. Secrets are fakes generated here: random strings from a fixed
// seed, GitHub classic PATs with a valid CRC32 checksum (threats.md §1.2),
// JWTs built from a chosen payload.
#include <sys/stat.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "base/process.h"
#include "formats/parse.h"
#include "support/evidence.h"
#include "support/leak_home.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

// ----------------------------------------------------------------- helpers

// "line"/"column" of the first occurrence of `needle` in `text`, 1-based,
// as mcpguard reports positions.
json At(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  if (at == std::string::npos) throw std::runtime_error("fixture has no " + needle);
  const size_t line_start = text.rfind('\n', at);
  size_t line = 1;
  for (size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') ++line;
  }
  const size_t column = line_start == std::string::npos ? at + 1 : at - line_start;
  return {{"line", line}, {"column", column}};
}

struct ScanArgs {
  std::vector<std::string> flags;
  Env env;
  std::string cwd;   // empty: --no-cwd
  std::string home;  // empty: <t>/home
};

ScanArgs Flags(std::vector<std::string> flags) {
  ScanArgs a;
  a.flags = std::move(flags);
  return a;
}

Run ScanRun(const TempDir& t, const ScanArgs& a = {}, const std::string& format = "json") {
  const std::string home = a.home.empty() ? t.MakeDir("home") : a.home;
  t.MakeDir("root");
  std::vector<std::string> args{"scan", "--format", format, "--os", "linux", "--root", t.Path("root")};
  if (a.cwd.empty()) args.push_back("--no-cwd");
  args.insert(args.end(), a.flags.begin(), a.flags.end());
  return RunMcpguard(args, home, a.env, a.cwd);
}

// `mcpguard scan --format json` of the fake home; every config must be read.
json Scan(const TempDir& t, const ScanArgs& a = {}) {
  const Run r = ScanRun(t, a);
  INFO("stderr: " << r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  json snap = r.Json();
  CHECK(snap.at("status") == "complete");
  return snap;
}

json FindServer(const json& snap, std::string_view host, std::string_view name) {
  std::vector<json> hits;
  for (const json& c : snap.at("configs")) {
    for (const json& s : c.at("servers")) {
      if (s.at("host") == host && s.at("name") == name) hits.push_back(s);
    }
  }
  INFO("server " << host << "/" << name << " in " << snap.at("configs").dump());
  REQUIRE(hits.size() == 1);
  return hits.front();
}

json FindConfig(const json& snap, const std::string& path) {
  for (const json& c : snap.at("configs")) {
    if (c.at("path") == path) return c;
  }
  FAIL("no config " << path);
  return {};
}

std::vector<json> FindingsWithId(const json& snap, std::string_view id) {
  std::vector<json> out;
  for (const json& f : snap.at("findings")) {
    if (f.at("id") == id) out.push_back(f);
  }
  return out;
}

std::vector<json> FindingsFor(const json& snap, std::string_view id, std::string_view server) {
  std::vector<json> out;
  for (const json& f : FindingsWithId(snap, id)) {
    if (f.at("server") == server) out.push_back(f);
  }
  return out;
}

bool IsFingerprint(const json& v) {
  if (!v.is_string()) return false;
  const std::string s = v.get<std::string>();
  if (s.size() != 19 || s.compare(0, 3, "fp:") != 0) return false;
  for (size_t i = 3; i < s.size(); ++i) {
    if (std::string_view("0123456789abcdef").find(s[i]) == std::string_view::npos) return false;
  }
  return true;
}

// The fields mcpguard copies from a rule of signatures/credentials.toml.
json RuleFields(const std::string& id) {
  static const formats::Document doc = [] {
    auto parsed = formats::Parse(ReadFile(std::string(MCPGUARD_SOURCE_DIR) + "/signatures/credentials.toml"),
                                 formats::Format::kToml);
    if (!parsed) throw std::runtime_error("credentials.toml: " + parsed.error().message);
    return std::move(*parsed);
  }();
  const formats::Node* rules = doc.root.Find("rule");
  if (rules == nullptr || !rules->IsArray()) throw std::runtime_error("credentials.toml has no [[rule]]");
  for (const formats::Node& r : rules->items) {
    const formats::Node* rid = r.Find("id");
    if (rid == nullptr || rid->str != id) continue;
    auto str = [&](std::string_view key) {
      const formats::Node* n = r.Find(key);
      return n != nullptr ? n->str : std::string();
    };
    const formats::Node* live = r.Find("live");
    return {{"rule", id},
            {"provider", str("provider")},
            {"kind", str("kind")},
            {"scope", str("scope")},
            {"blast_radius", str("blast_radius")},
            {"live", live == nullptr || live->boolean},
            {"severity", str("severity")}};
  }
  throw std::runtime_error("no rule " + id);
}

// An expected credential object: where, and how it is stored.
json Cred(const std::string& location, const json& pos, const std::string& storage) {
  return {{"location", location},
          {"line", pos.at("line")},
          {"column", pos.at("column")},
          {"storage", storage},
          {"severity", "info"}};
}

json Recognised(json c, const std::string& rule) {
  const json fields = RuleFields(rule);
  for (auto it = fields.begin(); it != fields.end(); ++it) c[it.key()] = it.value();
  return c;
}

// A credential that lives in another file than the config (envFile, extension settings).
json InFile(json c, const std::string& file) {
  c["file"] = file;
  return c;
}

json Reference(json c, const std::string& reference) {
  c["reference"] = reference;
  return c;
}

json Reference(json c, const std::string& reference, bool set) {
  c["reference"] = reference;
  c["reference_set"] = set;
  return c;
}

json WithFacts(json c, json facts) {
  c["facts"] = std::move(facts);
  return c;
}

// `actual` is `expected` plus, when `fingerprinted`, a well-formed
// fingerprint (and none otherwise). Returns the fingerprint.
std::string CheckCredential(const json& actual, const json& expected, bool fingerprinted) {
  INFO("actual credential: " << actual.dump());
  json a = actual;
  std::string fp;
  if (fingerprinted) {
    REQUIRE(a.contains("fingerprint"));
    CHECK(IsFingerprint(a["fingerprint"]));
    fp = a["fingerprint"].get<std::string>();
    a.erase("fingerprint");
  } else {
    CHECK_FALSE(a.contains("fingerprint"));
  }
  CHECK(a == expected);
  return fp;
}

// The credentials of one server, exactly: one expected object per credential,
// in order; `fingerprinted[i]` says whether the i-th has a fingerprint.
std::vector<std::string> CheckCredentials(const json& server, const std::vector<json>& expected,
                                          const std::vector<bool>& fingerprinted) {
  INFO("server " << server.at("name") << ": " << server.at("credentials").dump());
  const json& creds = server.at("credentials");
  REQUIRE(creds.size() == expected.size());
  std::vector<std::string> fps;
  for (size_t i = 0; i < expected.size(); ++i) fps.push_back(CheckCredential(creds[i], expected[i], fingerprinted[i]));
  return fps;
}

Result<ProcessResult> Git(const TempDir& t, const std::string& repo, std::vector<std::string> args) {
  ProcessOptions o;
  o.argv = {"git", "-c", "user.email=t@t", "-c", "user.name=t", "-c", "init.defaultBranch=main"};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  o.env = std::vector<std::string>{"HOME=" + t.MakeDir("git-home"), "GIT_CONFIG_NOSYSTEM=1", "LANG=C"};
  if (const char* path = std::getenv("PATH")) o.env->push_back(std::string("PATH=") + path);
  o.cwd = repo;
  return RunProcess(o);
}

void RunGit(const TempDir& t, const std::string& repo, std::vector<std::string> args) {
  auto r = Git(t, repo, std::move(args));
  REQUIRE(r);
  INFO("git: " << r->err);
  REQUIRE(r->exit_code == 0);
}

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 0;
  return st.st_mode & 07777;
}

// ============================================== detection, one location each

TEST_CASE("credentials: plaintext env values get the rule's provider and kind and a fingerprint",
          "[e2e][credentials]") {
  TempDir t;
  Fakes f(101);
  const std::string pat = f.GithubPat();
  const std::string key = f.Secret();
  const std::string text = R"({
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github"],
      "env": {
        "GITHUB_PERSONAL_ACCESS_TOKEN": ")" + pat + R"(",
        "LOG_LEVEL": "debug",
        "API_KEY": ")" + key + R"(",
        "NOTES": ")" + f.Secret() + R"("
      }
    }
  }
})";
  WriteConfig(t, "home/.cursor/mcp.json", text);
  const json snap = Scan(t);
  const json server = FindServer(snap, "cursor", "github");
  const auto fps = CheckCredentials(
      server,
      {Recognised(Cred("env.GITHUB_PERSONAL_ACCESS_TOKEN", At(text, "\"GITHUB_PERSONAL_ACCESS_TOKEN\""), "plaintext"),
                  "github-classic-pat"),
       Recognised(Cred("env.API_KEY", At(text, "\"API_KEY\""), "plaintext"), "generic-secret")},
      {true, true});
  CHECK(fps[0] != fps[1]);
  CHECK(snap["summary"]["credentials"] == 2);
  // The env list keeps names only.
  CHECK(server["env"][0] == json{{"name", "GITHUB_PERSONAL_ACCESS_TOKEN"},
                                 {"line", At(text, "\"GITHUB_PERSONAL_ACCESS_TOKEN\"")["line"]},
                                 {"column", At(text, "\"GITHUB_PERSONAL_ACCESS_TOKEN\"")["column"]},
                                 {"value", "literal"}});
}

TEST_CASE("credentials: a Cursor envFile relative to the project and under ${workspaceFolder}",
          "[e2e][credentials]") {
  TempDir t;
  Fakes f(102);
  const std::string live = f.StripeLive();
  const std::string test = f.StripeTest();
  const std::string proj = t.MakeDir("work/shop");
  WriteConfig(t, "work/shop/.cursor/mcp.json", R"({
  "mcpServers": {
    "stripe-live": {"command": "npx", "args": ["-y", "@stripe/mcp@0.2.4"], "envFile": ".env"},
    "stripe-test": {"command": "npx", "args": ["-y", "@stripe/mcp@0.2.4"],
                    "envFile": "${workspaceFolder}/config/stripe.env"}
  }
})");
  WriteConfig(t, "work/shop/.env", "# Stripe\nSTRIPE_SECRET_KEY=" + live + "\nDEBUG=1\n");
  WriteConfig(t, "work/shop/config/stripe.env", "export STRIPE_API_KEY=\"" + test + "\"\n");
  ScanArgs a;
  a.cwd = proj;
  const json snap = Scan(t, a);
  const json c = FindConfig(snap, proj + "/.cursor/mcp.json");
  CHECK(c["scope"] == "project");
  CHECK(c["diagnostics"].empty());
  CheckCredentials(FindServer(snap, "cursor", "stripe-live"),
                   {InFile(Recognised(Cred("env_file.STRIPE_SECRET_KEY", {{"line", 2}, {"column", 1}}, "env-file"),
                                      "stripe-live-secret-key"),
                           proj + "/.env")},
                   {true});
  CheckCredentials(FindServer(snap, "cursor", "stripe-test"),
                   {InFile(Recognised(Cred("env_file.STRIPE_API_KEY", {{"line", 1}, {"column", 8}}, "env-file"),
                                      "stripe-test-secret-key"),
                           proj + "/config/stripe.env")},
                   {true});
}

TEST_CASE("credentials: Authorization Bearer and Basic headers and an x-api-key header", "[e2e][credentials]") {
  TempDir t;
  Fakes f(103);
  const std::string bearer = f.Secret();
  const std::string api_key = f.Secret();
  const std::string basic = Base64("svc-user:" + f.Alnum(20), false);
  const std::string text = R"({
  "mcpServers": {
    "bearer": {"url": "https://mcp.example.com/mcp",
               "headers": {"Authorization": "Bearer )" + bearer + R"(", "X-Api-Key": ")" + api_key + R"(",
                           "Accept": "application/json"}},
    "basic": {"url": "https://mcp.example.org/mcp", "headers": {"Authorization": "Basic )" + basic + R"("}}
  }
})";
  WriteConfig(t, "home/.cursor/mcp.json", text);
  const json snap = Scan(t);
  CheckCredentials(
      FindServer(snap, "cursor", "bearer"),
      {Recognised(Cred("headers.Authorization", At(text, "\"Authorization\""), "plaintext"), "generic-secret"),
       Recognised(Cred("headers.X-Api-Key", At(text, "\"X-Api-Key\""), "plaintext"), "generic-secret")},
      {true, true});
  const std::string basic_at = "\"Authorization\": \"Basic";
  CheckCredentials(FindServer(snap, "cursor", "basic"),
                   {WithFacts(Recognised(Cred("headers.Authorization", At(text, basic_at), "plaintext"), "basic-auth"),
                              {{"basic_user", "svc-user"}})},
                   {true});
}

TEST_CASE("credentials: args as a flag's value, --flag=value, docker -e NAME=value and a connection string",
          "[e2e][credentials]") {
  TempDir t;
  Fakes f(104);
  const std::string token = f.Secret();
  const std::string api_key = f.Secret();
  const std::string docker = f.Secret();
  const std::string pg_password = f.Alnum(20);
  const std::string text = R"({
  "mcpServers": {
    "cli": {"command": "node", "args": ["server.js", "--token", ")" + token + R"(", "--api-key=)" + api_key + R"("]},
    "docker": {"command": "docker", "args": ["run", "-i", "--rm", "-e", "SECRET_KEY=)" + docker + R"(", "mcp/example"]},
    "pg": {"command": "npx",
           "args": ["-y", "@modelcontextprotocol/server-postgres", "postgresql://app:)" + pg_password +
                           R"(@db.internal:5432/appdb"]}
  }
})";
  WriteConfig(t, "home/.cursor/mcp.json", text);
  const json snap = Scan(t);
  const json cli = FindServer(snap, "cursor", "cli");
  CheckCredentials(cli,
                   {Recognised(Cred("args[2]", cli["position"], "plaintext"), "generic-secret"),
                    Recognised(Cred("args[3]", cli["position"], "plaintext"), "generic-secret")},
                   {true, true});
  CHECK(cli["args"] == json::array({"server.js", "--token", "<redacted>", "--api-key=<redacted>"}));
  const json docker_server = FindServer(snap, "cursor", "docker");
  CheckCredentials(docker_server, {Recognised(Cred("args[4]", docker_server["position"], "plaintext"), "generic-secret")},
                   {true});
  CHECK(docker_server["args"][4] == "SECRET_KEY=<redacted>");
  const json pg = FindServer(snap, "cursor", "pg");
  CheckCredentials(pg,
                   {WithFacts(Recognised(Cred("args[2]", pg["position"], "plaintext"), "db-url"),
                              {{"db_scheme", "postgresql"},
                               {"db_host", "db.internal"},
                               {"db_port", "5432"},
                               {"db_user", "app"},
                               {"db_name", "appdb"}})},
                   {true});
  CHECK(pg["args"][2] == "postgresql://app:<redacted>@db.internal:5432/appdb");
}

TEST_CASE("credentials: a password in a URL's userinfo and an api_key query parameter", "[e2e][credentials]") {
  TempDir t;
  Fakes f(105);
  const std::string password = f.Alnum(20);
  const std::string api_key = f.Secret();
  WriteConfig(t, "home/.cursor/mcp.json", R"({
  "mcpServers": {
    "userinfo": {"url": "https://deploy:)" + password + R"(@mcp.example.net/sse"},
    "query": {"url": "https://mcp.example.io/mcp?api_key=)" + api_key + R"(&team=core"}
  }
})");
  const json snap = Scan(t);
  const json userinfo = FindServer(snap, "cursor", "userinfo");
  CheckCredentials(userinfo,
                   {WithFacts(Recognised(Cred("url", userinfo["position"], "plaintext"), "url-userinfo"),
                              {{"url_scheme", "https"}, {"url_host", "mcp.example.net"}, {"url_user", "deploy"}})},
                   {true});
  CHECK(userinfo["url"] == "https://deploy:<redacted>@mcp.example.net/sse");
  const json query = FindServer(snap, "cursor", "query");
  CheckCredentials(query, {Recognised(Cred("url", query["position"], "plaintext"), "generic-secret")}, {true});
  CHECK(query["url"] == "https://mcp.example.io/mcp?api_key=<redacted>&team=core");
}

// The location is the key path in the server's definition: Cursor's "auth"
// block, Gemini CLI's "oauth" block.
TEST_CASE("credentials: OAuth client secrets in Cursor auth and Gemini CLI oauth blocks", "[e2e][credentials]") {
  TempDir t;
  Fakes f(106);
  const std::string cursor_text = R"({
  "mcpServers": {
    "oauth-app": {"url": "https://mcp.example.com/mcp",
                  "auth": {"CLIENT_ID": "cursor-mcp-client", "CLIENT_SECRET": ")" + f.Secret() + R"(",
                           "scopes": ["read"]}}
  }
})";
  WriteConfig(t, "home/.cursor/mcp.json", cursor_text);
  const std::string gemini_text = R"({
  "mcpServers": {
    "gemini-oauth": {"httpUrl": "https://mcp.example.org/mcp",
                     "oauth": {"enabled": true, "clientId": "gemini-client", "clientSecret": ")" + f.Secret() + R"("}}
  }
})";
  WriteConfig(t, "home/.gemini/settings.json", gemini_text);
  const json snap = Scan(t);
  const json cursor = FindServer(snap, "cursor", "oauth-app");
  CHECK(cursor["oauth"] == true);
  CheckCredentials(
      cursor,
      {Recognised(Cred("auth.CLIENT_SECRET", At(cursor_text, "\"CLIENT_SECRET\""), "plaintext"), "generic-secret")},
      {true});
  CheckCredentials(
      FindServer(snap, "gemini-cli", "gemini-oauth"),
      {Recognised(Cred("oauth.clientSecret", At(gemini_text, "\"clientSecret\""), "plaintext"), "generic-secret")},
      {true});
}

TEST_CASE("credentials: a Claude Desktop extension's settings: isEnabled and the userConfig values",
          "[e2e][credentials]") {
  TempDir t;
  Fakes f(107);
  const std::string ext = "home/.config/Claude/Claude Extensions/ant.dir.acme.search/manifest.json";
  WriteConfig(t, ext, R"({
  "manifest_version": "0.3",
  "name": "acme-search",
  "server": {
    "type": "node",
    "entry_point": "server/index.js",
    "mcp_config": {
      "command": "node",
      "args": ["${__dirname}/server/index.js"],
      "env": { "ACME_API_KEY": "${user_config.api_key}" }
    }
  },
  "user_config": { "api_key": { "type": "string", "sensitive": true } }
})");
  const std::string settings_text = "{\"isEnabled\": false,\n \"userConfig\": {\"api_key\": \"" + f.Secret() + "\"}}";
  const std::string settings =
      WriteConfig(t, "home/.config/Claude/Claude Extensions Settings/ant.dir.acme.search.json", settings_text);
  const json snap = Scan(t);
  const json server = FindServer(snap, "claude-desktop", "ant.dir.acme.search");
  CHECK(server["enabled"] == false);
  CHECK(FindConfig(snap, t.Path(ext))["settings_path"] == settings);
  // ${user_config.api_key} is where the value goes, not a second credential.
  CheckCredentials(server,
                   {InFile(Recognised(Cred("extension_settings.api_key", At(settings_text, "\"api_key\""),
                                           "extension-settings"),
                                      "generic-secret"),
                           settings)},
                   {true});
  REQUIRE(FindingsWithId(snap, "MCPG-CRED-001").size() == 1);
  CHECK(FindingsWithId(snap, "MCPG-CRED-001")[0]["server"] == "ant.dir.acme.search");
}

TEST_CASE("credentials: ${env:X} references, set (classified from the value) and unset", "[e2e][credentials]") {
  TempDir t;
  Fakes f(108);
  const std::string pat = f.GithubPat();
  const std::string token = f.Secret();
  const std::string text = R"({
  "mcpServers": {
    "ref-pat": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "${env:MCPG_TEST_PAT}"}},
    "ref-set": {"command": "x", "env": {"SERVICE_TOKEN": "${env:MCPG_TEST_TOKEN}"}},
    "ref-unset": {"command": "x", "env": {"OTHER_TOKEN": "${env:MCPG_TEST_UNSET}"}},
    "ref-plain": {"command": "x", "env": {"LOG_DIR": "${env:MCPG_TEST_LOGDIR}"}}
  }
})";
  WriteConfig(t, "home/.cursor/mcp.json", text);
  ScanArgs a;
  a.env = {{"MCPG_TEST_PAT", pat}, {"MCPG_TEST_TOKEN", token}, {"MCPG_TEST_LOGDIR", "/var/log/x"}};
  const json snap = Scan(t, a);
  CheckCredentials(FindServer(snap, "cursor", "ref-pat"),
                   {Recognised(Reference(Cred("env.GITHUB_PERSONAL_ACCESS_TOKEN",
                                              At(text, "\"GITHUB_PERSONAL_ACCESS_TOKEN\""), "environment"),
                                         "${env:MCPG_TEST_PAT}", true),
                               "github-classic-pat")},
                   {true});
  CheckCredentials(FindServer(snap, "cursor", "ref-set"),
                   {Recognised(Reference(Cred("env.SERVICE_TOKEN", At(text, "\"SERVICE_TOKEN\""), "environment"),
                                         "${env:MCPG_TEST_TOKEN}", true),
                               "generic-secret")},
                   {true});
  CheckCredentials(FindServer(snap, "cursor", "ref-unset"),
                   {Reference(Cred("env.OTHER_TOKEN", At(text, "\"OTHER_TOKEN\""), "environment"),
                              "${env:MCPG_TEST_UNSET}", false)},
                   {false});
  CHECK(FindServer(snap, "cursor", "ref-plain")["credentials"].empty());
  // A reference is not a plaintext secret.
  CHECK(FindingsWithId(snap, "MCPG-CRED-001").empty());

  // The same value written literally elsewhere has the same fingerprint.
  WriteConfig(t, "home/.claude.json",
              R"({"mcpServers": {"literal": {"command": "x", "env": {"SERVICE_TOKEN": ")" + token + R"("}}}})");
  const json again = Scan(t, a);
  CHECK(FindServer(again, "claude-code", "literal")["credentials"][0]["fingerprint"] ==
        FindServer(again, "cursor", "ref-set")["credentials"][0]["fingerprint"]);
}

TEST_CASE("credentials: ${input:x} references are kept by VS Code", "[e2e][credentials]") {
  TempDir t;
  const std::string text = R"({
  "inputs": [{"type": "promptString", "id": "github_token", "description": "GitHub PAT", "password": true}],
  "servers": {
    "gh": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
           "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "${input:github_token}"}},
    "remote": {"type": "http", "url": "https://mcp.example.com/mcp",
               "headers": {"Authorization": "Bearer ${input:api_token}"}}
  }
})";
  WriteConfig(t, "home/.config/Code/User/mcp.json", text);
  const json snap = Scan(t);
  CheckCredentials(FindServer(snap, "vscode", "gh"),
                   {Reference(Cred("env.GITHUB_PERSONAL_ACCESS_TOKEN", At(text, "\"GITHUB_PERSONAL_ACCESS_TOKEN\""),
                                   "input"),
                              "${input:github_token}")},
                   {false});
  CheckCredentials(FindServer(snap, "vscode", "remote"),
                   {Reference(Cred("headers.Authorization", At(text, "\"Authorization\""), "input"),
                              "${input:api_token}")},
                   {false});
  CHECK(snap["findings"].empty());
}

TEST_CASE("credentials: Goose env_keys come from the keychain", "[e2e][credentials]") {
  TempDir t;
  Fakes f(109);
  const std::string pat = f.GithubPat();
  WriteConfig(t, "home/.config/goose/config.yaml", R"(extensions:
  gh:
    type: stdio
    name: gh
    cmd: npx
    args: ["-y", "@modelcontextprotocol/server-github"]
    env_keys: ["GITHUB_PERSONAL_ACCESS_TOKEN", "LINEAR_API_KEY", "LOG_LEVEL"]
    enabled: true
)");
  ScanArgs a;
  a.env = {{"GITHUB_PERSONAL_ACCESS_TOKEN", pat}};
  const json snap = Scan(t, a);
  const json gh = FindServer(snap, "goose", "gh");
  CheckCredentials(gh,
                   {Recognised(Reference(Cred("env_passthrough.GITHUB_PERSONAL_ACCESS_TOKEN", gh["position"], "keychain"),
                                         "$GITHUB_PERSONAL_ACCESS_TOKEN"),
                               "github-classic-pat"),
                    Reference(Cred("env_passthrough.LINEAR_API_KEY", gh["position"], "keychain"), "$LINEAR_API_KEY")},
                   {true, false});
}

TEST_CASE("credentials: Codex bearer_token_env_var, env_vars and env_http_headers", "[e2e][credentials]") {
  TempDir t;
  Fakes f(110);
  const std::string pat = f.GithubPat();
  WriteConfig(t, "home/.codex/config.toml", R"([mcp_servers.gh]
url = "https://api.githubcopilot.com/mcp/"
bearer_token_env_var = "MCPG_GH_PAT"

[mcp_servers.docs]
command = "uvx"
args = ["docs-mcp"]
env_vars = ["DOCS_TOKEN"]

[mcp_servers.remote]
url = "https://mcp.example.com/mcp"
env_http_headers = { "X-Api-Key" = "EXAMPLE_API_KEY" }
)");
  ScanArgs a;
  a.env = {{"MCPG_GH_PAT", pat}};
  const json snap = Scan(t, a);
  const json gh = FindServer(snap, "codex", "gh");
  CheckCredentials(gh,
                   {Recognised(Reference(Cred("bearer_token_env_var", gh["position"], "environment"), "$MCPG_GH_PAT", true),
                               "github-classic-pat")},
                   {true});
  const json docs = FindServer(snap, "codex", "docs");
  CheckCredentials(docs,
                   {Reference(Cred("env_passthrough.DOCS_TOKEN", docs["position"], "environment"), "$DOCS_TOKEN", false)},
                   {false});
  const json remote = FindServer(snap, "codex", "remote");
  REQUIRE(remote["credentials"].size() == 1);
  CHECK(remote["credentials"][0]["location"] == "headers.X-Api-Key");
  CHECK(remote["credentials"][0]["storage"] == "environment");
  CHECK(remote["credentials"][0]["reference"] == "$EXAMPLE_API_KEY");
  CHECK(remote["credentials"][0]["reference_set"] == false);
  // The token reaches GitHub's own server: no foreign-server finding.
  CHECK(FindingsWithId(snap, "MCPG-CRED-006").empty());
}

// ============================================================ fingerprints

TEST_CASE("fingerprints: one secret in two hosts' servers is one fingerprint and one shared-credential finding",
          "[e2e][credentials]") {
  TempDir t;
  Fakes f(201);
  const std::string pat = f.GithubPat();
  const std::string other = f.GithubPat();
  WriteConfig(t, "home/.cursor/mcp.json", R"({"mcpServers": {
  "gh-cursor": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": ")" + pat + R"("}},
  "gh-other": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
               "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": ")" + other + R"("}}
}})");
  WriteConfig(t, "home/.claude.json", R"({"mcpServers": {
  "gh-claude": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                "env": {"GITHUB_TOKEN": ")" + pat + R"("}}
}})");
  const json snap = Scan(t);
  const json fp_cursor = FindServer(snap, "cursor", "gh-cursor")["credentials"][0]["fingerprint"];
  const json fp_claude = FindServer(snap, "claude-code", "gh-claude")["credentials"][0]["fingerprint"];
  const json fp_other = FindServer(snap, "cursor", "gh-other")["credentials"][0]["fingerprint"];
  CHECK(IsFingerprint(fp_cursor));
  CHECK(fp_cursor == fp_claude);
  CHECK(fp_other != fp_cursor);
  const auto shared = FindingsWithId(snap, "MCPG-CRED-005");
  REQUIRE(shared.size() == 1);
  CHECK(shared[0]["name"] == "shared-credential");
  CHECK(shared[0]["severity"] == "medium");
  const std::string message = shared[0]["message"];
  CHECK_THAT(message, Contains(fp_cursor.get<std::string>()) && Contains("2 servers") &&
                          Contains("claude-code/gh-claude") && Contains("cursor/gh-cursor"));
  CHECK_THAT(message, !Contains("gh-other"));
}

TEST_CASE("fingerprints: the secret alone counts, not the Bearer word or the --flag= around it",
          "[e2e][credentials]") {
  TempDir t;
  Fakes f(202);
  const std::string secret = f.Secret();
  WriteConfig(t, "home/.cursor/mcp.json", R"({"mcpServers": {
  "in-env": {"command": "x", "env": {"API_KEY": ")" + secret + R"("}},
  "in-header": {"url": "https://mcp.example.com/mcp", "headers": {"Authorization": "Bearer )" + secret + R"("}},
  "in-flag": {"command": "x", "args": ["--api-key=)" + secret + R"("]}
}})");
  const json snap = Scan(t);
  const json fp = FindServer(snap, "cursor", "in-env")["credentials"][0]["fingerprint"];
  CHECK(IsFingerprint(fp));
  CHECK(FindServer(snap, "cursor", "in-header")["credentials"][0]["fingerprint"] == fp);
  CHECK(FindServer(snap, "cursor", "in-flag")["credentials"][0]["fingerprint"] == fp);
  const auto shared = FindingsWithId(snap, "MCPG-CRED-005");
  REQUIRE(shared.size() == 1);
  CHECK_THAT(shared[0]["message"].get<std::string>(), Contains("3 servers"));
}

TEST_CASE("fingerprints: the key is made once (mode 0600) and reused, so runs agree", "[e2e][credentials]") {
  TempDir t;
  Fakes f(203);
  WriteConfig(t, "home/.cursor/mcp.json",
              R"({"mcpServers": {"s": {"command": "x", "env": {"API_KEY": ")" + f.Secret() + R"("}}}})");
  const std::string key_path = t.Path("home/.config/mcpguard/fingerprint.key");
  const json first = Scan(t);
  REQUIRE(std::filesystem::exists(key_path));
  CHECK(ModeOf(key_path) == 0600);
  CHECK((ModeOf(t.Path("home/.config/mcpguard")) & 077) == 0);
  const std::string key = ReadFile(key_path);
  CHECK(key.size() == 65);  // 64 hex digits and a newline
  const json second = Scan(t);
  CHECK(ReadFile(key_path) == key);
  const json fp = FindServer(first, "cursor", "s")["credentials"][0]["fingerprint"];
  CHECK(IsFingerprint(fp));
  CHECK(FindServer(second, "cursor", "s")["credentials"][0]["fingerprint"] == fp);

  SECTION("XDG_CONFIG_HOME moves the key") {
    ScanArgs a;
    a.env = {{"XDG_CONFIG_HOME", t.Path("xdg")}};
    const json moved = Scan(t, a);
    CHECK(ModeOf(t.Path("xdg/mcpguard/fingerprint.key")) == 0600);
    // Another key, another fingerprint.
    CHECK(FindServer(moved, "cursor", "s")["credentials"][0]["fingerprint"] != fp);
  }
}

TEST_CASE("fingerprints: a fingerprint_key in config.toml gives every machine the same fingerprints",
          "[e2e][credentials]") {
  TempDir t;
  Fakes f(204);
  const std::string secret = f.Secret();
  const std::string config = "fingerprint_key = \"" + std::string(64, '0').replace(0, 16, "0123456789abcdef") + "\"\n";
  std::vector<json> fps;
  for (const std::string home : {"alice", "bob"}) {
    WriteConfig(t, home + "/.cursor/mcp.json",
                R"({"mcpServers": {"s-)" + home + R"(": {"command": "x", "env": {"API_KEY": ")" + secret + R"("}}}})");
    WriteConfig(t, home + "/.config/mcpguard/config.toml", config);
    ScanArgs a;
    a.home = t.Path(home);
    const json snap = Scan(t, a);
    fps.push_back(FindServer(snap, "cursor", "s-" + home)["credentials"][0]["fingerprint"]);
    // The shared key is used, no machine key is made.
    CHECK_FALSE(std::filesystem::exists(t.Path(home + "/.config/mcpguard/fingerprint.key")));
  }
  CHECK(IsFingerprint(fps[0]));
  CHECK(fps[0] == fps[1]);

  // Without the shared key each machine has its own.
  TempDir u;
  WriteConfig(u, "home/.cursor/mcp.json",
              R"({"mcpServers": {"s": {"command": "x", "env": {"API_KEY": ")" + secret + R"("}}}})");
  CHECK(FindServer(Scan(u), "cursor", "s")["credentials"][0]["fingerprint"] != fps[0]);
}

TEST_CASE("fingerprints: a malformed fingerprint_key stops the scan", "[e2e][credentials]") {
  TempDir t;
  WriteConfig(t, "home/.cursor/mcp.json", R"({"mcpServers": {"s": {"command": "x"}}})");
  WriteConfig(t, "home/.config/mcpguard/config.toml", "fingerprint_key = \"abc\"\n");
  const Run r = ScanRun(t);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Contains("fingerprint_key") && Contains("config.toml"));
}

// scan.cc ClassifyCredentials: a key that cannot be used gives per-run
// fingerprints and a warning rather than no scan; the key file is left alone.
TEST_CASE("fingerprints: a key file others can read is not used: a warning and per-run fingerprints",
          "[e2e][credentials]") {
  TempDir t;
  Fakes f(205);
  WriteConfig(t, "home/.cursor/mcp.json",
              R"({"mcpServers": {"s": {"command": "x", "env": {"API_KEY": ")" + f.Secret() + R"("}}}})");
  const std::string key_path = WriteConfig(
      t, "home/.config/mcpguard/fingerprint.key",
      "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n", 0644);
  std::vector<json> fps;
  for (int run = 0; run < 2; ++run) {
    const Run r = ScanRun(t, {}, "json");
    INFO("stderr: " << r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    const json snap = r.Json();
    CHECK(snap["status"] == "complete");
    REQUIRE(snap["diagnostics"].size() == 1);
    const json& d = snap["diagnostics"][0];
    CHECK(d["severity"] == "warning");
    CHECK(d["path"] == key_path);
    CHECK_THAT(d["message"].get<std::string>(), Contains("chmod 600") && Contains("this run only"));
    fps.push_back(FindServer(snap, "cursor", "s")["credentials"][0]["fingerprint"]);
    CHECK(IsFingerprint(fps.back()));
  }
  CHECK(fps[0] != fps[1]);
  CHECK(ModeOf(key_path) == 0644);
  CHECK(ReadFile(key_path) == "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n");
  // The text report shows the warning too.
  const Run text = ScanRun(t, {}, "text");
  CHECK_THAT(text.out, Contains("warning: other users can access the fingerprint key"));
}

// ================================================================ findings

TEST_CASE("findings: MCPG-CRED-001 takes the rule's severity: a live Stripe key above a test key",
          "[e2e][credentials]") {
  TempDir t;
  Fakes f(301);
  const std::string text = R"({"mcpServers": {
  "live": {"command": "npx", "args": ["-y", "@stripe/mcp@0.2.4"], "env": {"STRIPE_SECRET_KEY": ")" + f.StripeLive() + R"("}},
  "test": {"command": "npx", "args": ["-y", "@stripe/mcp@0.2.4"], "env": {"STRIPE_API_KEY": ")" + f.StripeTest() + R"("}}
}})";
  const std::string path = WriteConfig(t, "home/.cursor/mcp.json", text);
  const json snap = Scan(t);
  const auto live = FindingsFor(snap, "MCPG-CRED-001", "live");
  REQUIRE(live.size() == 1);
  const std::string fp = FindServer(snap, "cursor", "live")["credentials"][0]["fingerprint"];
  const json pos = At(text, "\"STRIPE_SECRET_KEY\"");
  CHECK(live[0]["name"] == "plaintext-secret");
  CHECK(live[0]["severity"] == "critical");
  CHECK(live[0]["host"] == "cursor");
  CHECK(live[0]["config_path"] == path);
  CHECK(live[0]["line"] == pos["line"]);
  CHECK(live[0]["column"] == pos["column"]);
  CHECK(live[0]["message"] == "plaintext Stripe live secret key in env.STRIPE_SECRET_KEY (" + fp + ")");
  CHECK_THAT(live[0]["remediation"].get<std::string>(), Contains("Roll the key in the Stripe Dashboard"));
  CHECK(live[0]["references"] ==
        json::array({"OWASP MCP Top 10: MCP01 token mismanagement and secret exposure"}));
  const auto test = FindingsFor(snap, "MCPG-CRED-001", "test");
  REQUIRE(test.size() == 1);
  CHECK(test[0]["severity"] == "low");
  // Findings come worst first.
  CHECK(snap["findings"][0]["severity"] == "critical");
  CHECK(snap["summary"]["findings"]["critical"] >= 1);
}

TEST_CASE("findings: MCPG-CRED-002 for a secret on the command line", "[e2e][credentials]") {
  TempDir t;
  Fakes f(302);
  WriteConfig(t, "home/.cursor/mcp.json", R"({"mcpServers": {
  "live-arg": {"command": "node", "args": ["server.js", "--token", ")" + f.Secret() + R"("]},
  "test-arg": {"command": "npx", "args": ["-y", "@stripe/mcp@0.2.4", "--api-key=)" + f.StripeTest() + R"("]},
  "env-only": {"command": "node", "env": {"API_KEY": ")" + f.Secret() + R"("}}
}})");
  const json snap = Scan(t);
  const auto live = FindingsFor(snap, "MCPG-CRED-002", "live-arg");
  REQUIRE(live.size() == 1);
  CHECK(live[0]["name"] == "secret-in-args");
  CHECK(live[0]["severity"] == "high");
  CHECK_THAT(live[0]["message"].get<std::string>(), Contains("\"live-arg\""));
  const auto test = FindingsFor(snap, "MCPG-CRED-002", "test-arg");
  REQUIRE(test.size() == 1);
  CHECK(test[0]["severity"] == "medium");
  CHECK(FindingsFor(snap, "MCPG-CRED-002", "env-only").empty());
  CHECK(FindingsFor(snap, "MCPG-CRED-001", "live-arg").size() == 1);
}

TEST_CASE("findings: MCPG-CRED-003 for a config with secrets others can read", "[e2e][credentials]") {
  TempDir t;
  Fakes f(303);
  const std::string path = WriteConfig(
      t, "home/.cursor/mcp.json",
      R"({"mcpServers": {"s": {"command": "x", "env": {"API_KEY": ")" + f.Secret() + R"("}}}})", 0644);
  json snap = Scan(t);
  auto found = FindingsWithId(snap, "MCPG-CRED-003");
  REQUIRE(found.size() == 1);
  CHECK(found[0]["name"] == "config-readable-by-others");
  CHECK(found[0]["severity"] == "high");
  CHECK(found[0]["config_path"] == path);
  CHECK(found[0]["server"] == "");
  CHECK(found[0]["message"] == "config holding 1 secret(s) is readable by every user (mode 0644)");
  CHECK(found[0]["remediation"] == "chmod 600 " + path);

  ::chmod(path.c_str(), 0640);
  snap = Scan(t);
  found = FindingsWithId(snap, "MCPG-CRED-003");
  REQUIRE(found.size() == 1);
  CHECK(found[0]["severity"] == "medium");
  CHECK_THAT(found[0]["message"].get<std::string>(), Contains("its group") && Contains("0640"));

  ::chmod(path.c_str(), 0600);
  CHECK(FindingsWithId(Scan(t), "MCPG-CRED-003").empty());

  // A readable config holding only references holds no secret.
  TempDir u;
  WriteConfig(u, "home/.cursor/mcp.json",
              R"({"mcpServers": {"s": {"command": "x", "env": {"API_KEY": "${env:MCPG_UNSET_KEY}"}}}})", 0644);
  CHECK(FindingsWithId(Scan(u), "MCPG-CRED-003").empty());
}

TEST_CASE("findings: MCPG-CRED-004 for a project .mcp.json with a secret that git tracks", "[e2e][credentials]") {
  TempDir t;
  Fakes f(304);
  const std::string repo = t.MakeDir("work/repo");
  RunGit(t, repo, {"init", "-q"});
  const std::string path = WriteConfig(
      t, "work/repo/.mcp.json",
      R"({"mcpServers": {"db": {"command": "x", "env": {"API_KEY": ")" + f.Secret() + R"("}}}})");
  ScanArgs a;
  a.cwd = repo;
  {
    const json snap = Scan(t, a);
    REQUIRE(FindServer(snap, "claude-code", "db")["credentials"].size() == 1);
    CHECK(FindingsWithId(snap, "MCPG-CRED-004").empty());  // untracked
  }
  RunGit(t, repo, {"add", ".mcp.json"});
  const json snap = Scan(t, a);
  const auto found = FindingsWithId(snap, "MCPG-CRED-004");
  REQUIRE(found.size() == 1);
  CHECK(found[0]["name"] == "config-tracked-by-git");
  CHECK(found[0]["severity"] == "critical");
  CHECK(found[0]["host"] == "claude-code");
  CHECK(found[0]["config_path"] == path);
  CHECK(found[0]["evidence"] == "tracked in the repository at " + repo);
  CHECK_THAT(found[0]["message"].get<std::string>(), Contains("1 secret(s)"));

  // A tracked config with references only is fine.
  TempDir u;
  const std::string clean = u.MakeDir("repo");
  RunGit(u, clean, {"init", "-q"});
  WriteConfig(u, "repo/.mcp.json",
              R"({"mcpServers": {"db": {"command": "x", "env": {"API_KEY": "${MCPG_UNSET_KEY}"}}}})");
  RunGit(u, clean, {"add", ".mcp.json"});
  ScanArgs b;
  b.cwd = clean;
  CHECK(FindingsWithId(Scan(u, b), "MCPG-CRED-004").empty());
}

TEST_CASE("findings: MCPG-CRED-006 for a GitHub token given to a server that is not GitHub's",
          "[e2e][credentials]") {
  TempDir t;
  Fakes f(306);
  WriteConfig(t, "home/.cursor/mcp.json", R"({"mcpServers": {
  "weather": {"command": "npx", "args": ["-y", "weather-mcp"], "env": {"GITHUB_TOKEN": ")" + f.GithubPat() + R"("}},
  "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
             "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": ")" + f.GithubPat() + R"("}}
}})");
  const json snap = Scan(t);
  const auto foreign = FindingsWithId(snap, "MCPG-CRED-006");
  REQUIRE(foreign.size() == 1);
  CHECK(foreign[0]["server"] == "weather");
  CHECK(foreign[0]["name"] == "credential-to-foreign-server");
  CHECK(foreign[0]["severity"] == "high");
  CHECK_THAT(foreign[0]["message"].get<std::string>(),
             Contains("GitHub classic personal access token given to \"weather\""));
  CHECK_THAT(foreign[0]["evidence"].get<std::string>(), Contains("server runs npx"));
  CHECK(FindingsFor(snap, "MCPG-CRED-006", "github").empty());
}

TEST_CASE("findings: MCPG-CRED-007 for a JWT whose exp has passed", "[e2e][credentials]") {
  TempDir t;
  Fakes f(307);
  const std::string expired = f.Jwt({{"sub", "svc-expired"}, {"iat", 1599990000}, {"exp", 1600000000}});
  const std::string current = f.Jwt({{"sub", "svc-current"}, {"iat", 1700000000}, {"exp", 4102444800}});
  const std::string text = R"({"mcpServers": {
  "old": {"command": "x", "env": {"SESSION_TOKEN": ")" + expired + R"("}},
  "new": {"command": "x", "env": {"SESSION_TOKEN": ")" + current + R"("}}
}})";
  WriteConfig(t, "home/.cursor/mcp.json", text);
  const json snap = Scan(t);
  const json old_server = FindServer(snap, "cursor", "old");
  CheckCredentials(old_server,
                   {WithFacts(Recognised(Cred("env.SESSION_TOKEN", At(text, "\"SESSION_TOKEN\""), "plaintext"), "jwt"),
                              {{"jwt_alg", "HS256"},
                               {"jwt_exp", "2020-09-13T12:26:40Z"},
                               {"jwt_expired", "true"},
                               {"jwt_lifetime_days", "0"},
                               {"jwt_sub", "svc-expired"}})},
                   {true});
  const auto found = FindingsWithId(snap, "MCPG-CRED-007");
  REQUIRE(found.size() == 1);
  CHECK(found[0]["server"] == "old");
  CHECK(found[0]["name"] == "expired-credential");
  CHECK(found[0]["severity"] == "low");
  CHECK_THAT(found[0]["evidence"].get<std::string>(), Contains("expired 2020-09-13T12:26:40Z"));
  const json new_server = FindServer(snap, "cursor", "new");
  CHECK(new_server["credentials"][0]["facts"]["jwt_expired"] == "false");
  CHECK(new_server["credentials"][0]["facts"]["jwt_exp"] == "2100-01-01T00:00:00Z");
}

TEST_CASE("findings: MCPG-CRED-008 for a classic PAT, none for a fine-grained one or a test key",
          "[e2e][credentials]") {
  TempDir t;
  Fakes f(308);
  WriteConfig(t, "home/.cursor/mcp.json", R"({"mcpServers": {
  "classic": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
              "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": ")" + f.GithubPat() + R"("}},
  "fine": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
           "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": ")" + f.GithubFineGrained() + R"("}},
  "sandbox": {"command": "npx", "args": ["-y", "@stripe/mcp@0.2.4"], "env": {"STRIPE_SECRET_KEY": ")" + f.StripeTest() + R"("}}
}})");
  const json snap = Scan(t);
  CHECK(FindServer(snap, "cursor", "fine")["credentials"][0]["rule"] == "github-fine-grained-pat");
  const auto found = FindingsWithId(snap, "MCPG-CRED-008");
  REQUIRE(found.size() == 1);
  CHECK(found[0]["server"] == "classic");
  CHECK(found[0]["name"] == "long-lived-privileged");
  CHECK(found[0]["severity"] == "medium");
  CHECK_THAT(found[0]["message"].get<std::string>(),
             Contains("never-expiring high-privilege GitHub classic personal access token"));
}

TEST_CASE("findings: --fail-on sets the severity that makes the exit status 1", "[e2e][credentials]") {
  Fakes f(309);
  TempDir low;  // a Stripe test key: one low finding
  WriteConfig(low, "home/.cursor/mcp.json",
              R"({"mcpServers": {"s": {"command": "npx", "args": ["-y", "@stripe/mcp@0.2.4"],
                  "env": {"STRIPE_SECRET_KEY": ")" + f.StripeTest() + R"("}}}})");
  {
    const json snap = Scan(low);
    REQUIRE(snap["findings"].size() == 1);
    REQUIRE(snap["findings"][0]["severity"] == "low");
  }
  CHECK(ScanRun(low).exit_code == 0);  // default: high
  CHECK(ScanRun(low, Flags({"--fail-on", "high"})).exit_code == 0);
  CHECK(ScanRun(low, Flags({"--fail-on", "critical"})).exit_code == 0);
  CHECK(ScanRun(low, Flags({"--fail-on", "medium"})).exit_code == 0);
  CHECK(ScanRun(low, Flags({"--fail-on", "low"})).exit_code == 1);
  CHECK(ScanRun(low, Flags({"--fail-on", "info"})).exit_code == 1);

  TempDir critical;  // a live Stripe key: critical
  WriteConfig(critical, "home/.cursor/mcp.json",
              R"({"mcpServers": {"s": {"command": "npx", "args": ["-y", "@stripe/mcp@0.2.4"],
                  "env": {"STRIPE_SECRET_KEY": ")" + f.StripeLive() + R"("}}}})");
  CHECK(ScanRun(critical).exit_code == 1);
  CHECK(ScanRun(critical, Flags({"--fail-on", "critical"})).exit_code == 1);
  CHECK(ScanRun(critical, Flags({"--fail-on", "critical"}), "text").exit_code == 1);

  TempDir high;  // a generic secret in args: 002 high, nothing critical
  WriteConfig(high, "home/.cursor/mcp.json",
              R"({"mcpServers": {"s": {"command": "x", "args": ["--token", ")" + f.Secret() + R"("]}}})");
  CHECK(ScanRun(high).exit_code == 1);
  CHECK(ScanRun(high, Flags({"--fail-on", "critical"})).exit_code == 0);

  TempDir none;  // references only
  WriteConfig(none, "home/.cursor/mcp.json",
              R"({"mcpServers": {"s": {"command": "x", "env": {"API_KEY": "${env:MCPG_UNSET}"}}}})");
  CHECK(ScanRun(none, Flags({"--fail-on", "info"})).exit_code == 0);

  const Run bad = ScanRun(none, Flags({"--fail-on", "severe"}));
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Contains("--fail-on"));
}

TEST_CASE("findings: the text report lists the credentials and a Findings section with the ids",
          "[e2e][credentials]") {
  TempDir t;
  Fakes f(310);
  const std::string text = R"({"mcpServers": {
  "stripe": {"command": "npx", "args": ["-y", "@stripe/mcp@0.2.4"], "env": {"STRIPE_SECRET_KEY": ")" + f.StripeLive() + R"("}}
}})";
  WriteConfig(t, "home/.cursor/mcp.json", text);
  const json snap = Scan(t);
  const std::string fp = FindServer(snap, "cursor", "stripe")["credentials"][0]["fingerprint"];
  const Run r = ScanRun(t, {}, "text");
  CHECK(r.exit_code == 1);
  CHECK(r.err.empty());
  const json pos = At(text, "\"STRIPE_SECRET_KEY\"");
  const std::string where =
      "~/.cursor/mcp.json:" + pos["line"].dump() + ":" + pos["column"].dump() + "\n";
  CHECK_THAT(r.out, Contains("credential: Stripe live secret key, env.STRIPE_SECRET_KEY, plaintext, " + fp + ": " +
                             RuleFields("stripe-live-secret-key")["scope"].get<std::string>() + "\n"));
  CHECK_THAT(r.out, Contains("\nFindings\n"));
  CHECK_THAT(r.out, Contains("  CRITICAL MCPG-CRED-001  " + where));
  CHECK_THAT(r.out, Contains("  MEDIUM   MCPG-CRED-008  " + where));
  CHECK_THAT(r.out, Contains("stripe: plaintext Stripe live secret key in env.STRIPE_SECRET_KEY (" + fp + ")\n"));
  CHECK_THAT(r.out, Contains("1 server in 1 config of 1 host, 1 credential; 2 findings\n"));
}

// The path:line:column of a finding must point at the secret: for a value in
// an envFile or in an extension's settings, the line and column are those of
// that file, so the path must be too (or the position that of the config's
// "envFile" key).
TEST_CASE("findings: a secret in an envFile or extension settings is reported at a position in that file",
          "[e2e][credentials]") {
  TempDir t;
  Fakes f(311);
  const std::string proj = t.MakeDir("work/app");
  const std::string config = WriteConfig(t, "work/app/.cursor/mcp.json", R"({
  "mcpServers": {
    "stripe": {"command": "npx", "args": ["-y", "@stripe/mcp@0.2.4"], "envFile": ".env"}
  }
})");
  const std::string env_file =
      WriteConfig(t, "work/app/.env", "# one\n# two\n# three\n# four\n# five\nSTRIPE_SECRET_KEY=" + f.StripeLive() + "\n");
  ScanArgs a;
  a.cwd = proj;
  const json snap = Scan(t, a);
  const auto found = FindingsFor(snap, "MCPG-CRED-001", "stripe");
  REQUIRE(found.size() == 1);
  INFO("finding: " << found[0].dump());
  const bool at_secret = found[0]["config_path"] == env_file && found[0]["line"] == 6;
  const bool at_envfile_key = found[0]["config_path"] == config && found[0]["line"] == 3;
  CHECK((at_secret || at_envfile_key));

  const std::string manifest_text = R"({
  "manifest_version": "0.3",
  "name": "acme",
  "server": {
    "type": "node",
    "entry_point": "index.js",
    "mcp_config": {
      "command": "node",
      "args": ["${__dirname}/index.js"],
      "env": { "ACME_API_KEY": "${user_config.api_key}" }
    }
  }
})";
  const std::string manifest = WriteConfig(t, "home/.config/Claude/Claude Extensions/ant.dir.acme/manifest.json",
                                           manifest_text);
  const std::string settings =
      WriteConfig(t, "home/.config/Claude/Claude Extensions Settings/ant.dir.acme.json",
                  "{\n \"isEnabled\": true,\n \"userConfig\": {\n  \"api_key\": \"" + f.Secret() + "\"\n }\n}\n");
  const auto ext = FindingsFor(Scan(t, a), "MCPG-CRED-001", "ant.dir.acme");
  REQUIRE(ext.size() == 1);
  INFO("finding: " << ext[0].dump());
  const bool at_setting = ext[0]["config_path"] == settings && ext[0]["line"] == 4;
  const bool at_reference =
      ext[0]["config_path"] == manifest && ext[0]["line"] == At(manifest_text, "\"ACME_API_KEY\"")["line"];
  CHECK((at_setting || at_reference));
}

// ================================================================= leaks

TEST_CASE("no secret from any location reaches any output or mcpguard's own files", "[e2e][leak][credentials]") {
  LeakHome h;
  h.CheckCanariesDistinct();
  const Canaries& canaries = h.canaries;
  const TempDir& t = h.t;
  const std::string& home = h.home;
  const std::string& root = h.root;
  const std::vector<std::string> scan{"scan", "--os", "linux", "--root", root};
  auto with = [&](std::vector<std::string> more) {
    std::vector<std::string> args = scan;
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  const std::vector<std::vector<std::string>> commands = {
      with({}),
      with({"--format", "json"}),
      with({"--json"}),
      with({"--deep", t.Path("work")}),
      with({"--deep", t.Path("work"), "--format", "json"}),
      with({"--host", "cursor", "--fail-on", "info"}),
      with({"--no-cwd", "--format", "json"}),
      {"hosts"},
      {"hosts", "--os", "linux", "--format", "json"},
      {"help", "scan"},
      {"--help"},
      {"scan", "--format", "xml"},
      {"scan", "--bogus"},
  };
  size_t json_credentials = 0;
  for (const std::vector<std::string>& args : commands) {
    const Run r = RunMcpguard(args, home, h.env, h.proj);
    CAPTURE(args);
    CHECK(r.exit_code <= 2);
    INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
    CHECK(Leaks(r.out, canaries) == std::vector<std::string>{});
    CHECK(Leaks(r.err, canaries) == std::vector<std::string>{});
    if (args.size() > 6 && args[5] == "--deep" && args.back() == "json") {
      json_credentials = r.Json()["summary"]["credentials"].get<size_t>();
    }
  }
  for (const char* dir : {".config/mcpguard", ".local/state/mcpguard", ".cache/mcpguard"}) {
    for (const auto& [path, content] : FilesBelow(home + "/" + dir)) {
      INFO("file " << path);
      CHECK(Leaks(path + "\n" + content, canaries) == std::vector<std::string>{});
    }
  }
  // The scan history's objects are zlib-compressed, invisible to the search
  // above: read every recorded scan back through git.
  {
    ProcessOptions git;
    git.argv = {"git", "--git-dir=" + home + "/.local/state/mcpguard/history", "log", "-p", "--all"};
    git.env = std::vector<std::string>{"PATH=/usr/bin:/bin", "HOME=/nonexistent", "GIT_CONFIG_NOSYSTEM=1"};
    const auto log = RunProcess(git);
    REQUIRE(log.has_value());
    CHECK(log->exit_code == 0);
    CHECK(log->out.find("first scan") != std::string::npos);  // not vacuous
    CHECK(Leaks(log->out, canaries) == std::vector<std::string>{});
  }
  // Not vacuous: every planted value was read (the Basic password is inside
  // the Basic header's value, the ${input:} has none).
  CHECK(json_credentials == canaries.size());
}

// A config that does not parse must not echo the secret that broke it in
// its diagnostic (an unquoted value is a common slip).
TEST_CASE("no secret from a malformed config reaches the diagnostics", "[e2e][leak][credentials]") {
  Fakes f(777);
  std::vector<std::pair<std::string, std::string>> canaries;
  auto plant = [&](const std::string& label, std::string secret) {
    canaries.emplace_back(label, secret);
    return secret;
  };
  TempDir t;
  WriteConfig(t, "home/.cursor/mcp.json",
              "{\"mcpServers\": {\"a\": {\"command\": \"x\", \"env\": {\"API_KEY\": " +
                  plant("unquoted json value", f.Secret()) + "}}}}\n");
  WriteConfig(t, "home/.config/Code/User/mcp.json",
              "{\"servers\": {\"b\": {\"command\": \"x\", \"env\": {\"TOKEN\": " +
                  plant("unquoted jsonc value", "t" + f.Secret()) + "}}}}\n");
  WriteConfig(t, "home/.config/Claude/Claude Extensions/ant.dir.bad/manifest.json",
              R"({"server": {"mcp_config": {"command": "node"}}})");
  WriteConfig(t, "home/.config/Claude/Claude Extensions Settings/ant.dir.bad.json",
              "{\"isEnabled\": true, \"userConfig\": {\"api_key\": " + plant("unquoted settings value", f.Secret()) +
                  "}}\n");
  WriteConfig(t, "home/.codex/config.toml",
              "[mcp_servers.x]\ncommand = \"x\"\n[mcp_servers.x.env]\nTOKEN = " + plant("unquoted toml value", f.Secret()) +
                  "\n");
  WriteConfig(t, "home/.config/goose/config.yaml",
              "extensions:\n  g:\n    cmd: g\n    envs: {TOKEN: \"" + plant("unterminated yaml value", f.Secret()) + "}\n");
  const std::string root = t.MakeDir("root");
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"scan", "--no-cwd", "--os", "linux", "--root", root},
           {"scan", "--no-cwd", "--os", "linux", "--root", root, "--format", "json"}}) {
    const Run r = RunMcpguard(args, t.Path("home"));
    CAPTURE(args);
    CHECK(r.exit_code == 1);  // unreadable configs: a partial scan
    INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
    CHECK(Leaks(r.out, canaries) == std::vector<std::string>{});
    CHECK(Leaks(r.err, canaries) == std::vector<std::string>{});
  }
}

// Runs scan in text and JSON on `t` and returns every piece of a canary
// found in stdout or stderr; the JSON snapshot goes to `snap`.
std::vector<std::string> LeaksOfScan(const TempDir& t, const std::vector<std::pair<std::string, std::string>>& canaries,
                                     json& snap, const ScanArgs& a = {}) {
  std::vector<std::string> out;
  for (const std::string format : {"text", "json"}) {
    const Run r = ScanRun(t, a, format);
    INFO("stderr: " << r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    for (const std::string& leak : Leaks(r.out + "\n" + r.err, canaries)) out.push_back(format + ": " + leak);
    if (format == "json") snap = r.Json();
  }
  return out;
}

// A token a rule recognises (a checksummed GitHub PAT) is a credential
// wherever it sits in a URL: in the path (as some hosted MCP URLs carry
// their key), as the user name (GitHub's https://TOKEN:x-oauth-basic@...
// form) or as the user of a Basic header. mcpguard finds it there, so it
// must mask it there too: not in "url", not in "args", not in the evidence
// of a finding and not in the decoded url_user/basic_user facts.
TEST_CASE("leak: a recognised token in a URL path or user name, or a Basic user name, is masked",
          "[e2e][leak][credentials]") {
  Fakes f(881);
  std::vector<std::pair<std::string, std::string>> canaries = {
      {"pat in url path", f.GithubPat()}, {"pat in an arg's url path", f.GithubPat()},
      {"pat as url user", f.GithubPat()}, {"pat as basic user", f.GithubPat()}};
  TempDir t;
  WriteConfig(t, "home/.cursor/mcp.json", R"({"mcpServers": {
  "path": {"url": "https://mcp.example.com/mcp/)" + canaries[0].second + R"(/sse"},
  "arg": {"command": "mcp-proxy", "args": ["--url", "https://mcp.example.com/k/)" + canaries[1].second + R"(/mcp"]},
  "user": {"url": "https://)" + canaries[2].second + R"(:x-oauth-basic@mcp.example.com/mcp"},
  "basic": {"url": "https://mcp.example.org/mcp",
            "headers": {"Authorization": "Basic )" + Base64(canaries[3].second + ":x-oauth-basic", false) + R"("}}
}})");
  json snap;
  const auto leaks = LeaksOfScan(t, canaries, snap);
  // Found: each server holds one fingerprinted credential.
  for (const char* name : {"path", "arg", "user", "basic"}) {
    const json server = FindServer(snap, "cursor", name);
    CHECK(server["credentials"].size() == 1);
    if (!server["credentials"].empty()) CHECK(IsFingerprint(server["credentials"][0]["fingerprint"]));
  }
  CHECK(leaks == std::vector<std::string>{});
}

// Claude Code (and Gemini CLI) expand ${VAR:-default}: with VAR unset the
// server gets the default, written in the file. A secret there is a
// plaintext secret, and the reference must not be echoed with it.
TEST_CASE("leak: a secret as the default of ${VAR:-default} is a plaintext credential, never printed",
          "[e2e][leak][credentials]") {
  Fakes f(882);
  const std::vector<std::pair<std::string, std::string>> canaries = {{"default stripe key", f.StripeLive()},
                                                                     {"default bearer token", f.Secret()}};
  TempDir t;
  const std::string repo = t.MakeDir("work/repo");
  WriteConfig(t, "work/repo/.mcp.json", R"({"mcpServers": {
  "stripe": {"command": "npx", "args": ["-y", "@stripe/mcp@0.2.4"],
             "env": {"STRIPE_SECRET_KEY": "${MCPG_UNSET_STRIPE:-)" + canaries[0].second + R"(}"}},
  "remote": {"type": "http", "url": "https://mcp.example.com/mcp",
             "headers": {"Authorization": "Bearer ${MCPG_UNSET_TOKEN:-)" + canaries[1].second + R"(}"}}
}})");
  ScanArgs a;
  a.cwd = repo;
  json snap;
  const auto leaks = LeaksOfScan(t, canaries, snap, a);
  CHECK(leaks == std::vector<std::string>{});
  bool plaintext_stripe = false;
  const json stripe = FindServer(snap, "claude-code", "stripe");
  for (const json& c : stripe["credentials"]) {
    plaintext_stripe |= c.value("rule", "") == "stripe-live-secret-key" && c["storage"] == "plaintext";
  }
  CHECK(plaintext_stripe);
  CHECK(FindingsFor(snap, "MCPG-CRED-001", "stripe").size() == 1);
}

// mcp-remote (and similar stdio bridges) take a remote server's headers as
// arguments: --header "Authorization: Bearer TOKEN". That value is a
// credential in args, and it must be masked in the launch line.
TEST_CASE("credentials: an Authorization header passed as an mcp-remote --header argument",
          "[e2e][credentials][leak]") {
  Fakes f(883);
  std::string hex;
  for (const char c : f.Alnum(40)) hex += "0123456789abcdef"[static_cast<unsigned char>(c) % 16];
  const std::vector<std::pair<std::string, std::string>> canaries = {{"mcp-remote header token", hex}};
  TempDir t;
  WriteConfig(t, "home/.cursor/mcp.json", R"({"mcpServers": {
  "bridge": {"command": "npx", "args": ["-y", "mcp-remote", "https://mcp.example.com/sse",
                                        "--header", "Authorization: Bearer )" + hex + R"("]}
}})");
  json snap;
  const auto leaks = LeaksOfScan(t, canaries, snap);
  CHECK(leaks == std::vector<std::string>{});
  const json bridge = FindServer(snap, "cursor", "bridge");
  REQUIRE(bridge["credentials"].size() == 1);
  CHECK(bridge["credentials"][0]["location"] == "args[4]");
  CHECK(bridge["credentials"][0]["storage"] == "plaintext");
  CHECK(IsFingerprint(bridge["credentials"][0]["fingerprint"]));
  CHECK(FindingsFor(snap, "MCPG-CRED-002", "bridge").size() == 1);
}

}  // namespace
}  // namespace mcpguard::test

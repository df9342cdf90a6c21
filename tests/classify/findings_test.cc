#include "classify/findings.h"

#include <catch2/catch.hpp>

namespace mcpguard::classify {
namespace {

using model::Credential;
using model::Severity;

struct Fixture {
  rules::CredentialRules rules;
  Fixture() {
    auto r = rules::LoadCredentialRules("");
    REQUIRE(r);
    rules = std::move(*r);
  }
};

Credential Cred(const std::string& rule, const std::string& location, const std::string& fp,
                Severity sev = Severity::kHigh) {
  Credential c;
  c.rule = rule;
  c.provider = "GitHub";
  c.kind = "classic personal access token";
  c.location = location;
  c.storage = "plaintext";
  c.fingerprint = fp;
  c.severity = sev;
  c.pos = {4, 9};
  return c;
}

model::ConfigFile Config(const std::string& path, std::vector<model::Server> servers, uint32_t mode = 0600) {
  model::ConfigFile cf;
  cf.host = "cursor";
  cf.path = path;
  cf.mode = mode;
  cf.servers = std::move(servers);
  return cf;
}

model::Server Server(const std::string& name, const std::string& package, std::vector<Credential> creds) {
  model::Server s;
  s.name = name;
  s.command = "npx";
  s.args = {"-y", package};
  s.credentials = std::move(creds);
  return s;
}

std::vector<std::string> Ids(const std::vector<model::Finding>& fs) {
  std::vector<std::string> out;
  for (const model::Finding& f : fs) out.push_back(f.id);
  return out;
}

TEST_CASE("a plaintext PAT given to its own server", "[classify][findings]") {
  Fixture fx;
  auto fs = CredentialFindings(
      {Config("/h/.cursor/mcp.json", {Server("github", "@modelcontextprotocol/server-github",
                                              {Cred("github-classic-pat", "env.GITHUB_TOKEN", "fp:1")})})},
      fx.rules);
  // plaintext (001) and never-expiring high privilege (008); no foreign-server finding.
  CHECK(Ids(fs) == std::vector<std::string>{"MCPG-CRED-001", "MCPG-CRED-008"});
  CHECK(fs[0].severity == Severity::kHigh);
  CHECK(fs[0].server == "github");
  CHECK(fs[0].pos.line == 4);
  CHECK(fs[0].message == "plaintext GitHub classic personal access token in env.GITHUB_TOKEN (fp:1)");
}

TEST_CASE("a GitHub token given to an unrelated package", "[classify][findings]") {
  Fixture fx;
  auto fs = CredentialFindings(
      {Config("/h/.cursor/mcp.json",
              {Server("weather", "weather-mcp", {Cred("github-classic-pat", "env.GITHUB_TOKEN", "fp:1")})})},
      fx.rules);
  const auto ids = Ids(fs);
  REQUIRE(std::count(ids.begin(), ids.end(), "MCPG-CRED-006") == 1);
  auto it = std::find_if(fs.begin(), fs.end(), [](const model::Finding& f) { return f.id == "MCPG-CRED-006"; });
  CHECK(it->message ==
        "GitHub classic personal access token given to \"weather\", which is not a GitHub server: a possible "
        "exfiltration path");
}

TEST_CASE("one credential on two servers is one shared-credential finding", "[classify][findings]") {
  Fixture fx;
  model::ConfigFile a = Config("/h/a.json", {Server("one", "@modelcontextprotocol/server-github",
                                                     {Cred("github-classic-pat", "env.T", "fp:same")})});
  model::ConfigFile b = Config("/h/b.json", {Server("two", "@modelcontextprotocol/server-github",
                                                     {Cred("github-classic-pat", "env.T", "fp:same")})});
  b.host = "windsurf";
  auto fs = CredentialFindings({a, b}, fx.rules);
  auto shared = std::count_if(fs.begin(), fs.end(), [](const model::Finding& f) { return f.id == "MCPG-CRED-005"; });
  CHECK(shared == 1);
  auto it = std::find_if(fs.begin(), fs.end(), [](const model::Finding& f) { return f.id == "MCPG-CRED-005"; });
  CHECK(it->message == "one credential (fp:same) is given to 2 servers: cursor/one, windsurf/two");
}

TEST_CASE("a config others can read, and one git tracks", "[classify][findings]") {
  Fixture fx;
  model::ConfigFile cf = Config("/p/.mcp.json", {Server("github", "@modelcontextprotocol/server-github",
                                                         {Cred("github-classic-pat", "env.T", "fp:1")})},
                                0644);
  cf.git_tracked = true;
  auto fs = CredentialFindings({cf}, fx.rules);
  auto ids = Ids(fs);
  CHECK(ids.front() == "MCPG-CRED-004");  // critical sorts first
  CHECK(std::count(ids.begin(), ids.end(), "MCPG-CRED-003") == 1);
  cf.mode = 0600;
  cf.git_tracked = false;
  ids = Ids(CredentialFindings({cf}, fx.rules));
  CHECK(std::count(ids.begin(), ids.end(), "MCPG-CRED-003") == 0);
  CHECK(std::count(ids.begin(), ids.end(), "MCPG-CRED-004") == 0);
}

TEST_CASE("references are not plaintext; publishable keys are not findings", "[classify][findings]") {
  Fixture fx;
  Credential ref = Cred("github-classic-pat", "env.T", "fp:1");
  ref.storage = "environment";
  ref.reference = "${env:T}";
  Credential pub = Cred("stripe-publishable-key", "env.P", "fp:2", Severity::kInfo);
  auto fs = CredentialFindings(
      {Config("/h/x.json", {Server("github", "@modelcontextprotocol/server-github", {ref}),
                            Server("stripe", "@stripe/mcp", {pub})})},
      fx.rules);
  auto ids = Ids(fs);
  CHECK(std::count(ids.begin(), ids.end(), "MCPG-CRED-001") == 0);
}

TEST_CASE("an expired token, and a secret in args", "[classify][findings]") {
  Fixture fx;
  Credential jwt = Cred("jwt", "args[3]", "fp:9", Severity::kMedium);
  jwt.provider = "JSON Web Token";
  jwt.kind = "token";
  jwt.facts = {{"jwt_expired", "true"}, {"jwt_exp", "2020-01-01T00:00:00Z"}};
  auto fs = CredentialFindings({Config("/h/x.json", {Server("api", "some-api-mcp", {jwt})})}, fx.rules);
  auto ids = Ids(fs);
  CHECK(std::count(ids.begin(), ids.end(), "MCPG-CRED-002") == 1);
  CHECK(std::count(ids.begin(), ids.end(), "MCPG-CRED-007") == 1);
}

}  // namespace
}  // namespace mcpguard::classify

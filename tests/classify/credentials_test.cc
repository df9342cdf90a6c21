#include "classify/credentials.h"

#include <catch2/catch.hpp>

#include "inventory/interpolation.h"

namespace mcpguard::classify {
namespace {

// Format-valid fakes from signatures/credentials.toml's examples.
constexpr const char* kGithubPat = "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";
constexpr const char* kStripeLive = "sk_live_51FAKETUQ6YeJILRgdt4ABtrBCJ2tvAcuWaWJP8gqYbDivSRxIVajKwP0lRP3TjatD";

struct Fixture {
  rules::CredentialRules rules;
  crypto::FingerprintKey key;
  Environment env;
  ClassifyContext ctx;

  Fixture() {
    auto r = rules::LoadCredentialRules("");
    REQUIRE(r);
    rules = std::move(*r);
    REQUIRE(crypto::InitSodium());
    auto k = crypto::FingerprintKeyFromHex(std::string(64, '7'));
    REQUIRE(k);
    key = *k;
    ctx = ClassifyContext{&rules, &key, &env, 1'800'000'000};
  }
  std::string Fp(const std::string& secret) const { return crypto::Fingerprint(key, secret); }
};

model::Server WithEnv(const std::string& name, const std::string& value) {
  model::Server s;
  s.name = "s";
  s.env.push_back(model::NamedValue{name, value, {3, 7}, {}});
  s.interpolations = inventory::FindInterpolations(value, "env." + name);
  return s;
}

TEST_CASE("a plaintext token in env is classified and fingerprinted", "[classify][credentials]") {
  Fixture f;
  model::Server s = WithEnv("GITHUB_PERSONAL_ACCESS_TOKEN", kGithubPat);
  ClassifyServer(s, f.ctx);
  REQUIRE(s.credentials.size() == 1);
  const model::Credential& c = s.credentials[0];
  CHECK(c.location == "env.GITHUB_PERSONAL_ACCESS_TOKEN");
  CHECK(c.storage == "plaintext");
  CHECK(c.rule == "github-classic-pat");
  CHECK(c.provider == "GitHub");
  CHECK(c.fingerprint == f.Fp(kGithubPat));
  CHECK(c.pos.line == 3);
}

TEST_CASE("an env reference is classified from the environment when set", "[classify][credentials]") {
  Fixture f;
  model::Server s = WithEnv("GITHUB_TOKEN", "${env:GH_PAT}");
  ClassifyServer(s, f.ctx);
  REQUIRE(s.credentials.size() == 1);
  CHECK(s.credentials[0].storage == "environment");
  CHECK(s.credentials[0].reference == "${env:GH_PAT}");
  CHECK_FALSE(s.credentials[0].reference_set);
  CHECK(s.credentials[0].fingerprint.empty());
  CHECK(s.credentials[0].rule.empty());

  f.env.Set("GH_PAT", kGithubPat);
  ClassifyServer(s, f.ctx);
  REQUIRE(s.credentials.size() == 1);
  CHECK(s.credentials[0].reference_set);
  CHECK(s.credentials[0].rule == "github-classic-pat");
  CHECK(s.credentials[0].fingerprint == f.Fp(kGithubPat));
}

TEST_CASE("an innocent unset reference is not a credential", "[classify][credentials]") {
  Fixture f;
  model::Server s = WithEnv("LOG_DIR", "${env:HOME}/logs");
  ClassifyServer(s, f.ctx);
  CHECK(s.credentials.empty());
  model::Server t = WithEnv("WORKSPACE", "${workspaceFolder}");
  ClassifyServer(t, f.ctx);
  CHECK(t.credentials.empty());
}

TEST_CASE("an input reference is stored in the host's secret storage", "[classify][credentials]") {
  Fixture f;
  model::Server s = WithEnv("API_TOKEN", "${input:api-token}");
  ClassifyServer(s, f.ctx);
  REQUIRE(s.credentials.size() == 1);
  CHECK(s.credentials[0].storage == "input");
  CHECK(s.credentials[0].reference == "${input:api-token}");
}

TEST_CASE("secrets in args: after a flag, in --x=y and docker -e NAME=value", "[classify][credentials]") {
  Fixture f;
  model::Server s;
  s.args = {"-y", "@stripe/mcp", std::string("--api-key=") + kStripeLive, "-e",
            std::string("GITHUB_PERSONAL_ACCESS_TOKEN=") + kGithubPat};
  ClassifyServer(s, f.ctx);
  REQUIRE(s.credentials.size() == 2);
  CHECK(s.credentials[0].location == "args[2]");
  CHECK(s.credentials[0].rule == "stripe-live-secret-key");
  CHECK(s.credentials[0].fingerprint == f.Fp(kStripeLive));
  CHECK(s.credentials[1].location == "args[4]");
  CHECK(s.credentials[1].fingerprint == f.Fp(kGithubPat));
}

TEST_CASE("a URL password and a secret query value", "[classify][credentials]") {
  Fixture f;
  model::Server s;
  s.url = "postgresql://admin:S3cretPassw0rdX@db.prod.example.com/app";
  ClassifyServer(s, f.ctx);
  REQUIRE_FALSE(s.credentials.empty());
  CHECK(s.credentials[0].location == "url");
  CHECK(s.credentials[0].facts.at("db_host") == "db.prod.example.com");
  CHECK(s.credentials[0].facts.at("db_user") == "admin");
  for (const auto& [k, v] : s.credentials[0].facts) CHECK(v.find("S3cret") == std::string::npos);
}

TEST_CASE("envFile values, OAuth secrets and extension settings are looked at", "[classify][credentials]") {
  Fixture f;
  model::Server s;
  s.env_file_values.push_back({"STRIPE_SECRET_KEY", kStripeLive, {2, 1}, {}});
  s.extension_settings.push_back({"api_key", kGithubPat, {4, 5}, {}});
  ClassifyServer(s, f.ctx);
  REQUIRE(s.credentials.size() == 2);
  CHECK(s.credentials[0].location == "env_file.STRIPE_SECRET_KEY");
  CHECK(s.credentials[0].storage == "env-file");
  CHECK(s.credentials[1].location == "extension_settings.api_key");
  CHECK(s.credentials[1].storage == "extension-settings");
}

TEST_CASE("Goose env_keys come from the keychain; Codex bearer tokens from the environment", "[classify][credentials]") {
  Fixture f;
  model::Server goose;
  goose.host = "goose";
  goose.env_passthrough = {"GITHUB_PERSONAL_ACCESS_TOKEN", "LOG_LEVEL"};
  ClassifyServer(goose, f.ctx);
  REQUIRE(goose.credentials.size() == 1);
  CHECK(goose.credentials[0].storage == "keychain");
  CHECK(goose.credentials[0].location == "env_passthrough.GITHUB_PERSONAL_ACCESS_TOKEN");
  model::Server codex;
  codex.host = "codex";
  codex.bearer_token_env_var = "GITHUB_PAT";
  f.env.Set("GITHUB_PAT", kGithubPat);
  ClassifyServer(codex, f.ctx);
  REQUIRE(codex.credentials.size() == 1);
  CHECK(codex.credentials[0].storage == "environment");
  CHECK(codex.credentials[0].reference == "$GITHUB_PAT");
  CHECK(codex.credentials[0].fingerprint == f.Fp(kGithubPat));
}

}  // namespace
}  // namespace mcpguard::classify

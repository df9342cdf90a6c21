// What a probed server is handed: decoys where the config holds credentials,
// references resolved, and none of our own environment but a few variables.
#include "probe/launch.h"

#include <algorithm>

#include <catch2/catch.hpp>

namespace mcpguard::probe {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

const std::string kPat = "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";
const std::string kKey = "sk-ant-api03-Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVb";

model::Credential At(const std::string& location) {
  model::Credential c;
  c.location = location;
  return c;
}

model::Server LocalServer() {
  model::Server s;
  s.host = "cursor";
  s.name = "gh";
  s.transport = model::Transport::kStdio;
  s.command = "sh";
  s.args = {"--token=" + kPat, "-c", "true"};
  s.env = {{"GITHUB_TOKEN", kPat, {}, ""}, {"PLAIN", "hello", {}, ""}, {"ANTHROPIC", "${env:MY_KEY}", {}, "${env:MY_KEY}"}};
  s.interpolations = {{"${env:MY_KEY}", "env", "MY_KEY", "env.ANTHROPIC"}};
  s.credentials = {At("env.GITHUB_TOKEN"), At("args[0]"), At("env.ANTHROPIC")};
  return s;
}

ProbeOptions Options(bool with_credentials) {
  ProbeOptions o;
  o.with_credentials = with_credentials;
  o.sandbox = false;
  o.home = "/nonexistent-home";
  o.env.Set("PATH", "/usr/bin:/bin");
  o.env.Set("LANG", "C.UTF-8");
  o.env.Set("MY_KEY", kKey);
  o.env.Set("SSH_AUTH_SOCK", "/run/user/1000/ssh-agent");
  o.env.Set("AWS_SECRET_ACCESS_KEY", "ours-not-theirs");
  return o;
}

std::string EnvValue(const LaunchPlan& plan, const std::string& name) {
  for (const std::string& kv : plan.env) {
    if (kv.compare(0, name.size() + 1, name + "=") == 0) return kv.substr(name.size() + 1);
  }
  return "<unset>";
}

TEST_CASE("credentials become decoys of the same shape", "[probe][launch]") {
  auto plan = PlanLaunch(LocalServer(), Options(false));
  REQUIRE(plan);
  REQUIRE(plan->argv.size() == 4);
  CHECK((plan->argv[0] == "/usr/bin/sh" || plan->argv[0] == "/bin/sh"));
  CHECK_THAT(plan->argv[1], StartsWith("--token=ghp_"));
  CHECK(plan->argv[1].size() == std::string("--token=").size() + kPat.size());
  CHECK(plan->argv[1] != "--token=" + kPat);
  CHECK(plan->argv[2] == "-c");

  const std::string token = EnvValue(*plan, "GITHUB_TOKEN");
  CHECK_THAT(token, StartsWith("ghp_"));
  CHECK(token.size() == kPat.size());
  CHECK(token != kPat);
  // The reference is resolved from our environment, then decoyed.
  const std::string key = EnvValue(*plan, "ANTHROPIC");
  CHECK_THAT(key, StartsWith("sk-ant-api03-"));
  CHECK(key.size() == kKey.size());
  CHECK(key != kKey);
  CHECK(plan->secrets.empty());
}

TEST_CASE("the child's environment is minimal", "[probe][launch]") {
  auto plan = PlanLaunch(LocalServer(), Options(false));
  REQUIRE(plan);
  CHECK(EnvValue(*plan, "PLAIN") == "hello");
  CHECK(EnvValue(*plan, "PATH") == "/usr/bin:/bin");
  CHECK(EnvValue(*plan, "LANG") == "C.UTF-8");
  CHECK(EnvValue(*plan, "HOME") == "/nonexistent-home");
  CHECK(EnvValue(*plan, "TMPDIR") == "/tmp");
  CHECK(EnvValue(*plan, "SSH_AUTH_SOCK") == "<unset>");
  CHECK(EnvValue(*plan, "AWS_SECRET_ACCESS_KEY") == "<unset>");
  CHECK(EnvValue(*plan, "MY_KEY") == "<unset>");
  CHECK(plan->env.size() == 7);  // PATH LANG HOME TMPDIR + the server's three
}

TEST_CASE("with --with-credentials the real values are handed over and remembered", "[probe][launch]") {
  auto plan = PlanLaunch(LocalServer(), Options(true));
  REQUIRE(plan);
  CHECK(plan->argv[1] == "--token=" + kPat);
  CHECK(EnvValue(*plan, "GITHUB_TOKEN") == kPat);
  CHECK(EnvValue(*plan, "ANTHROPIC") == kKey);
  CHECK(Scrub("got " + kPat + " and " + kKey, *plan) == "got <redacted> and <redacted>");
}

TEST_CASE("a secret-looking name is decoyed even when no rule matched its value", "[probe][launch]") {
  model::Server s = LocalServer();
  s.env = {{"SERVICE_API_KEY", "abcdefghijklmnop1234", {}, ""}};
  s.credentials.clear();
  auto plan = PlanLaunch(s, Options(false));
  REQUIRE(plan);
  const std::string v = EnvValue(*plan, "SERVICE_API_KEY");
  CHECK(v.size() == 20);
  CHECK(v != "abcdefghijklmnop1234");
}

TEST_CASE("remote servers get decoys in their URL and headers", "[probe][launch]") {
  model::Server s;
  s.host = "vscode";
  s.name = "api";
  s.transport = model::Transport::kHttp;
  s.url = "https://api.example.com/mcp?key=abcdefgh12345678&region=eu";
  s.headers = {{"Authorization", "Bearer " + kKey, {}, ""}, {"X-Client", "mcpguard-test", {}, ""}};
  s.credentials = {At("url"), At("headers.Authorization")};
  auto plan = PlanLaunch(s, Options(false));
  REQUIRE(plan);
  CHECK_THAT(plan->url, StartsWith("https://api.example.com/mcp?key="));
  CHECK_THAT(plan->url, !Contains("abcdefgh12345678"));
  CHECK(plan->url.size() == s.url.size());
  REQUIRE(plan->headers.size() == 2);
  CHECK_THAT(plan->headers[0].second, StartsWith("Bearer sk-ant-api03-"));
  CHECK(plan->headers[0].second != "Bearer " + kKey);
  CHECK(plan->headers[1].second == "mcpguard-test");
}

TEST_CASE("a command that is not installed cannot be planned", "[probe][launch]") {
  model::Server s = LocalServer();
  s.command = "mcpguard-test-no-such-command";
  auto plan = PlanLaunch(s, Options(false));
  REQUIRE_FALSE(plan);
  CHECK(plan.error().code == Errc::kNotFound);
  CHECK(plan.error().message == "cannot run mcpguard-test-no-such-command: not found in PATH");
}

}  // namespace
}  // namespace mcpguard::probe

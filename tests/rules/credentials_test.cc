#include "rules/credentials.h"

#include "rules/signature_file.h"

#include <catch2/catch.hpp>

#include "support/temp_dir.h"

namespace mcpguard::rules {
namespace {

// A minimal valid rule, with one field replaced by the caller.
std::string RuleText(const std::string& id, const std::string& extra = "", const std::string& severity = "high",
                     const std::string& pattern = "'abc[0-9]+'") {
  return "[[rule]]\n"
         "id = \"" + id + "\"\n"
         "provider = \"P\"\n"
         "kind = \"k\"\n"
         "scope = \"s\"\n"
         "blast_radius = \"write\"\n"
         "severity = \"" + severity + "\"\n"
         "remediation = \"r\"\n"
         "pattern = " + pattern + "\n" + extra;
}

const std::string kSchema = "schema = \"mcpguard.credentials/1\"\n";

TEST_CASE("the built-in credential rules load", "[rules][credentials]") {
  auto rules = LoadCredentialRules("");
  REQUIRE(rules);
  CHECK(rules->rules.size() >= 70);
  for (const char* id : {"github-classic-pat", "github-fine-grained-pat", "gitlab-pat", "slack-bot-token",
                         "slack-session-token", "slack-session-cookie", "stripe-live-secret-key",
                         "stripe-publishable-key", "aws-access-key-id", "aws-temporary-access-key-id",
                         "aws-secret-access-key", "openai-project-key", "anthropic-api-key", "postmark-server-token",
                         "postmark-account-token", "supabase-service-role-jwt", "sentry-org-token", "npm-token",
                         "configcat-api-user", "configcat-api-pass", "db-url", "url-userinfo", "jwt",
                         "pem-private-key", "basic-auth", "generic-secret"}) {
    CAPTURE(id);
    const CredentialRule* r = rules->Find(id);
    REQUIRE(r != nullptr);
    CHECK_FALSE(r->pattern_text.empty());
  }
  CHECK(rules->Find("no-such-rule") == nullptr);
  // The fallback is tried last whatever its place, but keeping it last in
  // the file keeps "first rule wins" true when reading the file.
  CHECK(rules->rules.back().id == std::string(kGenericSecretId));
}

TEST_CASE("every built-in rule is complete and consistent", "[rules][credentials]") {
  auto rules = LoadCredentialRules("");
  REQUIRE(rules);
  for (const CredentialRule& r : rules->rules) {
    CAPTURE(r.id);
    CHECK_FALSE(r.examples.empty());
    CHECK_FALSE(r.non_examples.empty());
    CHECK_FALSE(r.pattern_text.empty());
    if (r.needs_name) CHECK_FALSE(r.names.empty());
    if (r.public_by_design) CHECK(r.severity == Severity::kInfo);
    if (!r.live) CHECK(r.severity <= Severity::kLow);
    for (const std::string& n : r.names) {
      CAPTURE(n);
      CHECK(n.find('-') == std::string::npos);  // names are compared with '-' read as '_'
    }
  }
}

TEST_CASE("live, admin and money-moving keys rank above test and public ones", "[rules][credentials]") {
  auto rules = LoadCredentialRules("");
  REQUIRE(rules);
  auto severity = [&](const char* id) {
    const CredentialRule* r = rules->Find(id);
    REQUIRE(r != nullptr);
    return r->severity;
  };
  CHECK(severity("stripe-live-secret-key") > severity("stripe-test-secret-key"));
  CHECK(severity("stripe-live-restricted-key") > severity("stripe-test-restricted-key"));
  CHECK(severity("stripe-publishable-key") == Severity::kInfo);
  CHECK(severity("supabase-service-role-jwt") == Severity::kCritical);
  CHECK(severity("supabase-anon-jwt") == Severity::kInfo);
  CHECK(severity("postmark-account-token") > severity("postmark-server-token"));
  CHECK(severity("openai-admin-key") > severity("openai-project-key"));
  CHECK(severity("twilio-account-sid") == Severity::kInfo);
  CHECK(severity("generic-secret") <= Severity::kMedium);
}

TEST_CASE("every built-in pattern compiles, as a --signatures copy would at load", "[rules][credentials]") {
  // The built-in rules are compiled lazily in a scan; this is where a bad
  // one would be caught instead.
  auto file = ReadSignatureFile("", "credentials.toml");
  REQUIRE(file);
  auto eager = ParseCredentialRules(file->text, file->name, true);
  REQUIRE(eager);
  for (const CredentialRule& r : eager->rules) {
    CAPTURE(r.id);
    CHECK(r.pattern != nullptr);
  }
}

TEST_CASE("a rule's leading literal is what every match contains", "[rules][credentials]") {
  auto rules = LoadCredentialRules("");
  REQUIRE(rules);
  CHECK(rules->Find("github-classic-pat")->literal == "ghp_");
  CHECK(rules->Find("npm-token")->literal == "npm_");
  // An alternation anywhere ("sk_(?:live|prod)_") means no literal: being
  // conservative only costs speed, never a missed credential.
  CHECK(rules->Find("stripe-live-secret-key")->literal.empty());
  CHECK(rules->Find("generic-secret")->literal.empty());
}

TEST_CASE("severity names round-trip", "[rules][credentials]") {
  for (Severity s : {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    auto parsed = model::ParseSeverity(model::SeverityName(s));
    REQUIRE(parsed);
    CHECK(*parsed == s);
  }
  CHECK(model::SeverityName(Severity::kCritical) == "critical");
  CHECK_FALSE(model::ParseSeverity("urgent"));
}

TEST_CASE("a rule file is parsed field by field", "[rules][credentials]") {
  const std::string text = kSchema + RuleText("x",
                                              "search = true\n"
                                              "live = false\n"
                                              "names = [\"my_token\", \"*_KEY\"]\n"
                                              "needs_name = true\n"
                                              "decoder = \"jwt\"\n"
                                              "when = { jwt_role = \"service_role\" }\n"
                                              "owners = [\"@p/mcp\"]\n"
                                              "examples = [\"abc1\"]\n"
                                              "non_examples = [\"abc\"]\n",
                                              "low");
  auto rules = ParseCredentialRules(text, "c.toml");
  REQUIRE(rules);
  REQUIRE(rules->rules.size() == 1);
  const CredentialRule& r = rules->rules[0];
  CHECK(r.id == "x");
  CHECK(r.severity == Severity::kLow);
  CHECK(r.search);
  CHECK_FALSE(r.live);
  CHECK_FALSE(r.public_by_design);
  CHECK(r.names == std::vector<std::string>{"MY_TOKEN", "*_KEY"});  // upper-cased at load
  CHECK(r.needs_name);
  CHECK(r.decoder == "jwt");
  CHECK(r.when.at("jwt_role") == "service_role");
  CHECK(r.owners == std::vector<std::string>{"@p/mcp"});
  CHECK(r.pattern_text == "abc[0-9]+");
  CHECK(r.examples == std::vector<std::string>{"abc1"});
}

TEST_CASE("an invalid pattern names the rule, file, line and column", "[rules][credentials]") {
  const std::string text = kSchema + RuleText("bad-re", "", "high", "'ab(c'");
  auto rules = ParseCredentialRules(text, "credentials.toml");
  REQUIRE_FALSE(rules);
  CHECK(rules.error().code == Errc::kParse);
  CHECK(rules.error().ToString() == "credentials.toml:10:11: rule \"bad-re\": invalid pattern: missing ): ab(c");
}

TEST_CASE("a pattern may have one capturing group at most", "[rules][credentials]") {
  const std::string text = kSchema + RuleText("two", "", "high", "'(a)(b)'");
  auto rules = ParseCredentialRules(text, "c.toml");
  REQUIRE_FALSE(rules);
  CHECK(rules.error().ToString() == "c.toml:10:11: rule \"two\": a pattern may have at most one capturing group");
}

TEST_CASE("a duplicate rule id is refused at the second one", "[rules][credentials]") {
  const std::string text = kSchema + RuleText("dup") + RuleText("other") + RuleText("dup");
  auto rules = ParseCredentialRules(text, "c.toml");
  REQUIRE_FALSE(rules);
  CHECK(rules.error().ToString() == "c.toml:21:6: rule \"dup\" is defined twice");
}

TEST_CASE("an unknown severity is refused where it is written", "[rules][credentials]") {
  const std::string text = kSchema + RuleText("x", "", "urgent");
  auto rules = ParseCredentialRules(text, "c.toml");
  REQUIRE_FALSE(rules);
  CHECK(rules.error().ToString() ==
        "c.toml:8:12: unknown severity \"urgent\" (expected info, low, medium, high or critical)");
}

TEST_CASE("unknown validators, decoders, blast radii and keys are refused", "[rules][credentials]") {
  struct Case {
    std::string extra;
    std::string expected;
  };
  const Case cases[] = {
      {"validator = \"luhn\"\n", "c.toml:11:13: unknown validator \"luhn\""},
      {"decoder = \"x509\"\n", "c.toml:11:11: unknown decoder \"x509\""},
      {"need_name = true\n", "c.toml:11:1: unknown key \"need_name\" in a [[rule]]"},
      {"needs_name = true\n", "c.toml:2:1: rule \"x\" has needs_name but no names"},
      {"when = { jwt_role = \"anon\" }\n", "c.toml:11:8: rule \"x\": \"when\" needs a decoder"},
      {"search = \"yes\"\n", "c.toml:11:10: \"search\" must be true or false"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.extra);
    auto rules = ParseCredentialRules(kSchema + RuleText("x", c.extra), "c.toml");
    REQUIRE_FALSE(rules);
    CHECK(rules.error().ToString() == c.expected);
  }
  std::string blast = RuleText("x");
  blast.replace(blast.find("\"write\""), 7, "\"galaxy\"");
  auto rules = ParseCredentialRules(kSchema + blast, "c.toml");
  REQUIRE_FALSE(rules);
  CHECK(rules.error().ToString() == "c.toml:7:16: unknown blast_radius \"galaxy\"");
}

TEST_CASE("a rule file needs the schema line and at least one rule", "[rules][credentials]") {
  auto other = ParseCredentialRules("schema = \"mcpguard.credentials/2\"\n" + RuleText("x"), "c.toml");
  REQUIRE_FALSE(other);
  CHECK(other.error().message == "unsupported schema \"mcpguard.credentials/2\" (expected mcpguard.credentials/1)");
  auto empty = ParseCredentialRules(kSchema, "c.toml");
  REQUIRE_FALSE(empty);
  CHECK(empty.error().message == "no [[rule]] entries");
  auto missing = ParseCredentialRules(kSchema + "[[rule]]\nid = \"x\"\n", "c.toml");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message == "missing \"provider\"");
  auto broken = ParseCredentialRules(kSchema + "[[rule]\n", "c.toml");
  REQUIRE_FALSE(broken);
  CHECK(broken.error().path == "c.toml");
  CHECK(broken.error().line == 2);
}

TEST_CASE("credentials.toml is read from a signatures directory", "[rules][credentials]") {
  auto missing = LoadCredentialRules("/nonexistent-mcpguard-signatures");
  REQUIRE_FALSE(missing);
  auto installed = LoadCredentialRules(std::string(MCPGUARD_SOURCE_DIR) + "/signatures");
  REQUIRE(installed);
  auto built_in = LoadCredentialRules("");
  REQUIRE(built_in);
  CHECK(installed->rules.size() == built_in->rules.size());
}

}  // namespace
}  // namespace mcpguard::rules

namespace mcpguard::rules {
namespace {

// tests/fuzz/regressions/signature_files/repeat-count-over-64-bits.toml: the
// fuzzer's first byte (which file) dropped, a rule whose pattern repeats
// {99999999999999999999,1} times. Reading the count threw std::out_of_range
// and ended the process; now the text is left as written, and RE2 (which
// reads a count it cannot parse as literal text) compiles it.
TEST_CASE("a repeat count over 64 bits does not crash the rule loader", "[rules][credentials][fuzz]") {
  const std::string text = test::ReadFile(std::string(MCPGUARD_SOURCE_DIR) +
                                          "/tests/fuzz/regressions/signature_files/repeat-count-over-64-bits.toml")
                               .substr(1);
  for (const bool compile_now : {true, false}) {
    auto rules = ParseCredentialRules(text, "credentials.toml", compile_now);
    REQUIRE(rules);
    REQUIRE(rules->rules.size() == 1);
    CHECK(rules->rules[0].pattern_text == "\\bx_[a-z]{99999999999999999999,1}");
  }
}

}  // namespace
}  // namespace mcpguard::rules

#include "poisoning/rules.h"

#include <algorithm>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "poisoning/checks.h"
#include "rules/registry.h"
#include "rules/signature_file.h"
#include "support/temp_dir.h"
#include "surface_support.h"

namespace mcpguard::poisoning {
namespace {

using nlohmann::json;
using test::Ids;
using test::Item;

// A tool that carries `text` where `rule` reads: a property key for
// parameter names, a default value for value-only rules, else the description.
model::SurfaceItem Carrier(const PoisonRule& rule, const std::string& text) {
  json props = json::object();
  std::string description = "Does a thing.";
  if (rule.check == "parameter-name") {
    props[text] = {{"type", "string"}};
  } else if (!rule.Reads("text")) {
    props["style"] = {{"type", "string"}, {"default", text}};
  } else {
    description = text;
  }
  return Item("tool", {{"name", "thing"}, {"description", description},
                       {"inputSchema", {{"type", "object"}, {"properties", props}}}});
}

TEST_CASE("the built-in poisoning rules load and cover every check", "[poisoning][rules]") {
  auto rules = LoadPoisonRules("");
  REQUIRE(rules);
  CHECK(rules->rules.size() == 26);
  for (std::string_view check : kChecks) {
    CAPTURE(check);
    CHECK(rules->ForCheck(check) != nullptr);
  }
  for (const PoisonRule& r : rules->rules) {
    CAPTURE(r.id);
    CHECK(r.id.rfind("MCPG-POISON-", 0) == 0);
    CHECK_FALSE(r.references.empty());
    CHECK(r.references.front().rfind("OWASP MCP Top 10: MCP", 0) == 0);
    if (!r.patterns.empty()) CHECK(r.Pattern() != nullptr);
  }
  CHECK(rules->Find("MCPG-POISON-012")->severity == Severity::kCritical);
  CHECK(rules->Find("MCPG-POISON-014")->severity == Severity::kCritical);
  CHECK(rules->Find("MCPG-POISON-020")->severity == Severity::kInfo);
}

TEST_CASE("every poisoning rule is in the rule registry with its name and severity", "[poisoning][rules]") {
  auto rules = LoadPoisonRules("");
  REQUIRE(rules);
  auto registry = rules::LoadRuleRegistry();
  REQUIRE(registry);
  for (const PoisonRule& r : rules->rules) {
    CAPTURE(r.id);
    const rules::RuleInfo* info = registry->Find(r.id);
    REQUIRE(info != nullptr);
    CHECK(info->name == r.name);
    CHECK(info->severity == r.severity);
    CHECK(std::find(info->tags.begin(), info->tags.end(), "MCP03:2025") != info->tags.end());
  }
}

TEST_CASE("every rule's examples hit it and its non-examples do not", "[poisoning][rules]") {
  auto rules = ParsePoisonRules(rules::ReadSignatureFile("", "poisoning.toml")->text, "poisoning.toml");
  REQUIRE(rules);
  Context cx{&*rules, {}};
  for (const PoisonRule& r : rules->rules) {
    CAPTURE(r.id);
    if (!r.patterns.empty()) CHECK_FALSE(r.examples.empty());
    for (const std::string& e : r.examples) {
      CAPTURE(e);
      CHECK(Ids(CheckSurface(test::Ref(), test::SurfaceWith({Carrier(r, e)}), cx)).count(r.id) == 1);
    }
    for (const std::string& e : r.non_examples) {
      CAPTURE(e);
      CHECK(Ids(CheckSurface(test::Ref(), test::SurfaceWith({Carrier(r, e)}), cx)).count(r.id) == 0);
    }
  }
}

TEST_CASE("a --signatures directory's poisoning.toml replaces the built-in one", "[poisoning][rules]") {
  mcpguard::test::TempDir dir;
  dir.Write("poisoning.toml",
            "schema = \"mcpguard.poisoning/1\"\n"
            "[[rule]]\nid = \"MCPG-POISON-901\"\nname = \"canary\"\ncheck = \"pattern\"\nseverity = \"low\"\n"
            "patterns = ['(?i)\\bcanary\\b']\nmessage = \"m\"\nremediation = \"r\"\nreferences = [\"OWASP MCP Top 10: MCP03\"]\n");
  auto rules = LoadPoisonRules(dir.path());
  REQUIRE(rules);
  REQUIRE(rules->rules.size() == 1);
  Context cx{&*rules, {}};
  CHECK(Ids(CheckSurface(test::Ref(), test::SurfaceWith({test::Tool("t", "A CANARY here.")}), cx)) ==
        std::set<std::string>{"MCPG-POISON-901"});
  // A check the file leaves out is off: tag characters are not reported.
  CHECK(CheckSurface(test::Ref(), test::SurfaceWith({test::Tool("t", "x\xF3\xA0\x81\x88")}), cx).empty());
  dir.Write("poisoning.toml", "schema = \"mcpguard.poisoning/1\"\n[[rule]]\nid = \"MCPG-POISON-902\"\n"
                              "name = \"n\"\ncheck = \"pattern\"\nseverity = \"low\"\npatterns = ['a(']\n"
                              "message = \"m\"\nremediation = \"r\"\nreferences = [\"r\"]\n");
  auto bad = LoadPoisonRules(dir.path());
  REQUIRE_FALSE(bad);
  CHECK(bad.error().path == dir.Path("poisoning.toml"));
  CHECK(bad.error().line == 7);
}

TEST_CASE("a malformed poisoning file is an error with its place", "[poisoning][rules]") {
  const std::string head = "schema = \"mcpguard.poisoning/1\"\n";
  const std::string rule =
      "[[rule]]\nid = \"MCPG-POISON-900\"\nname = \"n\"\nseverity = \"high\"\nmessage = \"m\"\n"
      "remediation = \"r\"\nreferences = [\"OWASP MCP Top 10: MCP03\"]\n";
  SECTION("an invalid pattern") {
    auto r = ParsePoisonRules(head + rule + "check = \"pattern\"\npatterns = ['(unclosed']\n", "p.toml");
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("invalid pattern") != std::string::npos);
    CHECK(r.error().line == 10);
  }
  SECTION("an unknown check") {
    auto r = ParsePoisonRules(head + rule + "check = \"telepathy\"\n", "p.toml");
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "unknown check \"telepathy\"");
  }
  SECTION("a capturing group") {
    auto r = ParsePoisonRules(head + rule + "check = \"pattern\"\npatterns = ['(a)b']\n", "p.toml");
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("capture nothing") != std::string::npos);
  }
  SECTION("an unknown key") {
    auto r = ParsePoisonRules(head + rule + "check = \"pattern\"\npatterns = ['a']\nseverty = \"x\"\n", "p.toml");
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "unknown key \"severty\" in a [[rule]]");
  }
  SECTION("a pattern rule without patterns") {
    auto r = ParsePoisonRules(head + rule + "check = \"pattern\"\n", "p.toml");
    REQUIRE_FALSE(r);
  }
}

}  // namespace
}  // namespace mcpguard::poisoning

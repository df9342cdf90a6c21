// The rule registry: every rule id the checks emit is described in
// signatures/rules*.toml, and a malformed entry is refused with its position.
#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "rules/registry.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

// The ids a source file emits ("MCPG-CRED-001"), read from the source itself
// so a new check without a description fails here.
std::set<std::string> IdsIn(const std::string& rel) {
  const std::string text = ReadFile(std::string(MCPGUARD_SOURCE_DIR) + "/" + rel);
  const std::regex id("MCPG-[A-Z]+-[0-9]{3}");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), id); it != std::sregex_iterator(); ++it) {
    out.insert(it->str());
  }
  return out;
}

TEST_CASE("every rule id the checks emit is in the built-in registry", "[rules][registry]") {
  auto registry = rules::LoadRuleRegistry();
  REQUIRE(registry.has_value());
  std::set<std::string> emitted;
  // Credentials and launch checks, every source of drift/ and poisoning/
  // (a new file there is read too), and the poisoning signature file, which
  // holds that component's ids.
  std::vector<std::string> sources = {"src/classify/findings.cc", "src/pinning/checks.cc", "signatures/poisoning.toml"};
  for (const char* dir : {"src/drift", "src/poisoning"}) {
    for (const auto& entry : std::filesystem::directory_iterator(std::string(MCPGUARD_SOURCE_DIR) + "/" + dir)) {
      if (entry.path().extension() == ".cc") sources.push_back(std::string(dir) + "/" + entry.path().filename().string());
    }
  }
  for (const std::string& rel : sources) {
    const std::set<std::string> ids = IdsIn(rel);
    emitted.insert(ids.begin(), ids.end());
  }
  // drift::Rule()'s return after its exhaustive switch: never emitted.
  CHECK(emitted.erase("MCPG-DRIFT-000") == 1);
  const auto count = [&](const std::string& prefix) {
    return std::count_if(emitted.begin(), emitted.end(),
                         [&](const std::string& id) { return id.rfind(prefix, 0) == 0; });
  };
  CHECK(count("MCPG-CRED-") == 8);
  CHECK(count("MCPG-LAUNCH-") == 14);
  CHECK(count("MCPG-DRIFT-") == 9);
  CHECK(count("MCPG-REDIRECT-") == 10);
  CHECK(count("MCPG-POISON-") == 26);
  CHECK(emitted.size() == 8 + 14 + 9 + 10 + 26);
  for (const std::string& id : emitted) {
    INFO(id);
    const rules::RuleInfo* r = registry->Find(id);
    REQUIRE(r != nullptr);
    CHECK_FALSE(r->name.empty());
    CHECK_FALSE(r->short_description.empty());
    CHECK(r->description.find("**Fix:**") != std::string::npos);
    CHECK(r->description.back() != '\n');
    CHECK(std::find(r->tags.begin(), r->tags.end(), "security") != r->tags.end());
    for (const std::string& tag : r->tags) {
      INFO(tag);
      CHECK((tag == "security" || std::regex_match(tag, std::regex("MCP(0[1-9]|10):2025"))));
    }
  }
  const rules::RuleInfo* cred = registry->Find("MCPG-CRED-004");
  REQUIRE(cred != nullptr);
  CHECK(cred->name == "config-tracked-by-git");
  CHECK(cred->severity == model::Severity::kCritical);
  CHECK(cred->tags == std::vector<std::string>{"security", "MCP01:2025"});
  const rules::RuleInfo* tunnel = registry->Find("MCPG-REDIRECT-004");
  REQUIRE(tunnel != nullptr);
  CHECK(tunnel->name == "remote-tunnel-host");
  CHECK(tunnel->severity == model::Severity::kCritical);
  CHECK(tunnel->tags == std::vector<std::string>{"security", "MCP04:2025", "MCP09:2025"});
}

TEST_CASE("an unknown rule id gets a generic description", "[rules][registry]") {
  const rules::RuleRegistry empty;
  const rules::RuleInfo r = empty.Describe("MCPG-NEW-001", "new-thing", model::Severity::kHigh);
  CHECK(r.id == "MCPG-NEW-001");
  CHECK(r.name == "new-thing");
  CHECK(r.short_description == "mcpguard rule MCPG-NEW-001 (new-thing).");
  CHECK(r.severity == model::Severity::kHigh);
}

TEST_CASE("rules files: unknown keys, bad severities and duplicate ids are refused with a position",
          "[rules][registry]") {
  const std::string head = "schema = \"mcpguard.rules/1\"\n";
  const std::string rule =
      "[[rule]]\nid = \"MCPG-X-001\"\nname = \"x\"\nshort = \"s\"\ndescription = \"d\"\nseverity = \"low\"\n";
  rules::RuleRegistry r;
  REQUIRE(rules::ParseRules(head + rule, "a.toml", r).has_value());
  auto dup = rules::ParseRules(head + rule, "b.toml", r);
  REQUIRE_FALSE(dup.has_value());
  CHECK(dup.error().ToString() == "b.toml:3:6: rule \"MCPG-X-001\" is defined twice");

  rules::RuleRegistry fresh;
  auto typo = rules::ParseRules(head + rule + "tag = [\"x\"]\n", "c.toml", fresh);
  REQUIRE_FALSE(typo.has_value());
  CHECK(typo.error().ToString() == "c.toml:8:1: unknown key \"tag\" in [[rule]]");

  std::string bad = rule;
  bad.replace(bad.find("\"low\""), 5, "\"urgent\"");
  auto sev = rules::ParseRules(head + bad, "d.toml", fresh);
  REQUIRE_FALSE(sev.has_value());
  CHECK(sev.error().message == "unknown severity \"urgent\" (info, low, medium, high, critical)");
}

TEST_CASE("a --signatures directory's rules*.toml files are read in name order", "[rules][registry]") {
  TempDir t;
  const std::string head = "schema = \"mcpguard.rules/1\"\n";
  t.Write("sig/rules.toml", head + "[[rule]]\nid = \"MCPG-A-001\"\nname = \"a\"\nshort = \"s\"\n"
                                   "description = \"d\"\nseverity = \"low\"\n");
  t.Write("sig/rules-extra.toml", head + "[[rule]]\nid = \"MCPG-B-001\"\nname = \"b\"\nshort = \"s\"\n"
                                         "description = \"d\"\nseverity = \"high\"\n");
  t.Write("sig/hosts.toml", "not a rules file");
  auto r = rules::LoadRuleRegistry(t.Path("sig"));
  REQUIRE(r.has_value());
  REQUIRE(r->rules.size() == 2);
  CHECK(r->rules[0].id == "MCPG-B-001");  // "rules-extra.toml" sorts before "rules.toml"
  CHECK(r->rules[1].id == "MCPG-A-001");
}

}  // namespace
}  // namespace mcpguard::test

#include "pinning/packages.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "support/temp_dir.h"

namespace mcpguard::pinning {
namespace {

const PackageRules& BuiltIn() {
  static const PackageRules rules = [] {
    auto r = LoadPackageRules("");
    REQUIRE(r);
    return std::move(*r);
  }();
  return rules;
}

TEST_CASE("versions compare numerically, calendar versions included", "[pinning][packages]") {
  CHECK(CompareVersions("1.2.3", "1.2.3") == 0);
  CHECK(CompareVersions("1.2", "1.2.0") == 0);
  CHECK(CompareVersions("v1.2.3", "1.2.3") == 0);
  CHECK(CompareVersions("1.2.3+build.7", "1.2.3") == 0);
  CHECK(CompareVersions("1.10.0", "1.9.9") > 0);
  CHECK(CompareVersions("0.1.15", "0.1.16") < 0);
  CHECK(CompareVersions("2025.7.1", "2025.6.30") > 0);
  CHECK(CompareVersions("2025.12.18", "2025.9.25") > 0);
  CHECK(CompareVersions("2026.1.14", "2025.12.18") > 0);
  CHECK(CompareVersions("2025.4.8", "2025.4.25") < 0);
  CHECK(CompareVersions("18446744073709551616999.0", "1.0") > 0);  // saturates, no overflow
}

TEST_CASE("pre-releases sort below their release", "[pinning][packages]") {
  CHECK(CompareVersions("1.0.0-alpha", "1.0.0") < 0);
  CHECK(CompareVersions("1.0.0-alpha", "1.0.0-alpha.1") < 0);
  CHECK(CompareVersions("1.0.0-alpha.1", "1.0.0-beta") < 0);
  CHECK(CompareVersions("1.0.0-beta.2", "1.0.0-beta.11") < 0);
  CHECK(CompareVersions("1.0.0-rc.1", "1.0.0") < 0);
  CHECK(CompareVersions("1.0rc1", "1.0rc2") < 0);
  CHECK(CompareVersions("1.0rc2", "1.0rc10") < 0);
  CHECK(CompareVersions("1.0a1", "1.0b1") < 0);
  CHECK(CompareVersions("1.0.dev0", "1.0a1") < 0);
  CHECK(CompareVersions("1.0.post1", "1.0") > 0);
  CHECK(CompareVersions("0.0.1-security", "0.0.1") < 0);
  CHECK(CompareVersions("0.1.16-beta", "0.1.15") > 0);
}

TEST_CASE("version ranges", "[pinning][packages]") {
  CHECK(VersionInRange("1.0.16", ">=1.0.16"));
  CHECK(VersionInRange("1.0.18", ">=1.0.16"));
  CHECK_FALSE(VersionInRange("1.0.15", ">=1.0.16"));
  CHECK(VersionInRange("0.1.0", ">=0.0.5 <0.1.16"));
  CHECK_FALSE(VersionInRange("0.0.4", ">=0.0.5 <0.1.16"));
  CHECK_FALSE(VersionInRange("0.1.16", ">=0.0.5 <0.1.16"));
  CHECK(VersionInRange("0.1.0", ">=0.0.5,<0.1.16"));
  CHECK(VersionInRange("2025.6.30", "<2025.7.1"));
  CHECK_FALSE(VersionInRange("2025.7.1", "<2025.7.1"));
  CHECK(VersionInRange("3.0.0", "<1 || >=3"));
  CHECK_FALSE(VersionInRange("2.0.0", "<1 || >=3"));
  CHECK(VersionInRange("1.2.3", "1.2.3"));
  CHECK(VersionInRange("1.2.3", "==1.2.3"));
  CHECK(VersionInRange("1.2.4", "!=1.2.3"));
  CHECK(VersionInRange("99.0.0", "*"));
  CHECK_FALSE(VersionInRange("1.0.0", "latest"));
  CHECK(IsValidRange(">=0.0.5 <0.1.16"));
  CHECK_FALSE(IsValidRange(""));
  CHECK_FALSE(IsValidRange("^1.2"));
  CHECK_FALSE(IsValidRange(">= 1.0"));
  CHECK_FALSE(IsValidRange("1.0 ||"));
}

TEST_CASE("the floor of a requested range", "[pinning][packages]") {
  CHECK(RangeFloor("^1.2") == "1.2");
  CHECK(RangeFloor("~0.1.16") == "0.1.16");
  CHECK(RangeFloor(">=0.1.16,<1") == "0.1.16");
  CHECK(RangeFloor(">=0.8") == "0.8");
  CHECK(RangeFloor("<2") == "0");
  CHECK(RangeFloor("1.x") == "1");
  CHECK(RangeFloor("*") == "0");
  CHECK(RangeFloor("^2.0.0 || ^1.5.0") == "1.5.0");
  CHECK(RangeFloor("1.2.3 - 2.0.0") == "1.2.3");
  CHECK(RangeFloor("==1.2.*") == "1.2");
  CHECK(RangeFloor("latest").empty());
}

TEST_CASE("Damerau-Levenshtein distance", "[pinning][packages]") {
  CHECK(DamerauLevenshtein("", "") == 0);
  CHECK(DamerauLevenshtein("abc", "") == 3);
  CHECK(DamerauLevenshtein("claude-code", "claude-code") == 0);
  CHECK(DamerauLevenshtein("claud-code", "claude-code") == 1);
  CHECK(DamerauLevenshtein("suport-color", "supports-color") == 2);
  CHECK(DamerauLevenshtein("rimarf", "rimraf") == 1);   // a transposition counts once
  CHECK(DamerauLevenshtein("yarsg", "yargs") == 1);
  CHECK(DamerauLevenshtein("kitten", "sitting") == 3);
  CHECK(DamerauLevenshtein(std::string(300, 'a'), "a") == 300);  // too long: far apart
}

TEST_CASE("names normalise per ecosystem", "[pinning][packages]") {
  CHECK(NormalizeName("pypi", "awslabs.ECS__MCP-server") == "awslabs-ecs-mcp-server");
  CHECK(NormalizeName("npm", "@Scope/Name") == "@scope/name");
  CHECK(NormalizeName("docker", "docker.io/library/postgres") == "postgres");
  CHECK(NormalizeName("docker", "docker.io/mcp/github") == "mcp/github");
  CHECK(NormalizeName("docker", "ghcr.io/github/github-mcp-server") == "ghcr.io/github/github-mcp-server");
}

TEST_CASE("the built-in packages.toml loads", "[pinning][packages]") {
  const PackageRules& r = BuiltIn();
  CHECK(r.malicious.size() >= 21);
  CHECK(r.vulnerable.size() >= 11);
  CHECK(r.well_known_npm.size() + r.well_known_pypi.size() + r.well_known_docker.size() >= 40);
  const auto postmark = r.Malicious("npm", "postmark-mcp");
  REQUIRE(postmark.size() == 1);
  CHECK(postmark[0]->advisory == "MAL-2025-47604");
  CHECK(postmark[0]->versions == ">=1.0.16");
  CHECK(std::find(postmark[0]->iocs.begin(), postmark[0]->iocs.end(), "giftshop.club") != postmark[0]->iocs.end());
  CHECK(r.Malicious("npm", "@lanyer640/mcp-runcommand-server").size() == 1);
  for (const char* name : {"claud-code", "cloude", "cloude-code", "crypto-locale", "crypto-reader-info", "detect-cache",
                           "format-defaults", "hardhta", "locale-loader-pro", "naniod", "node-native-bridge", "opencraw",
                           "parse-compat", "rimarf", "scan-store", "secp256", "suport-color", "veim", "yarsg"}) {
    INFO(name);
    CHECK(r.Malicious("npm", name).size() == 1);
  }
  CHECK(r.Vulnerable("npm", "mcp-remote").size() == 1);
  CHECK(r.Vulnerable("npm", "@modelcontextprotocol/server-filesystem").size() == 2);
  CHECK(r.Vulnerable("pypi", "mcp_server_git").size() == 4);  // PEP 503: _ is -
  CHECK(r.Vulnerable("npm", "@modelcontextprotocol/inspector").size() == 1);
  CHECK(r.Vulnerable("npm", "@modelcontextprotocol/sdk").size() == 1);
  CHECK(r.Vulnerable("pypi", "mcp").size() == 1);
  CHECK(r.Vulnerable("npm", "figma-developer-mcp").size() == 1);
  CHECK(r.Vulnerable("npm", "mcp-server-git").empty());  // wrong ecosystem
}

TEST_CASE("every malicious entry is well formed", "[pinning][packages]") {
  std::set<std::string> seen;
  for (const MaliciousPackage& m : BuiltIn().malicious) {
    INFO(m.name);
    CHECK((m.ecosystem == "npm" || m.ecosystem == "pypi"));
    CHECK_FALSE(m.name.empty());
    CHECK(IsValidRange(m.versions));
    CHECK((m.advisory.rfind("MAL-", 0) == 0 || m.advisory.rfind("GHSA-", 0) == 0));
    CHECK_FALSE(m.summary.empty());
    CHECK(m.line > 0);
    CHECK(seen.insert(m.ecosystem + "/" + m.name).second);
  }
}

TEST_CASE("every vulnerable entry is well formed", "[pinning][packages]") {
  for (const VulnerablePackage& v : BuiltIn().vulnerable) {
    INFO(v.name << " " << v.cve);
    CHECK((v.ecosystem == "npm" || v.ecosystem == "pypi"));
    CHECK(IsValidRange(v.affected));
    CHECK_FALSE(VersionInRange(v.fixed, v.affected));
    CHECK(v.cve.rfind("CVE-", 0) == 0);
    CHECK(v.severity >= model::Severity::kMedium);
    CHECK_FALSE(v.summary.empty());
  }
}

TEST_CASE("the well-known lists hold what look-alike detection needs", "[pinning][packages]") {
  const PackageRules& r = BuiltIn();
  auto has = [](const std::vector<std::string>& list, const char* name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  for (const char* name : {"@modelcontextprotocol/server-github", "@modelcontextprotocol/server-filesystem", "mcp-remote",
                           "@playwright/mcp", "@upstash/context7-mcp", "@notionhq/notion-mcp-server", "@stripe/mcp",
                           "@supabase/mcp-server-supabase", "claude-code", "supports-color"}) {
    INFO(name);
    CHECK(has(r.well_known_npm, name));
  }
  CHECK(has(r.well_known_pypi, "mcp-server-fetch"));
  CHECK(has(r.well_known_pypi, "mcp-server-git"));
  CHECK(has(r.well_known_pypi, "mcp-server-time"));
  CHECK(has(r.well_known_docker, "ghcr.io/github/github-mcp-server"));
  // No name appears twice, and no malicious name is "well known".
  std::set<std::string> names;
  for (const std::string& n : r.well_known_npm) CHECK(names.insert("npm/" + n).second);
  for (const std::string& n : r.well_known_pypi) CHECK(names.insert("pypi/" + n).second);
  for (const std::string& n : r.well_known_docker) CHECK(names.insert("docker/" + n).second);
  for (const MaliciousPackage& m : r.malicious) CHECK(names.count(m.ecosystem + "/" + m.name) == 0);
}

TEST_CASE("packages.toml problems name the file, line and column", "[pinning][packages]") {
  const std::string head = "schema = \"mcpguard.packages/1\"\n";
  const std::string mal = "[[malicious]]\necosystem = \"npm\"\nname = \"x\"\nversions = \"*\"\nadvisory = \"MAL-1\"\nsummary = \"s\"\n";
  const std::string vul =
      "[[vulnerable]]\necosystem = \"npm\"\nname = \"y\"\naffected = \"<2\"\nfixed = \"2\"\ncve = \"CVE-1\"\n"
      "severity = \"high\"\nsummary = \"s\"\n";
  const std::string wk = "[well_known]\nnpm = [\"a\"]\n";
  REQUIRE(ParsePackageRules(head + mal + vul + wk, "p.toml"));

  struct Bad {
    std::string text;
    std::string message;
  };
  const std::vector<Bad> bad = {
      {"schema = \"other/1\"\n" + mal + vul + wk, "unsupported schema"},
      {head + vul + wk, "no [[malicious]] entries"},
      {head + mal + wk, "no [[vulnerable]] entries"},
      {head + mal + vul, "no [well_known] table"},
      {head + mal + "verions = \"*\"\n" + vul + wk, "unknown key \"verions\""},
      {head + "[[malicious]]\necosystem = \"cargo\"\nname = \"x\"\nversions = \"*\"\nadvisory = \"MAL-1\"\nsummary = \"s\"\n" + vul + wk,
       "unknown ecosystem"},
      {head + "[[malicious]]\necosystem = \"npm\"\nname = \"x\"\nversions = \"^1\"\nadvisory = \"MAL-1\"\nsummary = \"s\"\n" + vul + wk,
       "invalid version range"},
      {head + "[[malicious]]\necosystem = \"npm\"\nname = \"x\"\nversions = \"*\"\nadvisory = \"X-1\"\nsummary = \"s\"\n" + vul + wk,
       "unexpected advisory"},
      {head + mal + mal + vul + wk, "listed twice"},
      {head + mal +
           "[[vulnerable]]\necosystem = \"npm\"\nname = \"y\"\naffected = \"<2\"\nfixed = \"1.5\"\ncve = \"CVE-1\"\n"
           "severity = \"high\"\nsummary = \"s\"\n" + wk,
       "is not outside"},
      {head + mal + vul + "[well_known]\nnpm = [1]\n", "must hold non-empty strings"},
  };
  for (const Bad& b : bad) {
    INFO(b.text);
    auto r = ParsePackageRules(b.text, "p.toml");
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Matchers::Contains(b.message));
    CHECK(r.error().path == "p.toml");
  }
  auto r = ParsePackageRules(head + mal + "verions = \"*\"\n" + vul + wk, "p.toml");
  REQUIRE_FALSE(r);
  CHECK(r.error().line == 8);
  CHECK(r.error().column == 1);
}

TEST_CASE("packages.toml from a signatures directory", "[pinning][packages]") {
  test::TempDir dir;
  auto missing = LoadPackageRules(dir.path());
  CHECK_FALSE(missing);
  const std::string text =
      "schema = \"mcpguard.packages/1\"\n[[malicious]]\necosystem = \"pypi\"\nname = \"evil\"\nversions = \"*\"\n"
      "advisory = \"MAL-9\"\nsummary = \"s\"\n[[vulnerable]]\necosystem = \"pypi\"\nname = \"old\"\naffected = \"<2\"\n"
      "fixed = \"2\"\ncve = \"CVE-9\"\nseverity = \"low\"\nsummary = \"s\"\n[well_known]\npypi = [\"good\"]\n";
  dir.Write("packages.toml", text);
  auto r = LoadPackageRules(dir.path());
  REQUIRE(r);
  CHECK(r->malicious.size() == 1);
  CHECK(r->WellKnown("pypi") == std::vector<std::string>{"good"});
  CHECK(r->WellKnown("npm").empty());
}

}  // namespace
}  // namespace mcpguard::pinning

// SARIF 2.1.0 for findings: the golden file tests/report/golden/findings.sarif
// was written by hand from the sample in sample.h; fingerprints are computed
// here with OpenSSL from the documented key (rule, host, server, location).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "report/sarif.h"
#include "sample.h"
#include "support/evidence.h"

namespace mcpguard::test {
namespace {

using nlohmann::json;

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

report::SarifOptions SampleOptions() { return {"1.2.3", "/home/ana/src/app", "/home/ana"}; }

TEST_CASE("SARIF of the sample findings matches the hand-written golden file", "[report][sarif]") {
  std::string golden = Golden("findings.sarif");
  golden = Replace(golden, "@FP1@", Sha256OfText("MCPG-CRED-001\ncursor\ngithub\n%HOME%/.cursor/mcp.json"));
  golden = Replace(golden, "@FP2@", Sha256OfText("MCPG-TEST-999\nclaude-code\n\n%SRCROOT%/.mcp.json"));
  golden = Replace(golden, "@FP3@", Sha256OfText("MCPG-REDIRECT-004\ncursor\nremote\n%HOME%/.cursor/mcp.json"));
  const std::string out = report::RenderSarif(SampleReport().findings, SampleRules(), SampleOptions());
  CHECK(json::parse(out) == json::parse(golden));
  CHECK(out.back() == '\n');
}

TEST_CASE("SARIF levels and GitHub security-severity follow the finding severity", "[report][sarif]") {
  using model::Severity;
  CHECK(report::SarifLevel(Severity::kCritical) == "error");
  CHECK(report::SarifLevel(Severity::kHigh) == "error");
  CHECK(report::SarifLevel(Severity::kMedium) == "warning");
  CHECK(report::SarifLevel(Severity::kLow) == "note");
  CHECK(report::SarifLevel(Severity::kInfo) == "note");
  CHECK(report::SecuritySeverity(Severity::kCritical) == "9.5");
  CHECK(report::SecuritySeverity(Severity::kMedium) == "5.0");
}

TEST_CASE("SARIF locations outside both bases are file URIs, percent-encoded", "[report][sarif]") {
  model::Finding f = SampleUnknownFinding();
  f.config_path = "/etc/my tools/mcp#1.json";
  f.pos = {3, 0};  // a line without a column: no startColumn
  const json out = json::parse(report::RenderSarif({f}, SampleRules(), SampleOptions()));
  const json& physical = out["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
  CHECK(physical["artifactLocation"] == json{{"uri", "file:///etc/my%20tools/mcp%231.json"}});
  CHECK(physical["region"] == json{{"startLine", 3}});
  CHECK_FALSE(out["runs"][0].contains("originalUriBaseIds"));
}

TEST_CASE("SARIF with no findings is a valid empty run", "[report][sarif]") {
  const json out = json::parse(report::RenderSarif({}, SampleRules(), SampleOptions()));
  CHECK(out["runs"][0]["results"] == json::array());
  CHECK(out["runs"][0]["tool"]["driver"]["rules"] == json::array());
}

TEST_CASE("the partial fingerprint ignores the message, the line and the home directory", "[report][sarif]") {
  model::Finding a = SampleCredFinding();
  model::Finding b = a;
  b.message = "another wording";
  b.pos = {9, 1};
  b.config_path = "/home/bob/.cursor/mcp.json";
  report::SarifOptions bob = SampleOptions();
  bob.home = "/home/bob";
  const json ja = json::parse(report::RenderSarif({a}, SampleRules(), SampleOptions()));
  const json jb = json::parse(report::RenderSarif({b}, SampleRules(), bob));
  CHECK(ja["runs"][0]["results"][0]["partialFingerprints"] == jb["runs"][0]["results"][0]["partialFingerprints"]);
}

}  // namespace
}  // namespace mcpguard::test

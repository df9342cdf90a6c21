// End-to-end: `mcpguard report` over a history of several scans of a fake
// home, in every format; `scan --format sarif` and `report --format sarif`
// validated against the OASIS SARIF 2.1.0 schema with ajv (node); and no
// format ever carries a credential value. Every run uses --no-cwd and --root
// <tmp>/root so neither the test's directory nor the machine's /etc is read.
#include <sys/stat.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "base/process.h"
#include "support/evidence.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

// A GitHub classic token with a valid checksum (an example from
// signatures/credentials.toml), so it is recognised and fingerprinted.
constexpr const char* kToken = "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";

struct Home {
  TempDir t;
  std::string home = t.MakeDir("home");
  std::string root = t.MakeDir("root");

  Run Mcpguard(std::vector<std::string> args) const {
    if (!args.empty() && (args[0] == "scan" || args[0] == "report" || args[0] == "approve" || args[0] == "diff")) {
      args.insert(args.end(), {"--no-cwd", "--root", root});
    }
    if (!args.empty() && args[0] == "scan") args.insert(args.end(), {"--os", "linux"});
    return RunMcpguard(args, home, {{"USER", "tester"}});
  }
  void Cursor(const json& servers) const { t.Write("home/.cursor/mcp.json", json{{"mcpServers", servers}}.dump(2)); }
  void Claude(const json& servers) const { t.Write("home/.claude.json", json{{"mcpServers", servers}}.dump(2)); }
  void Scan() const {
    const Run r = Mcpguard({"scan"});
    INFO(r.err);
    REQUIRE(r.exit_code <= 1);
    REQUIRE(r.err.find("history not recorded") == std::string::npos);
  }
};

const json kFetch = {{"command", "uvx"}, {"args", {"mcp-server-fetch==2025.4.7"}}};
const json kGithub = {{"command", "npx"}, {"args", {"-y", "@modelcontextprotocol/server-github@2025.4.8"}}};
const json kMemory = {{"command", "npx"}, {"args", {"-y", "@modelcontextprotocol/server-memory@2026.8.31"}}};

json WithEnv(json server, const std::string& name, const std::string& value) {
  server["env"][name] = value;
  return server;
}

// Three scans: cursor {fetch}; then cursor {fetch, github} and claude-code
// {memory}; then cursor {github with LOG_LEVEL} (fetch removed).
void ThreeScans(const Home& h) {
  h.Cursor({{"fetch", kFetch}});
  h.Scan();
  h.Cursor({{"fetch", kFetch}, {"github", kGithub}});
  h.Claude({{"memory", kMemory}});
  h.Scan();
  h.Cursor({{"github", WithEnv(kGithub, "LOG_LEVEL", "debug")}});
  h.Scan();
}

// "host/server change [fields]" of every change, in report order.
std::vector<std::string> Changes(const json& doc) {
  std::vector<std::string> out;
  for (const json& e : doc.at("changes")) {
    for (const json& c : e.at("changes")) {
      std::string line = c.at("host").get<std::string>() + "/" + c.at("server").get<std::string>() + " " +
                         c.at("change").get<std::string>();
      for (const json& f : c.at("fields")) line += " " + f.get<std::string>();
      out.push_back(line);
    }
  }
  return out;
}

ProcessResult ValidateSarif(const std::vector<std::string>& files) {
  ProcessOptions o;
  o.argv = {"node", std::string(MCPGUARD_TEST_SERVERS) + "/validate-sarif.mjs",
            std::string(MCPGUARD_SOURCE_DIR) + "/../shared/schemas/sarif-schema-2.1.0.json"};
  o.argv.insert(o.argv.end(), files.begin(), files.end());
  o.env = std::vector<std::string>{"PATH=/usr/local/bin:/usr/bin:/bin"};
  auto r = RunProcess(o);
  INFO("node and tests/servers/node_modules (make test-servers) are needed");
  REQUIRE(r.has_value());
  REQUIRE(r->exit_code != 127);
  return *r;
}

TEST_CASE("report lists the changes of several scans with their hosts and servers", "[e2e][report]") {
  Home h;
  ThreeScans(h);
  const Run r = h.Mcpguard({"report", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const json doc = r.Json();
  CHECK(doc["schema"] == "mcpguard.report/1");
  CHECK(Changes(doc) == std::vector<std::string>{
                            "cursor/fetch added",
                            "claude-code/memory added",
                            "cursor/github added",
                            "cursor/fetch removed",
                            "cursor/github changed env",
                        });
  REQUIRE(doc["changes"].size() == 3);
  CHECK(doc["changes"][0]["summary"] == "first scan: 1 server in 1 config");
  CHECK(doc["changes"][1]["changes"][0]["config"] == "~/.claude.json");
  CHECK(doc["changes"][2]["changes"][0]["config"] == "~/.cursor/mcp.json");
  CHECK(doc["summary"]["servers"] == 2);
  CHECK(doc["summary"]["configs"] == 2);
  CHECK(doc["summary"]["hosts"] == 2);
  CHECK(doc["approval"]["state"] == "no-baseline");

  const Run text = h.Mcpguard({"report"});
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Contains("+ claude-code/memory  added  (~/.claude.json)"));
  CHECK_THAT(text.out, Contains("- cursor/fetch  removed  (~/.cursor/mcp.json)"));
  CHECK_THAT(text.out, Contains("~ cursor/github  changed: env  (~/.cursor/mcp.json)"));
  CHECK_THAT(text.out, Contains("5 server changes in 3 recorded scans"));

  const Run md = h.Mcpguard({"report", "--format", "markdown"});
  CHECK_THAT(md.out, Contains("| claude-code | memory | added | \\~/.claude.json |"));
  CHECK_THAT(md.out, Contains("| cursor | github | changed: env | \\~/.cursor/mcp.json |"));
  const Run html = h.Mcpguard({"report", "--format", "html"});
  CHECK_THAT(html.out, Contains("<td>cursor</td><td>fetch</td><td>removed</td>"));
}

TEST_CASE("report --since leaves out older scans but still shows the current state", "[e2e][report]") {
  Home h;
  h.Cursor({{"github", WithEnv(kGithub, "GITHUB_TOKEN", kToken)}});
  h.Scan();
  const Run r = h.Mcpguard({"report", "--since", "2099-01-01", "--format", "json"});
  INFO(r.err);
  const json doc = r.Json();
  CHECK(doc["changes"] == json::array());
  CHECK(doc["period"]["since"] == "2099-01-01T00:00:00Z");
  CHECK(doc["summary"]["servers"] == 1);
  REQUIRE(doc["credentials"].size() == 1);
  CHECK(doc["credentials"][0]["provider"] == "GitHub");
  CHECK(doc["credentials"][0]["holders"] == json{"cursor/github (env.GITHUB_TOKEN)"});

  const Run bad = h.Mcpguard({"report", "--since", "last tuesday"});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Contains("--since: cannot read 'last tuesday'"));
}

TEST_CASE("report with no history says so and exits 2", "[e2e][report]") {
  Home h;
  const Run r = h.Mcpguard({"report"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Contains("no history yet"));
  CHECK_THAT(r.err, Contains("run 'mcpguard scan' first"));
}

TEST_CASE("report exit status follows --fail-on, and --output writes the file", "[e2e][report]") {
  Home h;
  // A plaintext token in a file only its owner reads: CRED-001 (high) and
  // CRED-008 (medium), nothing critical.
  h.Cursor({{"github", WithEnv(kGithub, "GITHUB_TOKEN", kToken)}});
  REQUIRE(::chmod(h.t.Path("home/.cursor/mcp.json").c_str(), 0600) == 0);
  h.Scan();
  CHECK(h.Mcpguard({"report"}).exit_code == 1);
  CHECK(h.Mcpguard({"report", "--fail-on", "critical"}).exit_code == 0);
  const std::string file = h.t.Path("out/report.html");
  MakeDirs(h.t.Path("out"));
  const Run r = h.Mcpguard({"report", "--format", "html", "--output", file, "--fail-on", "critical"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  const std::string html = ReadFile(file);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK_THAT(html, Contains("MCPG-CRED-001 plaintext-secret: cursor/github"));
}

// (id, host/server, severity) of the drift findings of a report or scan.
std::multiset<std::string> DriftFindings(const json& findings) {
  std::multiset<std::string> out;
  for (const json& f : findings) {
    const std::string id = f.at("id");
    if (id.rfind("MCPG-DRIFT-", 0) != 0 && id.rfind("MCPG-REDIRECT-", 0) != 0) continue;
    out.insert(id + " " + f.at("host").get<std::string>() + "/" + f.at("server").get<std::string>() + " " +
               f.at("severity").get<std::string>());
  }
  return out;
}

void KeygenAndApprove(const Home& h) {
  REQUIRE(h.Mcpguard({"keygen", "-W"}).exit_code == 0);
  const Run approved = h.Mcpguard({"approve", "--all"});
  INFO(approved.err);
  REQUIRE(approved.exit_code == 0);
}

TEST_CASE("report shows servers that are not approved or changed since approval", "[e2e][report]") {
  Home h;
  h.Cursor({{"fetch", kFetch}});
  KeygenAndApprove(h);
  h.Cursor({{"fetch", WithEnv(kFetch, "LOG_LEVEL", "debug")}, {"github", kGithub}});
  h.Scan();
  const Run r = h.Mcpguard({"report", "--format", "json"});
  INFO(r.err);
  CHECK(r.exit_code == 1);  // the unapproved server is a high drift finding
  const json doc = r.Json();
  CHECK(doc["approval"]["state"] == "verified");
  CHECK(doc["approval"]["checked"] == 2);
  CHECK(doc["approval"]["problems"] ==
        json::parse(R"([{"server": "cursor/fetch", "kind": "changed", "fields": ["env.LOG_LEVEL"]},
                        {"server": "cursor/github", "kind": "unapproved", "fields": []}])"));
  // The drift is in the findings, once each (the scan recorded it too).
  CHECK(DriftFindings(doc["findings"]) ==
        std::multiset<std::string>{"MCPG-DRIFT-001 cursor/github high", "MCPG-DRIFT-003 cursor/fetch medium"});
  CHECK_THAT(h.Mcpguard({"report"}).out, Contains("cursor/github: unapproved"));

  // A baseline altered after signing: the report is still written, says so, and exits 2.
  const std::string baseline = h.home + "/.config/mcpguard/baseline.json";
  const std::string altered = ReadFile(baseline) + " ";
  h.t.Write("home/.config/mcpguard/baseline.json", altered);
  const Run tampered = h.Mcpguard({"report", "--format", "json"});
  CHECK(tampered.exit_code == 2);
  CHECK(tampered.Json()["approval"]["state"] == "unverifiable");
  CHECK_THAT(tampered.err, Contains("cannot verify the baseline"));
}

TEST_CASE("scan and report SARIF validate against the OASIS SARIF 2.1.0 schema", "[e2e][report][sarif]") {
  Home h;
  h.Cursor({{"fetch", {{"command", "uvx"}, {"args", {"mcp-server-fetch"}}}},
            {"github", WithEnv(kGithub, "GITHUB_TOKEN", kToken)}});
  const Run scan = h.Mcpguard({"scan", "--format", "sarif"});
  INFO(scan.err);
  REQUIRE(scan.exit_code == 1);
  const json log = json::parse(scan.out);
  const json& results = log["runs"][0]["results"];
  REQUIRE(results.size() >= 3);
  std::vector<std::string> rule_ids;
  for (const json& rule : log["runs"][0]["tool"]["driver"]["rules"]) rule_ids.push_back(rule["id"]);
  for (const std::string id : {"MCPG-CRED-001", "MCPG-CRED-003", "MCPG-LAUNCH-001"}) {
    CHECK(std::find(rule_ids.begin(), rule_ids.end(), id) != rule_ids.end());
  }
  for (const json& result : results) {
    CHECK(rule_ids.at(result["ruleIndex"].get<size_t>()) == result["ruleId"]);
    const json& location = result["locations"][0]["physicalLocation"]["artifactLocation"];
    CHECK(location == json{{"uri", ".cursor/mcp.json"}, {"uriBaseId", "%HOME%"}});
  }
  const std::string scan_file = h.t.Write("scan.sarif", scan.out);
  const Run report = h.Mcpguard({"report", "--format", "sarif", "--output", h.t.Path("report.sarif")});
  INFO(report.err);
  REQUIRE(report.exit_code == 1);
  const ProcessResult valid = ValidateSarif({scan_file, h.t.Path("report.sarif")});
  INFO(valid.err);
  CHECK(valid.exit_code == 0);

  // The validator does fail: a run without a tool is not SARIF.
  const std::string broken = h.t.Write("broken.sarif", R"({"version": "2.1.0", "runs": [{"results": []}]})");
  const ProcessResult invalid = ValidateSarif({broken});
  CHECK(invalid.exit_code == 1);
  CHECK_THAT(invalid.err, Contains("must have required property 'tool'"));
}

TEST_CASE("report lists drift from the baseline as findings, with their fix, in every format",
          "[e2e][report][drift]") {
  Home h;
  h.Cursor({{"fetch", kFetch}, {"remote", {{"url", "https://mcp.example.com/mcp"}}}});
  KeygenAndApprove(h);
  h.Cursor({{"fetch", kFetch}, {"remote", {{"url", "https://a1b2c3.ngrok-free.app/mcp"}}}, {"github", kGithub}});
  h.Scan();
  const Run r = h.Mcpguard({"report", "--format", "json"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  const json doc = r.Json();
  CHECK(DriftFindings(doc["findings"]) == std::multiset<std::string>{"MCPG-REDIRECT-004 cursor/remote critical",
                                                                     "MCPG-DRIFT-001 cursor/github high"});
  REQUIRE_FALSE(doc["findings"].empty());
  const json& redirect = doc["findings"][0];  // the most severe first
  CHECK(redirect["id"] == "MCPG-REDIRECT-004");
  CHECK(redirect["evidence"] ==
        "url: https://mcp.example.com/mcp -> https://a1b2c3.ngrok-free.app/mcp (tunnel host a1b2c3.ngrok-free.app)");
  CHECK_THAT(redirect["remediation"].get<std::string>(),
             Contains("restore url to the approved value (https://mcp.example.com/mcp)"));
  CHECK(doc["approval"]["problems"] ==
        json::parse(R"([{"server": "cursor/github", "kind": "unapproved", "fields": []},
                        {"server": "cursor/remote", "kind": "changed", "fields": ["url"]}])"));
  CHECK(h.Mcpguard({"report", "--fail-on", "critical"}).exit_code == 1);

  const Run text = h.Mcpguard({"report"});
  CHECK_THAT(text.out, Contains("MCPG-REDIRECT-004  ~/.cursor/mcp.json:"));
  CHECK_THAT(text.out, Contains("cursor/remote: approved server 'remote' now points at a tunnel or paste host\n"
                                "           url: https://mcp.example.com/mcp -> https://a1b2c3.ngrok-free.app/mcp"));
  const Run md = h.Mcpguard({"report", "--format", "markdown"});
  CHECK_THAT(md.out, Contains(". CRITICAL MCPG-REDIRECT-004 remote-tunnel-host: cursor/remote\n"));
  const std::string tunnel_rule = "An approved remote server now points at a tunnel, dynamic DNS or paste host.";
  CHECK_THAT(md.out, Contains("- **Rule:** " + tunnel_rule + "\n"));
  const Run html = h.Mcpguard({"report", "--format", "html"});
  CHECK_THAT(html.out, Contains("<span class=\"sev critical\">critical</span> MCPG-REDIRECT-004 remote-tunnel-host: "
                                "cursor/remote</h3>"));
  CHECK_THAT(html.out, Contains("<dt>Fix</dt><dd>do not start it: restore url"));
  const Run sarif = h.Mcpguard({"report", "--format", "sarif", "--output", h.t.Path("report.sarif")});
  CHECK(sarif.exit_code == 1);
  const json log = json::parse(ReadFile(h.t.Path("report.sarif")));
  bool described = false;
  for (const json& rule : log["runs"][0]["tool"]["driver"]["rules"]) {
    if (rule["id"] != "MCPG-REDIRECT-004") continue;
    described = true;
    CHECK(rule["shortDescription"]["text"] == tunnel_rule);
    CHECK(rule["defaultConfiguration"]["level"] == "error");
    CHECK(rule["properties"]["tags"] == json{"security", "MCP04:2025", "MCP09:2025"});
  }
  CHECK(described);
  const ProcessResult valid = ValidateSarif({h.t.Path("report.sarif")});
  INFO(valid.err);
  CHECK(valid.exit_code == 0);

  // Put back as approved, no new scan: the drift the last scan recorded is
  // not reported; the report compares what is configured now.
  h.Cursor({{"fetch", kFetch}, {"remote", {{"url", "https://mcp.example.com/mcp"}}}});
  const Run fixed = h.Mcpguard({"report", "--format", "json"});
  INFO(fixed.err);
  CHECK(DriftFindings(fixed.Json()["findings"]).empty());
  CHECK(fixed.Json()["approval"]["problems"] == json::array());
  CHECK_THAT(h.Mcpguard({"report"}).out, Contains("all 2 servers match the signed baseline"));
}

TEST_CASE("diff --format sarif is valid SARIF 2.1.0 with each drift rule described", "[e2e][report][sarif][drift]") {
  Home h;
  h.Cursor({{"fetch", kFetch}, {"remote", {{"url", "https://mcp.example.com/mcp"}}}});
  KeygenAndApprove(h);
  const Run clean = h.Mcpguard({"diff", "--format", "sarif"});
  INFO(clean.err);
  CHECK(clean.exit_code == 0);
  CHECK(json::parse(clean.out)["runs"][0]["results"] == json::array());
  const std::string clean_file = h.t.Write("clean.sarif", clean.out);

  h.Cursor({{"fetch", WithEnv(kFetch, "HTTPS_PROXY", "http://203.0.113.50:8080")},
            {"remote", {{"url", "http://198.51.100.23/mcp"}}}});
  const Run r = h.Mcpguard({"diff", "--format", "sarif"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  const json log = json::parse(r.out);
  const json& run = log["runs"][0];
  // Rules in id order; results most severe first (both critical), then in server order: fetch, remote.
  std::vector<std::string> rule_ids;
  for (const json& rule : run["tool"]["driver"]["rules"]) rule_ids.push_back(rule["id"]);
  CHECK(rule_ids == std::vector<std::string>{"MCPG-REDIRECT-003", "MCPG-REDIRECT-009"});
  CHECK(run["tool"]["driver"]["rules"][1]["name"] == "proxy-or-ca-env");
  CHECK(run["tool"]["driver"]["rules"][0]["shortDescription"]["text"] ==
        "An approved remote server now points at a raw IP address.");
  REQUIRE(run["results"].size() == 2);
  const json& proxy = run["results"][0];
  CHECK(proxy["ruleId"] == "MCPG-REDIRECT-009");
  CHECK(proxy["ruleIndex"] == 1);
  CHECK(proxy["level"] == "error");
  CHECK(proxy["message"]["text"] == "the traffic of approved server 'fetch' can now be intercepted (env.HTTPS_PROXY)");
  // The config as json.dump(2) writes it: "fetch" on line 3, "remote" on line 12.
  CHECK(proxy["locations"][0]["physicalLocation"] ==
        json::parse(R"({"artifactLocation": {"uri": ".cursor/mcp.json", "uriBaseId": "%HOME%"},
                        "region": {"startLine": 3, "startColumn": 5}})"));
  const json& ip = run["results"][1];
  CHECK(ip["ruleId"] == "MCPG-REDIRECT-003");
  CHECK(ip["message"]["text"] == "approved server 'remote' now points at a raw IP address");
  CHECK(ip["locations"][0]["physicalLocation"]["region"] == json{{"startLine", 12}, {"startColumn", 5}});
  CHECK(ip["properties"]["evidence"] ==
        "url: https://mcp.example.com/mcp -> http://198.51.100.23/mcp (raw IP address 198.51.100.23; plain http; "
        "port 443 -> 80)");
  CHECK_THAT(ip["properties"]["remediation"].get<std::string>(), Contains("mcpguard approve --server remote"));
  const std::string file = h.t.Write("drift.sarif", r.out);
  const ProcessResult valid = ValidateSarif({clean_file, file});
  INFO(valid.err);
  CHECK(valid.exit_code == 0);

  // Exit status follows --fail-on; a bad threshold or SARIF of two recorded scans is refused (2).
  CHECK(h.Mcpguard({"diff", "--format", "sarif", "--fail-on", "critical"}).exit_code == 1);
  CHECK(h.Mcpguard({"diff", "--fail-on", "severe"}).exit_code == 2);
  const Run revs = RunMcpguard({"diff", "HEAD", "HEAD", "--format", "sarif"}, h.home, {{"USER", "tester"}});
  CHECK(revs.exit_code == 2);
  CHECK_THAT(revs.err, Contains("--format sarif reports drift findings"));
  CHECK(h.Mcpguard({"report", "--fail-on", "severe"}).exit_code == 2);
}

TEST_CASE("diff and report --help teach with examples", "[e2e][report][drift]") {
  Home h;
  const Run diff = RunMcpguard({"diff", "--help"}, h.home);
  CHECK(diff.exit_code == 0);
  CHECK_THAT(diff.out, Contains("Examples:") && Contains("mcpguard diff --format sarif") &&
                           Contains("MCPG-REDIRECT-*") && Contains("--fail-on"));
  const Run report = RunMcpguard({"report", "--help"}, h.home);
  CHECK(report.exit_code == 0);
  CHECK_THAT(report.out, Contains("Examples:") && Contains("mcpguard report --format sarif") &&
                             Contains("MCPG-REDIRECT-*") && Contains("Exit 0"));
}

TEST_CASE("no report format and no SARIF carries the credential value", "[e2e][report]") {
  Home h;
  const std::string header = "Bearer " + std::string(kToken);
  h.Cursor({{"github", WithEnv(kGithub, "GITHUB_TOKEN", kToken)},
            {"remote", {{"url", "https://mcp.example.com/mcp"}, {"headers", {{"Authorization", header}}}}}});
  h.Claude({{"github", {{"command", "npx"}, {"args", {"-y", "@modelcontextprotocol/server-github@2025.4.8",
                                                       "--token=" + std::string(kToken)}}}}});
  h.Scan();
  const std::vector<std::pair<std::string, std::string>> canaries = {{"github token", kToken}};
  for (const std::string format : {"text", "markdown", "html", "json", "sarif"}) {
    const Run r = h.Mcpguard({"report", "--format", format});
    INFO(format << "\n" << r.err);
    CHECK(r.exit_code == 1);
    CHECK_FALSE(r.out.empty());
    CHECK(Leaks(r.out, canaries) == std::vector<std::string>{});
    CHECK(Leaks(r.err, canaries) == std::vector<std::string>{});
  }
  const Run sarif = h.Mcpguard({"scan", "--format", "sarif", "--no-record"});
  CHECK(Leaks(sarif.out, canaries) == std::vector<std::string>{});
  const Run json_report = h.Mcpguard({"report", "--format", "json"});
  CHECK(json_report.Json()["credentials"].size() == 1);  // one token, one fingerprint, three holders
  CHECK(json_report.Json()["credentials"][0]["holders"].size() == 3);
}

}  // namespace
}  // namespace mcpguard::test

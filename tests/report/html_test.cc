// The HTML report: the golden file written by hand from sample.h (its style
// sheet aside), one self-contained file (no script, nothing fetched), every
// config-provided value escaped, and the SVG timeline of changes per day.
#include <catch2/catch.hpp>

#include "report/html.h"
#include "sample.h"

namespace mcpguard::test {
namespace {

constexpr const char* kHostile = "<script>alert(\"x\")</script><img src=x onerror='y'>&amp;";
constexpr const char* kHostileEscaped =
    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&#39;y&#39;&gt;&amp;amp;";

TEST_CASE("HTML report of the sample matches the hand-written golden file", "[report][html]") {
  std::string out = report::RenderHtml(SampleReport(), SampleRules());
  // The style sheet is presentation, not content: the golden file holds a
  // placeholder for it.
  const size_t open = out.find("<style>");
  const size_t close = out.find("</style>");
  REQUIRE(open != std::string::npos);
  REQUIRE(close != std::string::npos);
  CHECK(close - open > 1000);
  out.replace(open + 7, close - open - 7, "@STYLE@");
  CHECK(out == Golden("report.html"));
}

TEST_CASE("HtmlEscape turns every markup character into an entity", "[report][html]") {
  CHECK(report::HtmlEscape(kHostile) == kHostileEscaped);
  CHECK(report::HtmlEscape("tab\tnl\nbell\a") == "tab\tnl\nbell\xEF\xBF\xBD");
}

TEST_CASE("a hostile server name, message and path cannot add markup to the HTML report", "[report][html]") {
  report::PeriodReport r = SampleReport();
  r.events[0].changes[0].server = kHostile;
  r.events[0].changes[0].config = kHostile;
  r.findings[0].server = kHostile;
  r.findings[0].message = kHostile;
  r.findings[0].config_path = std::string("/home/ana/") + kHostile;
  r.approval.problems[0].server = kHostile;
  r.credentials[0].holders = {kHostile};
  r.machine = kHostile;
  const std::string out = report::RenderHtml(r, SampleRules());
  CHECK(out.find("<script") == std::string::npos);
  CHECK(out.find("<img") == std::string::npos);
  CHECK(out.find("onerror='") == std::string::npos);
  CHECK(out.find(std::string("<td>") + kHostileEscaped + "</td>") != std::string::npos);
  CHECK(out.find(std::string("<code>~/") + kHostileEscaped) != std::string::npos);
}

TEST_CASE("the HTML report is self-contained: no script, no external resource", "[report][html]") {
  const std::string out = report::RenderHtml(SampleReport(), SampleRules());
  CHECK(out.rfind("<!DOCTYPE html>\n", 0) == 0);
  CHECK(out.find("</html>\n") == out.size() - 8);
  // URLs may appear as text (a redirect's evidence), never as an attribute.
  for (const char* fetches : {"<script", "<link", "src=", "href=", "url(", "@import", "=\"https://"}) {
    INFO(fetches);
    CHECK(out.find(fetches) == std::string::npos);
  }
  CHECK(out.find("<style>") != std::string::npos);
  CHECK(out.find("default-src 'none'") != std::string::npos);
}

TEST_CASE("the HTML timeline has one bar per day with changes", "[report][html]") {
  const std::string out = report::RenderHtml(SampleReport(), SampleRules());
  CHECK(out.find("<title>server changes per day</title>") != std::string::npos);
  CHECK(out.find("<title>2026-11-03: 1 change</title>") != std::string::npos);
  CHECK(out.find("<title>2026-11-05: 1 change</title>") != std::string::npos);
  size_t bars = 0;
  for (size_t at = out.find("<rect "); at != std::string::npos; at = out.find("<rect ", at + 1)) ++bars;
  CHECK(bars == 2);
}

TEST_CASE("the HTML report shows each finding with its fix and the unknown rule generically", "[report][html]") {
  const std::string out = report::RenderHtml(SampleReport(), SampleRules());
  CHECK(out.find("<span class=\"sev high\">high</span> MCPG-CRED-001 plaintext-secret: cursor/github") !=
        std::string::npos);
  CHECK(out.find("<dt>Fix</dt><dd>move the secret out of the file</dd>") != std::string::npos);
  CHECK(out.find("<dt>Where</dt><dd><code>~/.cursor/mcp.json:4:7</code></dd>") != std::string::npos);
  CHECK(out.find("<dt>Rule</dt><dd>mcpguard rule MCPG-TEST-999 (future-rule).</dd>") != std::string::npos);
}

}  // namespace
}  // namespace mcpguard::test

// The Markdown report: golden file written by hand from sample.h, and the
// escaping that keeps a hostile server name from adding links, HTML or table
// cells.
#include <catch2/catch.hpp>

#include "report/markdown.h"
#include "sample.h"

namespace mcpguard::test {
namespace {

TEST_CASE("markdown report of the sample matches the hand-written golden file", "[report][markdown]") {
  CHECK(report::RenderMarkdown(SampleReport(), SampleRules()) == Golden("report.md"));
}

TEST_CASE("markdown escaping neutralises links, HTML, emphasis and table pipes", "[report][markdown]") {
  CHECK(report::MarkdownEscape("a|b") == "a\\|b");
  CHECK(report::MarkdownEscape("[x](http://evil)") == "\\[x\\](http://evil)");
  CHECK(report::MarkdownEscape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;");
  CHECK(report::MarkdownEscape("*bold* _it_ `code`") == "\\*bold\\* \\_it\\_ \\`code\\`");
  CHECK(report::MarkdownEscape("two\nlines") == "two lines");
}

TEST_CASE("a hostile server name stays inside its table cell", "[report][markdown]") {
  report::PeriodReport r = SampleReport();
  r.events[0].changes[0].server = "evil|<script>alert(1)</script>\n## pwned";
  const std::string out = report::RenderMarkdown(r, SampleRules());
  CHECK(out.find("<script>") == std::string::npos);
  CHECK(out.find("\n## pwned") == std::string::npos);
  CHECK(out.find("| evil\\|&lt;script&gt;alert(1)&lt;/script&gt; ## pwned |") != std::string::npos);
}

}  // namespace
}  // namespace mcpguard::test

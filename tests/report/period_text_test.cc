// The period report for a terminal: golden file written by hand from sample.h.
#include <catch2/catch.hpp>

#include "report/period_text.h"
#include "sample.h"

namespace mcpguard::test {
namespace {

TEST_CASE("text report of the sample matches the hand-written golden file", "[report][text]") {
  CHECK(report::RenderPeriodText(SampleReport(), /*color=*/false) == Golden("report.txt"));
}

TEST_CASE("text report of a period without changes, baseline or findings says so", "[report][text]") {
  report::PeriodReport r = SampleReport();
  r.events.clear();
  r.findings.clear();
  r.credentials.clear();
  r.approval = {};
  const std::string out = report::RenderPeriodText(r, false);
  CHECK(out.find("Changes  0 server changes in 0 recorded scans\n") != std::string::npos);
  CHECK(out.find("Approval  no signed baseline: nothing is approved yet ('mcpguard approve' signs one)\n") !=
        std::string::npos);
  CHECK(out.find("Findings  no finding\n") != std::string::npos);
  CHECK(out.find("Credentials  0 credentials\n") != std::string::npos);
}

}  // namespace
}  // namespace mcpguard::test

// The mcpguard.report/1 document: golden file written by hand from sample.h.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "report/report_json.h"
#include "sample.h"

namespace mcpguard::test {
namespace {

TEST_CASE("JSON report of the sample matches the hand-written golden file", "[report][json]") {
  const std::string out = report::RenderReportJson(SampleReport());
  CHECK(nlohmann::json::parse(out) == nlohmann::json::parse(Golden("report.json")));
  CHECK(out.back() == '\n');
}

TEST_CASE("an unverifiable baseline and no history of changes are said so in JSON", "[report][json]") {
  report::PeriodReport r = SampleReport();
  r.events.clear();
  r.approval = {};
  r.approval.state = report::Approval::State::kUnverifiable;
  r.approval.detail = "bad signature";
  const auto j = nlohmann::json::parse(report::RenderReportJson(r));
  CHECK(j["approval"]["state"] == "unverifiable");
  CHECK(j["approval"]["detail"] == "bad signature");
  CHECK(j["summary"]["scans"] == 0);
  CHECK(j["changes"] == nlohmann::json::array());
}

}  // namespace
}  // namespace mcpguard::test

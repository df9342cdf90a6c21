#include "report/report_json.h"

#include <nlohmann/json.hpp>

#include "base/clock.h"

namespace mcpguard::report {

using nlohmann::json;

std::string RenderReportJson(const PeriodReport& r) {
  json events = json::array();
  for (const ChangeEvent& e : r.events) {
    json changes = json::array();
    for (const ServerChange& c : e.changes) {
      changes.push_back({{"change", c.kind},
                         {"host", c.host},
                         {"server", c.server},
                         {"config", c.config},
                         {"fields", c.fields}});
    }
    events.push_back({{"commit", e.commit}, {"time", FormatUtc(e.time)}, {"summary", e.summary}, {"changes", changes}});
  }
  json problems = json::array();
  for (const ApprovalProblem& p : r.approval.problems) {
    problems.push_back({{"server", p.server}, {"kind", p.kind}, {"fields", p.fields}});
  }
  const char* state = r.approval.state == Approval::State::kVerified       ? "verified"
                      : r.approval.state == Approval::State::kUnverifiable ? "unverifiable"
                                                                           : "no-baseline";
  json credentials = json::array();
  for (const CredentialReach& c : r.credentials) {
    json j = {{"storage", c.storage},
              {"severity", model::SeverityName(c.severity)},
              {"holders", c.holders}};
    if (!c.provider.empty()) {
      j["provider"] = c.provider;
      j["kind"] = c.kind;
      j["scope"] = c.scope;
      j["blast_radius"] = c.blast_radius;
    }
    if (!c.fingerprint.empty()) j["fingerprint"] = c.fingerprint;
    credentials.push_back(std::move(j));
  }
  json by_severity = json::object();
  for (const auto& [severity, n] : CountBySeverity(r.findings)) by_severity[std::string(model::SeverityName(severity))] = n;
  const json doc = {
      {"schema", kReportSchema},
      {"tool", {{"name", "mcpguard"}, {"version", r.tool_version}}},
      {"generated_at", r.generated_at},
      {"period", {{"since", FormatUtc(r.since)}, {"until", FormatUtc(r.until)}}},
      {"machine", r.machine},
      {"last_scan", r.last_scan.empty() ? json(nullptr) : json(r.last_scan)},
      {"summary",
       {{"hosts", r.hosts},
        {"configs", r.configs},
        {"servers", r.servers},
        {"scans", r.events.size()},
        {"changes", ChangeCount(r)},
        {"credentials", r.credentials.size()},
        {"findings", by_severity}}},
      {"changes", events},
      {"approval",
       {{"state", state}, {"detail", r.approval.detail}, {"checked", r.approval.checked}, {"problems", problems}}},
      {"findings", r.findings},
      {"credentials", credentials}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace mcpguard::report

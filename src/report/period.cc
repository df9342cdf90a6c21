#include "report/period.h"

namespace mcpguard::report {

std::vector<std::pair<model::Severity, size_t>> CountBySeverity(const std::vector<model::Finding>& findings) {
  std::vector<std::pair<model::Severity, size_t>> out;
  for (model::Severity s : {model::Severity::kCritical, model::Severity::kHigh, model::Severity::kMedium,
                            model::Severity::kLow, model::Severity::kInfo}) {
    size_t n = 0;
    for (const model::Finding& f : findings) n += f.severity == s ? 1 : 0;
    out.emplace_back(s, n);
  }
  return out;
}

std::string Plural(size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string FindingCounts(const std::vector<model::Finding>& findings) {
  if (findings.empty()) return "no finding";
  std::string out;
  for (const auto& [severity, n] : CountBySeverity(findings)) {
    if (n == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(n) + " " + std::string(model::SeverityName(severity));
  }
  return out;
}

std::string ApprovalSummary(const Approval& a) {
  switch (a.state) {
    case Approval::State::kNoBaseline:
      return "no signed baseline: nothing is approved yet ('mcpguard approve' signs one)";
    case Approval::State::kUnverifiable: return "the baseline could not be verified: " + a.detail;
    case Approval::State::kVerified: break;
  }
  size_t unapproved = 0;
  size_t changed = 0;
  size_t gone = 0;
  for (const ApprovalProblem& p : a.problems) {
    (p.kind == "unapproved" ? unapproved : p.kind == "gone" ? gone : changed) += 1;
  }
  if (a.problems.empty()) return "all " + Plural(a.checked, "server", "servers") + " match the signed baseline";
  const std::string gone_text =
      gone == 0 ? std::string() : ", " + Plural(gone, "approved server", "approved servers") + " gone";
  return Plural(unapproved, "server", "servers") + " not approved, " + Plural(changed, "server", "servers") +
         " changed since approval" + gone_text + " (of " + std::to_string(a.checked) + ")";
}

size_t ChangeCount(const PeriodReport& r) {
  size_t n = 0;
  for (const ChangeEvent& e : r.events) n += e.changes.size();
  return n;
}

}  // namespace mcpguard::report

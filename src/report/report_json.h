// The period report as a `mcpguard.report/1` JSON document (see mcpguard(1),
// REPORT FORMATS), for scripts and SIEM ingestion.
#pragma once

#include <string>

#include "report/period.h"

namespace mcpguard::report {

inline constexpr const char* kReportSchema = "mcpguard.report/1";

// Indented, with a final newline.
std::string RenderReportJson(const PeriodReport& report);

}  // namespace mcpguard::report

// `mcpguard report`: the report for a period, from the scan history. What
// changed (every recorded scan since `since`, server by server, with host and
// config), the latest recorded scan's findings with their fix, the drift of
// what is configured now from the signed baseline (drift/ findings, summed up
// per server as the approval), and every credential with the servers that
// hold it. Renderers in report/ format the result.
#pragma once

#include <cstdint>
#include <string>

#include "app/scan.h"
#include "base/environment.h"
#include "base/error.h"
#include "report/period.h"

namespace mcpguard::app {

struct ReportOptions {
  int64_t since = 0;  // seconds since the epoch
  int64_t until = 0;  // 0: now
  std::string tool_version;
  ScanOptions scan;   // what "configured now" means for the drift from the baseline
};

// kNotFound ("no history yet") when nothing was ever recorded: a report of
// nothing would read as "all clear".
Result<report::PeriodReport> BuildReport(const ReportOptions& options, const Environment& env);

}  // namespace mcpguard::app

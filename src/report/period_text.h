// The period report for a terminal: what changed, what is not approved, the
// findings with their fix, the credentials and who holds them.
#pragma once

#include <string>

#include "report/period.h"

namespace mcpguard::report {

std::string RenderPeriodText(const PeriodReport& report, bool color);

}  // namespace mcpguard::report

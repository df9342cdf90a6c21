// The period report as one self-contained HTML file: inline CSS, an inline
// SVG timeline of changes per day, no script and nothing fetched, so it
// reads the same offline, from a mail attachment or a CI artifact. Every
// value that came from a config is escaped: a hostile server name cannot
// add markup.
#pragma once

#include <string>
#include <string_view>

#include "report/period.h"
#include "rules/registry.h"

namespace mcpguard::report {

// &, <, >, " and ' as entities; control characters other than tab and
// newline as U+FFFD.
std::string HtmlEscape(std::string_view text);

std::string RenderHtml(const PeriodReport& report, const rules::RuleRegistry& rules);

}  // namespace mcpguard::report

// The period report as Markdown (GitHub flavoured: tables, headings), for a
// pull request comment, a wiki page or a mail. Every value that came from a
// config (server names, messages, paths) is escaped: it cannot open a link,
// an HTML tag or break a table.
#pragma once

#include <string>
#include <string_view>

#include "report/period.h"
#include "rules/registry.h"

namespace mcpguard::report {

// `text` with Markdown punctuation backslash-escaped, '<', '>' and '&' as
// entities, and line breaks as spaces: safe inline and inside a table cell.
std::string MarkdownEscape(std::string_view text);

std::string RenderMarkdown(const PeriodReport& report, const rules::RuleRegistry& rules);

}  // namespace mcpguard::report

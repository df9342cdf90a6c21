// How bad a finding or a credential's exposure is; ordered, so a threshold
// (--fail-on) is a comparison.
#pragma once

#include <optional>
#include <string_view>

namespace mcpguard::model {

enum class Severity { kInfo, kLow, kMedium, kHigh, kCritical };

std::string_view SeverityName(Severity s);  // "info", "low", "medium", "high", "critical"
std::optional<Severity> ParseSeverity(std::string_view name);

}  // namespace mcpguard::model

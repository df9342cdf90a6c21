// The wall clock, as mcpguard writes it: RFC 3339 in UTC.
#pragma once

#include <string>

namespace mcpguard {

// "2026-11-21T23:45:14Z"
std::string NowUtc();

}  // namespace mcpguard

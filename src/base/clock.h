// The wall clock, as mcpguard writes it: RFC 3339 in UTC.
#pragma once

#include <cstdint>
#include <string>

namespace mcpguard {

// "2026-11-21T23:45:14Z"
std::string NowUtc();
// The same form for a time in seconds since the epoch.
std::string FormatUtc(int64_t unix_seconds);

}  // namespace mcpguard

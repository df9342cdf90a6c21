// The wall clock, as mcpguard writes it: RFC 3339 in UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace mcpguard {

// "2026-11-21T23:45:14Z"
std::string NowUtc();
// The same form for a time in seconds since the epoch.
std::string FormatUtc(int64_t unix_seconds);
// A --since value: "2026-05-01", "2026-05-01T12:00:00Z" (UTC), or an age
// before `now`: "7d", "12h", "30m", "2w". nullopt when unreadable.
std::optional<int64_t> ParseSince(const std::string& text, int64_t now);

}  // namespace mcpguard

#include "base/clock.h"

#include <ctime>

namespace mcpguard {

std::string FormatUtc(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string NowUtc() { return FormatUtc(std::time(nullptr)); }

}  // namespace mcpguard

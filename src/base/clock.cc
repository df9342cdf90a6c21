#include "base/clock.h"

#include <ctime>
#include <string_view>

namespace mcpguard {

std::string FormatUtc(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<int64_t> ParseSince(const std::string& text, int64_t now) {
  if (text.size() >= 2) {
    const char unit = text.back();
    const std::string digits = text.substr(0, text.size() - 1);
    if (digits.find_first_not_of("0123456789") == std::string::npos && digits.size() <= 9) {
      const int64_t n = std::stoll(digits);
      switch (unit) {
        case 'm': return now - n * 60;
        case 'h': return now - n * 3600;
        case 'd': return now - n * 86400;
        case 'w': return now - n * 7 * 86400;
        default: break;
      }
    }
  }
  std::tm tm{};
  const char* end = ::strptime(text.c_str(), "%Y-%m-%d", &tm);
  if (end == nullptr) return std::nullopt;
  if (*end != '\0') {
    end = ::strptime(end, "T%H:%M:%S", &tm);
    if (end == nullptr || (*end != '\0' && std::string_view(end) != "Z")) return std::nullopt;
  }
  return static_cast<int64_t>(::timegm(&tm));
}

std::string NowUtc() { return FormatUtc(std::time(nullptr)); }

}  // namespace mcpguard

#include "base/term.h"

#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace mcpguard {
namespace {

long long NowMs() {
  struct timespec ts {};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

}  // namespace

bool IsTerminal(int fd) { return ::isatty(fd) == 1; }

bool ColorEnabled(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return IsTerminal(fd);
}

std::string Style::Wrap(std::string_view code, std::string_view s) const {
  if (!enabled_) return std::string(s);
  return "\x1b[" + std::string(code) + "m" + std::string(s) + "\x1b[0m";
}

Progress::Progress() : enabled_(IsTerminal(2)) {}

Progress::~Progress() { Clear(); }

void Progress::Update(std::string_view line) {
  if (!enabled_) return;
  const long long now = NowMs();
  if (shown_ && now - last_ms_ < 100) return;
  last_ms_ = now;
  std::string text(line.substr(0, 100));
  std::fprintf(stderr, "\r\x1b[2Kmcpguard: %s", text.c_str());
  std::fflush(stderr);
  shown_ = true;
}

void Progress::Clear() {
  if (!enabled_ || !shown_) return;
  std::fputs("\r\x1b[2K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace mcpguard

// Terminal output: colour only on a TTY and never when NO_COLOR is set
// (https://no-color.org), and a one-line progress indicator on stderr.
#pragma once

#include <string>
#include <string_view>

namespace mcpguard {

// True when `fd` is a terminal, NO_COLOR is unset or empty, and TERM is not "dumb".
bool ColorEnabled(int fd);
bool IsTerminal(int fd);

class Style {
 public:
  explicit Style(bool enabled) : enabled_(enabled) {}
  std::string Bold(std::string_view s) const { return Wrap("1", s); }
  std::string Dim(std::string_view s) const { return Wrap("2", s); }
  std::string Red(std::string_view s) const { return Wrap("31", s); }
  std::string Yellow(std::string_view s) const { return Wrap("33", s); }
  std::string Green(std::string_view s) const { return Wrap("32", s); }
  std::string Cyan(std::string_view s) const { return Wrap("36", s); }

 private:
  std::string Wrap(std::string_view code, std::string_view s) const;
  bool enabled_;
};

// "scanning ~/src (12,345 dirs)" rewritten in place on stderr, at most ten
// times a second; silent when stderr is not a terminal.
class Progress {
 public:
  Progress();
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void Update(std::string_view line);
  void Clear();

 private:
  bool enabled_;
  bool shown_ = false;
  long long last_ms_ = 0;
};

}  // namespace mcpguard

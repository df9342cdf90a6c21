#include "cli/passphrase.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>

#include "base/file.h"
#include "cli/output.h"
#include "signing/minisign.h"

namespace mcpguard::cli {

constexpr size_t kMaxPassphrase = 1024;

// The passphrase from MCPGUARD_PASSPHRASE_FILE: one line, its line end dropped.
Result<std::string> PassphraseFromFile(const std::string& path) {
  auto text = ReadFileCapped(path, kMaxPassphrase);
  if (!text) return text;
  if (!text->empty() && text->back() == '\n') text->pop_back();
  if (!text->empty() && text->back() == '\r') text->pop_back();
  if (text->find('\n') != std::string::npos) {
    signing::Wipe(*text);
    return Fail(Errc::kInvalidArgument, "the passphrase file must hold a single line", path);
  }
  return text;
}

namespace {

// Turns echo off on the terminal for as long as it lives.
class NoEcho {
 public:
  explicit NoEcho(int fd) : fd_(fd) {
    if (::tcgetattr(fd_, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = ::tcsetattr(fd_, TCSAFLUSH, &quiet) == 0;
  }
  ~NoEcho() {
    if (active_) ::tcsetattr(fd_, TCSAFLUSH, &saved_);
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  int fd_;
  termios saved_{};
  bool active_ = false;
};

Result<std::string> ReadHidden(int fd, std::string_view prompt) {
  (void)!::write(fd, prompt.data(), prompt.size());
  std::string line;
  {
    NoEcho quiet(fd);
    char c = 0;
    for (;;) {
      const ssize_t n = ::read(fd, &c, 1);
      if (n < 0 && errno == EINTR && !Interrupted().load()) continue;
      if (n < 0 && errno == EINTR) {
        signing::Wipe(line);
        return Fail(Errc::kInterrupted, "interrupted");
      }
      if (n <= 0 || c == '\n') break;
      if (line.size() < kMaxPassphrase) line += c;
    }
    c = 0;
  }
  (void)!::write(fd, "\n", 1);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

// Asks on the controlling terminal (not stdin, so a pipe cannot answer).
Result<std::string> PassphraseFromTerminal(std::string_view prompt, bool confirm) {
  UniqueFd tty(::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY));
  if (!tty.valid()) {
    return Fail(Errc::kInvalidArgument,
                "no terminal to ask for a passphrase: set MCPGUARD_PASSPHRASE_FILE, or use -W for a key without one");
  }
  auto first = ReadHidden(tty.get(), prompt);
  if (!first || !confirm) return first;
  auto second = ReadHidden(tty.get(), "the same passphrase again: ");
  if (!second) {
    signing::Wipe(*first);
    return second;
  }
  const bool same = *first == *second;
  signing::Wipe(*second);
  if (!same) {
    signing::Wipe(*first);
    return Fail(Errc::kInvalidArgument, "the two passphrases differ");
  }
  return first;
}


Result<std::string> Passphrase(const Environment& env, std::string_view prompt, bool confirm) {
  if (auto file = env.Get("MCPGUARD_PASSPHRASE_FILE")) return PassphraseFromFile(*file);
  return PassphraseFromTerminal(prompt, confirm);
}

}  // namespace mcpguard::cli

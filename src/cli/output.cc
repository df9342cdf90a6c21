#include "cli/output.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

namespace mcpguard::cli {
namespace {

void Line(const char* kind, const std::string& message) {
  std::fprintf(stderr, "mcpguard: %s: %s\n", kind, message.c_str());
}

void OnInterrupt(int) { Interrupted().store(true); }

}  // namespace

void PrintError(const std::string& message) { Line("error", message); }
void PrintWarning(const std::string& message) { Line("warning", message); }
void PrintHint(const std::string& message) { Line("hint", message); }

ExitCode ReportFault(const Error& error) {
  PrintError(error.ToString());
  return kExitFault;
}

bool WriteStdout(const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(1, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

std::atomic<bool>& Interrupted() {
  static std::atomic<bool> flag{false};
  return flag;
}

void InstallInterruptHandler() {
  struct sigaction sa {};
  sa.sa_handler = OnInterrupt;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
  ::signal(SIGPIPE, SIG_IGN);  // a closed stdout is an EPIPE we handle, not a crash
}

}  // namespace mcpguard::cli

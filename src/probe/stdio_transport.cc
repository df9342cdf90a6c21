#include "probe/stdio_transport.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>

#include <nlohmann/json.hpp>

#include "base/file.h"
#include "base/process.h"
#include "probe/json_depth.h"
#include "probe/printable.h"

namespace mcpguard::probe {
namespace {

int MsUntil(Deadline deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, 1000));
}

class StdioTransport final : public Transport {
 public:
  StdioTransport(pid_t pid, UniqueFd in, UniqueFd out, UniqueFd err, const StdioLaunch& launch)
      : pid_(pid), in_(std::move(in)), out_(std::move(out)), err_(std::move(err)),
        stderr_cap_(launch.stderr_cap), max_stray_(launch.max_stray_lines) {}
  ~StdioTransport() override { Close(); }

  Result<void> Send(const std::string& message, Deadline deadline) override {
    if (!in_.valid()) return Fail(Errc::kIo, "the server's stdin is closed");
    const std::string line = message + "\n";
    size_t written = 0;
    while (written < line.size()) {
      if (Clock::now() >= deadline) return Fail(Errc::kTimeout, "timed out writing to the server");
      // Keep reading while writing: a server blocked on a full stdout pipe
      // would otherwise never read its stdin.
      struct pollfd fds[3] = {{in_.get(), POLLOUT, 0}, {out_.get(), POLLIN, 0}, {err_.get(), POLLIN, 0}};
      const nfds_t n = out_.valid() ? (err_.valid() ? 3 : 2) : 1;
      if (::poll(fds, n, MsUntil(deadline)) < 0 && errno != EINTR) return Fail(Errc::kIo, "poll failed");
      if (n > 1 && fds[1].revents != 0) {
        if (auto r = ReadStdout(); !r) return r;
      }
      if (n > 2 && fds[2].revents != 0) ReadStderr();
      if (fds[0].revents & (POLLERR | POLLHUP)) return Fail(Errc::kIo, "the server closed its stdin");
      if (fds[0].revents & POLLOUT) {
        const ssize_t w = ::write(in_.get(), line.data() + written, line.size() - written);
        if (w > 0) written += static_cast<size_t>(w);
        else if (w < 0 && errno != EAGAIN && errno != EINTR) return Fail(Errc::kIo, "the server closed its stdin");
      }
    }
    return {};
  }

  Result<std::string> Receive(Deadline deadline) override {
    for (;;) {
      if (auto line = NextLine()) {
        if (!line->has_value()) return tl::make_unexpected(line->error());
        return std::move(**line);
      }
      if (!out_.valid()) {
        std::string note = ExitNote();
        while (err_.valid() && ReadStderr()) {
        }
        return Fail(Errc::kProtocol, "the server closed its stdout" + note);
      }
      if (Clock::now() >= deadline) return Fail(Errc::kTimeout, "no answer before the deadline");
      struct pollfd fds[2] = {{out_.get(), POLLIN, 0}, {err_.get(), POLLIN, 0}};
      const nfds_t n = err_.valid() ? 2 : 1;
      if (::poll(fds, n, MsUntil(deadline)) < 0 && errno != EINTR) return Fail(Errc::kIo, "poll failed");
      if (n > 1 && fds[1].revents != 0) ReadStderr();
      if (fds[0].revents != 0) {
        if (auto r = ReadStdout(); !r) return tl::make_unexpected(r.error());
      }
    }
  }

  void Close() override {
    std::lock_guard<std::mutex> lock(close_mu_);
    if (pid_ <= 0) return;
    in_.Reset();  // EOF on stdin: the polite way to ask an MCP server to stop
    // A moment to exit on its own; WNOWAIT keeps the zombie, which keeps its
    // process group id reserved for the kill below.
    const auto until = Clock::now() + std::chrono::milliseconds(200);
    while (!Exited() && Clock::now() < until) {
      struct timespec nap {0, 5'000'000};
      ::nanosleep(&nap, nullptr);
    }
    ::kill(-pid_, SIGKILL);  // the whole group: npx, node, whatever it forked
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    out_.Reset();
    err_.Reset();
  }

  std::string Diagnostics() const override {
    // The note first: callers quote the last line, the server's own last
    // words. Past the limit, the error has said it already.
    std::string out;
    if (stray_ > 0 && stray_ <= max_stray_) {
      out = "(" + std::to_string(stray_) + " non-JSON line(s) on stdout, first: \"" + first_stray_ + "\")\n";
    }
    return out + stderr_;
  }

 private:
  // The next complete message line; nullopt when none is buffered yet.
  std::optional<Result<std::string>> NextLine() {
    for (;;) {
      const size_t nl = stdout_.find('\n', scanned_);
      if (nl == std::string::npos) {
        scanned_ = stdout_.size();
        if (stdout_.size() > kMaxMessageBytes) {
          return Result<std::string>(Fail(Errc::kTooLarge, "a message from the server is larger than " +
                                                               std::to_string(kMaxMessageBytes >> 20) + " MiB"));
        }
        return std::nullopt;
      }
      std::string line = stdout_.substr(0, nl);
      stdout_.erase(0, nl + 1);
      scanned_ = 0;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      if (line.size() > kMaxMessageBytes) {
        return Result<std::string>(Fail(Errc::kTooLarge, "a message from the server is larger than " +
                                                             std::to_string(kMaxMessageBytes >> 20) + " MiB"));
      }
      if (JsonDepth(line) > kMaxJsonDepth) {
        return Result<std::string>(Fail(Errc::kProtocol, "a message from the server nests deeper than " +
                                                             std::to_string(kMaxJsonDepth) + " levels"));
      }
      if (nlohmann::json::accept(line)) return Result<std::string>(std::move(line));
      if (stray_++ == 0) first_stray_ = Printable(line, 80);
      if (stray_ > max_stray_) {
        return Result<std::string>(Fail(Errc::kProtocol, "the server writes text that is not JSON-RPC to stdout: \"" +
                                                             first_stray_ + "\""));
      }
    }
  }

  Result<void> ReadStdout() {
    char buf[65536];
    const ssize_t n = ::read(out_.get(), buf, sizeof buf);
    if (n < 0) return {};  // EINTR / EAGAIN: poll again
    if (n == 0) {
      out_.Reset();
      return {};
    }
    stdout_.append(buf, static_cast<size_t>(n));
    return {};
  }

  // False when nothing more is there right now (or ever).
  bool ReadStderr() {
    char buf[16384];
    const ssize_t n = ::read(err_.get(), buf, sizeof buf);
    if (n == 0) err_.Reset();
    if (n <= 0) return false;
    stderr_.append(buf, static_cast<size_t>(n));
    if (stderr_.size() > stderr_cap_) stderr_.erase(0, stderr_.size() - stderr_cap_);
    return true;
  }

  bool Exited() {
    siginfo_t info{};
    return ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid_;
  }

  // " (exit status 1)" once the child is gone; it usually is by the time its
  // stdout closes, but give it a moment.
  std::string ExitNote() {
    const auto until = Clock::now() + std::chrono::milliseconds(100);
    while (!Exited() && Clock::now() < until) {
      struct timespec nap {0, 2'000'000};
      ::nanosleep(&nap, nullptr);
    }
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid != pid_) {
      return {};
    }
    if (info.si_code == CLD_EXITED) return " (exit status " + std::to_string(info.si_status) + ")";
    return std::string(" (killed by signal ") + std::to_string(info.si_status) + ")";
  }

  pid_t pid_;
  UniqueFd in_, out_, err_;
  size_t stderr_cap_;
  int max_stray_;
  std::string stdout_;
  size_t scanned_ = 0;  // stdout_[0, scanned_) holds no newline
  std::string stderr_;
  int stray_ = 0;
  std::string first_stray_;
  std::mutex close_mu_;
};

}  // namespace

Result<std::unique_ptr<Transport>> StartStdio(const StdioLaunch& launch) {
  // A server that exits while we write must not take us with it.
  ::signal(SIGPIPE, SIG_IGN);
  auto child = SpawnPiped(SpawnOptions{launch.argv, launch.env, launch.cwd, true});
  if (!child) return tl::make_unexpected(child.error());
  for (int fd : {child->in.get(), child->out.get(), child->err.get()}) ::fcntl(fd, F_SETFL, O_NONBLOCK);
  return std::unique_ptr<Transport>(
      new StdioTransport(child->pid, std::move(child->in), std::move(child->out), std::move(child->err), launch));
}

}  // namespace mcpguard::probe

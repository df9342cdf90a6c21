#include "base/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/file.h"

extern char** environ;

namespace mcpguard {
namespace {

int64_t NowMs() {
  struct timespec ts {};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

struct Pipe {
  UniqueFd read;
  UniqueFd write;
};

Result<Pipe> MakePipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Fail(Errc::kIo, std::string("pipe: ") + std::strerror(errno));
  return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

// Appends what is readable on `fd` to `out` up to `cap`; false at EOF.
bool Drain(int fd, std::string& out, size_t cap, bool& truncated) {
  char buf[65536];
  ssize_t n = ::read(fd, buf, sizeof buf);
  if (n < 0) return errno == EINTR || errno == EAGAIN;
  if (n == 0) return false;
  const size_t room = cap > out.size() ? cap - out.size() : 0;
  const size_t take = std::min(room, static_cast<size_t>(n));
  out.append(buf, take);
  if (take < static_cast<size_t>(n)) truncated = true;
  return true;
}

}  // namespace

Result<SpawnedChild> SpawnPiped(const SpawnOptions& options) {
  if (options.argv.empty()) return Fail(Errc::kInvalidArgument, "no command to run");
  auto in = MakePipe();
  if (!in) return tl::make_unexpected(in.error());
  auto out = MakePipe();
  if (!out) return tl::make_unexpected(out.error());
  std::optional<Pipe> err;
  if (options.pipe_stderr) {
    auto made = MakePipe();
    if (!made) return tl::make_unexpected(made.error());
    err = std::move(*made);
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in->read.get(), 0);
  posix_spawn_file_actions_adddup2(&actions, out->write.get(), 1);
  if (err) posix_spawn_file_actions_adddup2(&actions, err->write.get(), 2);
  if (!options.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, options.cwd.c_str());
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigdefault(&attr, &defaults);

  std::vector<char*> argv;
  for (const auto& a : options.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  if (options.env) {
    for (const auto& e : *options.env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
  }
  pid_t pid = 0;
  const int rc = ::posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), options.env ? envp.data() : environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return Fail(Errc::kNotFound, "cannot run " + options.argv[0] + ": " + std::strerror(rc));
  SpawnedChild child;
  child.pid = pid;
  child.in = std::move(in->write);
  child.out = std::move(out->read);
  if (err) child.err = std::move(err->read);
  return child;
}

Result<ProcessResult> RunProcess(const ProcessOptions& options) {
  auto spawned = SpawnPiped(SpawnOptions{options.argv, options.env, options.cwd, true});
  if (!spawned) return tl::make_unexpected(spawned.error());
  const pid_t pid = spawned->pid;
  UniqueFd in = std::move(spawned->in);
  UniqueFd out = std::move(spawned->out);
  UniqueFd err = std::move(spawned->err);

  ProcessResult result;
  size_t written = 0;
  if (options.stdin_data.empty()) in.Reset();
  else ::fcntl(in.get(), F_SETFL, O_NONBLOCK);
  ::signal(SIGPIPE, SIG_IGN);  // a child that closes stdin early must not kill us

  const int64_t deadline = NowMs() + options.timeout_ms;
  bool out_open = true;
  bool err_open = true;
  while (out_open || err_open) {
    const int64_t left = deadline - NowMs();
    if (left <= 0) {
      result.timed_out = true;
      break;
    }
    struct pollfd fds[3];
    nfds_t n = 0;
    int out_i = -1, err_i = -1, in_i = -1;
    if (out_open) { fds[n] = {out.get(), POLLIN, 0}; out_i = static_cast<int>(n++); }
    if (err_open) { fds[n] = {err.get(), POLLIN, 0}; err_i = static_cast<int>(n++); }
    if (in.valid()) { fds[n] = {in.get(), POLLOUT, 0}; in_i = static_cast<int>(n++); }
    const int ready = ::poll(fds, n, static_cast<int>(std::min<int64_t>(left, 1000)));
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    if (out_i >= 0 && fds[out_i].revents != 0)
      out_open = Drain(out.get(), result.out, options.output_cap, result.out_truncated);
    if (err_i >= 0 && fds[err_i].revents != 0)
      err_open = Drain(err.get(), result.err, options.output_cap, result.err_truncated);
    if (in_i >= 0 && fds[in_i].revents != 0) {
      ssize_t w = ::write(in.get(), options.stdin_data.data() + written, options.stdin_data.size() - written);
      if (w > 0) written += static_cast<size_t>(w);
      if (w < 0 && errno != EAGAIN && errno != EINTR) in.Reset();
      if (written == options.stdin_data.size()) in.Reset();
    }
  }
  // Let the child finish on its own (its pipes close just before it exits),
  // but never past the deadline. WNOWAIT leaves it a zombie, which keeps its
  // process group id reserved for the kill below.
  while (!result.timed_out) {
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid) break;
    if (NowMs() >= deadline) {
      result.timed_out = true;
      break;
    }
    struct timespec nap {0, 1'000'000};
    ::nanosleep(&nap, nullptr);
  }
  // The whole group goes, whatever happened: a server may have forked helpers.
  ::kill(-pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

}  // namespace mcpguard

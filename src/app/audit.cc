#include "app/audit.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/file.h"
#include "base/path.h"

namespace mcpguard::app {
namespace {

// audit.jsonl -> .1 -> .2 -> .3; the oldest falls off. Done under an flock
// on the live file so two processes never rotate twice; the one that loses
// the race re-checks the size and finds a fresh file.
void RotateIfFull(const std::string& path, uint64_t rotate_bytes) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || static_cast<uint64_t>(st.st_size) < rotate_bytes) return;
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid() || ::flock(fd.get(), LOCK_EX) != 0) return;
  if (::stat(path.c_str(), &st) != 0 || static_cast<uint64_t>(st.st_size) < rotate_bytes) return;
  for (int i = kAuditKeep - 1; i >= 1; --i) {
    const std::string from = path + "." + std::to_string(i);
    const std::string to = path + "." + std::to_string(i + 1);
    ::rename(from.c_str(), to.c_str());
  }
  ::rename(path.c_str(), (path + ".1").c_str());
}

}  // namespace

std::string AuditLogPath(const Paths& paths) { return JoinPath(paths.state_dir, "audit.jsonl"); }

Result<void> AppendAudit(const Paths& paths, const AuditEntry& e, uint64_t rotate_bytes) {
  if (auto made = MakePrivateDirs(paths.state_dir); !made) return made;
  const std::string path = AuditLogPath(paths);
  RotateIfFull(path, rotate_bytes);
  nlohmann::json j{{"time", NowUtc()}, {"command", e.command}, {"decision", e.decision}};
  if (!e.host.empty()) j["host"] = e.host;
  if (!e.server.empty()) j["server"] = e.server;
  j["reason"] = e.reason;
  j["pid"] = ::getpid();
  const std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd.valid()) return Fail(Errc::kIo, std::string("cannot open the audit log: ") + std::strerror(errno), path);
  const ssize_t n = ::write(fd.get(), line.data(), line.size());
  if (n != static_cast<ssize_t>(line.size())) {
    return Fail(Errc::kIo, std::string("cannot write the audit log: ") + std::strerror(errno), path);
  }
  return {};
}

}  // namespace mcpguard::app

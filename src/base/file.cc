#include "base/file.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace mcpguard {
namespace {

Error ErrnoError(int err, const std::string& path, const char* what) {
  Errc code = Errc::kIo;
  if (err == ENOENT || err == ENOTDIR) code = Errc::kNotFound;
  if (err == EACCES || err == EPERM) code = Errc::kPermission;
  if (err == EISDIR) code = Errc::kNotRegular;
  if (err == ELOOP) code = Errc::kNotRegular;
  std::string message = std::string(what) + ": " + std::strerror(err);
  if (err == ELOOP) message = std::string(what) + ": too many levels of symbolic links";
  for (char& c : message) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return Error{code, message, path, 0, 0};
}

std::string FileTypeName(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

std::string HumanSize(uint64_t bytes) {
  if (bytes >= (1ull << 20)) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1ull << 10)) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) Reset(other.Release());
  return *this;
}

UniqueFd::~UniqueFd() { Reset(); }

int UniqueFd::Release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

void UniqueFd::Reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

Result<std::string> ReadFileCapped(const std::string& path, uint64_t cap) {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise block forever.
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (!fd.valid()) return tl::make_unexpected(ErrnoError(errno, path, "cannot open"));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return tl::make_unexpected(ErrnoError(errno, path, "cannot stat"));
  if (!S_ISREG(st.st_mode)) {
    return Fail(Errc::kNotRegular, "is " + FileTypeName(st.st_mode) + ", not a config file", path);
  }
  const auto size = static_cast<uint64_t>(st.st_size);
  if (size > cap) {
    return Fail(Errc::kTooLarge, "file is " + HumanSize(size) + ", over the " + HumanSize(cap) + " limit", path);
  }
  std::string out;
  // One byte more than the file: the read that finds the end then fits,
  // instead of doubling (and zeroing) the buffer just to see EOF.
  out.resize(static_cast<size_t>(size) + 1);
  size_t have = 0;
  for (;;) {
    if (have == out.size()) {
      // The file may have grown since fstat; keep reading, but only to the cap.
      if (out.size() > cap) {
        return Fail(Errc::kTooLarge, "file grew past the " + HumanSize(cap) + " limit while being read", path);
      }
      out.resize(std::max<size_t>(out.size() * 2, 4096));
    }
    ssize_t n = ::read(fd.get(), out.data() + have, out.size() - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      return tl::make_unexpected(ErrnoError(errno, path, "cannot read"));
    }
    if (n == 0) break;
    have += static_cast<size_t>(n);
  }
  if (have > cap) {
    return Fail(Errc::kTooLarge, "file grew past the " + HumanSize(cap) + " limit while being read", path);
  }
  out.resize(have);
  return out;
}

Result<struct stat> StatPath(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return tl::make_unexpected(ErrnoError(errno, path, "cannot stat"));
  return st;
}

bool IsDirectory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool Exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

Result<std::vector<std::string>> ListDir(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return tl::make_unexpected(ErrnoError(errno, dir, "cannot list directory"));
  std::vector<std::string> names;
  while (struct dirent* e = ::readdir(d)) {
    std::string_view name(e->d_name);
    if (name == "." || name == "..") continue;
    names.emplace_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

Result<void> MakePrivateDirs(const std::string& dir) {
  if (dir.empty() || IsDirectory(dir)) return {};
  const size_t slash = dir.rfind('/');
  if (slash != std::string::npos && slash > 0) {
    if (auto r = MakePrivateDirs(dir.substr(0, slash)); !r) return r;
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return tl::make_unexpected(ErrnoError(errno, dir, "cannot create directory"));
  }
  return {};
}

Result<void> WriteFileAtomic(const std::string& path, std::string_view bytes, mode_t mode) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  std::string tmpl = path + ".tmp.XXXXXX";
  UniqueFd fd(::mkstemp(tmpl.data()));
  if (!fd.valid()) return tl::make_unexpected(ErrnoError(errno, path, "cannot create temporary file"));
  auto fail = [&](const char* what) {
    Error e = ErrnoError(errno, path, what);
    ::unlink(tmpl.c_str());
    return tl::make_unexpected(e);
  };
  if (::fchmod(fd.get(), mode) != 0) return fail("cannot set mode");
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("cannot write");
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd.get()) != 0) return fail("cannot sync");
  fd.Reset();
  if (::rename(tmpl.c_str(), path.c_str()) != 0) return fail("cannot rename into place");
  UniqueFd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dfd.valid()) ::fsync(dfd.get());
  return {};
}

}  // namespace mcpguard

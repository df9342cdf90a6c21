// Reading files that an attacker may control. Config files are small; a FIFO,
// a device, a directory or a multi-gigabyte file where a config should be is
// an error, never a hang or an out-of-memory.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace mcpguard {

inline constexpr uint64_t kDefaultFileCap = 16ull << 20;  // 16 MiB

// Reads a whole regular file of at most `cap` bytes. Symlinks are followed.
// Errors: kNotFound, kPermission, kNotRegular (directory, FIFO, socket,
// device: opened non-blocking so a FIFO with no writer cannot block),
// kTooLarge (checked before reading and again while reading, in case the file
// grows), kIo. The Error's path is `path`.
Result<std::string> ReadFileCapped(const std::string& path, uint64_t cap = kDefaultFileCap);

// Like stat(2) but as a Result; kNotFound when absent.
Result<struct stat> StatPath(const std::string& path);

bool IsDirectory(const std::string& path);
bool Exists(const std::string& path);  // lstat: a dangling symlink exists

// Names of the entries of `dir` (no "." and ".."), sorted. kNotFound when absent.
Result<std::vector<std::string>> ListDir(const std::string& dir);

// mkdir -p, creating each missing directory with mode 0700: mcpguard's own
// directories (keys, caches) should not even list their contents to others.
Result<void> MakePrivateDirs(const std::string& dir);

// Writes `bytes` to `path` atomically: a temp file in the same directory,
// fsync, rename, fsync of the directory. The mode of a new file is `mode`.
Result<void> WriteFileAtomic(const std::string& path, std::string_view bytes, mode_t mode = 0644);

// A file descriptor that closes itself.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.Release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  ~UniqueFd();

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int Release();
  void Reset(int fd = -1);

 private:
  int fd_ = -1;
};

}  // namespace mcpguard

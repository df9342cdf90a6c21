// A persistent cache of file hashes keyed by what stat(2) says, so a re-scan
// with nothing changed re-reads nothing. An entry is trusted only when the
// path, device, inode, size, mtime and ctime (both to the nanosecond) all
// match. ctime cannot be set from user space, so a rewrite that restores size
// and mtime still misses.
//
// "Racy" files: file timestamps come from a coarse kernel clock, so a file
// rewritten in the same clock tick as it was hashed could keep its whole stat
// key. Sha256FileCached therefore caches a hash only when the file's ctime is
// older than the moment hashing began by more than racy_window() (default 2 s,
// which also covers filesystems with 1-2 s timestamps); a file changed more
// recently is simply hashed again next time.
//
// File format (all-or-nothing: any defect and the whole file is ignored):
//
//   mcpguard.hashcache/2\n
//   <sha256> <dev> <ino> <size> <mtime_ns> <ctime_ns> <shared> <suffix>\n  ...
//   end <count> <blake2b-256 of every byte before this line>\n
//
// Entries are sorted by path; a path is stored as the number of leading bytes
// it shares with the previous entry's path and the rest, escaped as in the
// tree format (see hash.h). The checksum catches truncation and bit rot, not
// tampering: whoever can write the user's cache can write the user's code.
// It is BLAKE2b, not SHA-256 (version 1), because checksumming the cache was
// most of loading it, on every pre-launch `verify`.
#pragma once

#include <sys/stat.h>

#include <array>
#include <chrono>
#include <memory>
#include <mutex>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/error.h"

namespace mcpguard::pinning {

inline constexpr std::string_view kHashCacheTag = "mcpguard.hashcache/2";

class StatCache {
 public:
  // At most this many entries are saved: all those used this run first, then
  // unused ones from earlier runs (in path order) while room remains.
  static constexpr size_t kMaxSavedEntries = 500'000;
  // A cache file larger than this is treated as corrupt.
  static constexpr uint64_t kMaxFileSize = 256ull << 20;

  // An empty in-memory cache with no file (Save fails).
  StatCache() = default;

  // Never fails: a missing, unreadable, truncated, garbled or foreign-version
  // file gives an empty cache with rebuilt() true and a reason.
  static StatCache Load(const std::string& file);

  // Lookup and Store may be called from several threads at once (a scan
  // resolves servers on two); loading and saving may not.

  // The hash recorded for `path` if its stat key still matches `st`.
  // Marks the entry as used this run.
  std::optional<std::string> Lookup(const std::string& path, const struct stat& st) const;

  // Records a hash (an invalid hex string is ignored). `st` must come from an
  // fstat taken before the content was read; Sha256FileCached also applies
  // the racy-file rule, so prefer it to calling this directly.
  void Store(const std::string& path, const struct stat& st, std::string sha256);

  // Writes the file atomically, mode 0600, creating missing parent
  // directories 0700.
  Result<void> Save() const;

  bool rebuilt() const { return rebuilt_; }
  const std::string& rebuild_reason() const { return rebuild_reason_; }
  size_t size() const;
  const std::string& file() const { return file_; }

  std::chrono::nanoseconds racy_window() const { return racy_window_; }
  // Tests use 0 (and wait for a clock tick); negative values count as 0.
  void set_racy_window(std::chrono::nanoseconds window);

 private:
  struct Entry {
    uint64_t dev = 0;
    uint64_t ino = 0;
    uint64_t size = 0;
    int64_t mtime_ns = 0;
    int64_t ctime_ns = 0;
    std::array<char, 64> sha256{};  // lower-case hex
    mutable bool used = false;      // looked up or stored this run; kept on Save
  };
  // An entry of the file, its path in paths_. The file is sorted by path, so
  // these are too: loading allocates per cache, not per entry, and a lookup
  // is a binary search (a pre-launch verify loads the cache every time).
  struct Loaded {
    size_t path_offset = 0;
    size_t path_size = 0;
    Entry entry;
    bool replaced = false;  // stored again this run: the stored_ entry wins
  };

  static Entry KeyOf(const struct stat& st);
  static bool KeyMatches(const Entry& e, const struct stat& st);
  std::string_view PathOf(const Loaded& l) const { return std::string_view(paths_).substr(l.path_offset, l.path_size); }
  // The index in loaded_ of `path`, or loaded_.size().
  size_t FindLoaded(std::string_view path) const;
  Result<void> Parse(std::string_view text);
  Result<std::string> Serialize() const;  // the whole file, trailer included

  std::string file_;
  // Guards the entries' used/replaced flags, stored_ and added_ (a pointer:
  // Load returns the cache by value).
  std::unique_ptr<std::mutex> mu_ = std::make_unique<std::mutex>();
  std::string paths_;
  std::vector<Loaded> loaded_;
  std::unordered_map<std::string, Entry> stored_;  // this run's, new paths and replaced ones
  size_t added_ = 0;                               // stored_ paths not in loaded_
  bool rebuilt_ = false;
  bool dirty_ = false;  // an entry was stored this run: Save has something to write
  std::string rebuild_reason_;
  std::chrono::nanoseconds racy_window_ = std::chrono::seconds(2);
};

// Hex SHA-256 of an open regular file through `cache` (may be null): fstat,
// lookup, and on a miss a full read. The file is fstat'ed again after reading;
// if it changed meanwhile it is read again (a few times, then kInterrupted),
// so a hash never mixes two versions. `*hashed` (when given) tells whether the
// content was read. `path` is the cache key and the path in errors.
Result<std::string> Sha256FdCached(int fd, const std::string& path, StatCache* cache, bool* hashed = nullptr);

// Sha256FdCached on the regular file at `path` (symlinks followed; the key is
// `path` as given plus the stat of the file it names).
Result<std::string> Sha256FileCached(const std::string& path, StatCache* cache, bool* hashed = nullptr);

}  // namespace mcpguard::pinning

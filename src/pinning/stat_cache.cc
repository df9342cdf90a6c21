#include "pinning/stat_cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <utility>
#include <vector>

#include "base/file.h"
#include "base/path.h"
#include "crypto/sha256.h"
#include "pinning/hash.h"

namespace mcpguard::pinning {
namespace {

// A file that keeps changing under us (a log, a build in progress) is read
// this many times before giving up.
constexpr int kMaxAttempts = 3;
constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr std::string_view kTagFamily = "mcpguard.hashcache/";
constexpr std::string_view kEndWord = "end";

int64_t Nanos(const struct timespec& ts) { return int64_t{ts.tv_sec} * kNanosPerSecond + ts.tv_nsec; }

// The clock the kernel stamps files with: a file changed after this moment
// gets a ctime >= it.
int64_t CoarseNowNs() {
  struct timespec ts {};
  ::clock_gettime(CLOCK_REALTIME_COARSE, &ts);
  return Nanos(ts);
}

bool SameStatKey(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size &&
         Nanos(a.st_mtim) == Nanos(b.st_mtim) && Nanos(a.st_ctim) == Nanos(b.st_ctim);
}

template <class T>
bool ParseNumber(std::string_view s, T* out) {
  if (s.empty()) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// The inverse of EscapeField, appended to `out`; false for anything
// EscapeField cannot produce (then `out` holds a partial result).
bool UnescapeFieldInto(std::string_view s, std::string& out) {
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c <= 0x20 || c == 0x7f) return false;
    if (c != '\\') {
      out += s[i];
      continue;
    }
    if (i + 3 >= s.size() || s[i + 1] != 'x') return false;
    const int hi = HexValue(s[i + 2]);
    const int lo = HexValue(s[i + 3]);
    if (hi < 0 || lo < 0) return false;
    const int byte = hi * 16 + lo;
    // Only bytes EscapeField escapes, so every path has one spelling.
    if (byte > 0x20 && byte != 0x7f && byte != '\\') return false;
    out += static_cast<char>(byte);
    i += 3;
  }
  return true;
}

// The space-separated fields of `line` into `fields` (reused: no allocation
// per line when a cache of many thousand entries loads).
void SplitSpacesInto(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  size_t start = 0;
  for (;;) {
    const size_t space = line.find(' ', start);
    fields.push_back(line.substr(start, space == std::string_view::npos ? space : space - start));
    if (space == std::string_view::npos) return;
    start = space + 1;
  }
}

std::vector<std::string_view> SplitSpaces(std::string_view line) {
  std::vector<std::string_view> fields;
  SplitSpacesInto(line, fields);
  return fields;
}

size_t CommonPrefix(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

tl::unexpected<Error> Corrupt(std::string message, int line = 0) {
  return Fail(Errc::kCorrupt, std::move(message), {}, line);
}

}  // namespace

StatCache::Entry StatCache::KeyOf(const struct stat& st) {
  Entry e;
  e.dev = static_cast<uint64_t>(st.st_dev);
  e.ino = static_cast<uint64_t>(st.st_ino);
  e.size = static_cast<uint64_t>(st.st_size);
  e.mtime_ns = Nanos(st.st_mtim);
  e.ctime_ns = Nanos(st.st_ctim);
  return e;
}

StatCache StatCache::Load(const std::string& file) {
  StatCache cache;
  cache.file_ = file;
  auto rebuild = [&cache](std::string reason) {
    cache.loaded_.clear();
    cache.paths_.clear();
    cache.rebuilt_ = true;
    cache.rebuild_reason_ = std::move(reason);
    return std::move(cache);
  };
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    return rebuild(errno == ENOENT ? "no cache file yet" : std::string("cannot stat: ") + std::strerror(errno));
  }
  // Whoever can write the cache decides which hashes we believe.
  if (st.st_uid != ::geteuid() || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return rebuild("cache file is writable by another user; ignored");
  }
  auto text = ReadFileCapped(file, kMaxFileSize);
  if (!text) return rebuild(text.error().message);
  if (auto r = cache.Parse(*text); !r) {
    std::string reason = r.error().message;
    if (r.error().line > 0) reason = "line " + std::to_string(r.error().line) + ": " + reason;
    return rebuild(std::move(reason));
  }
  return cache;
}

Result<void> StatCache::Parse(std::string_view text) {
  const std::string header = std::string(kHashCacheTag) + "\n";
  if (text.substr(0, header.size()) != header) {
    if (text.substr(0, kTagFamily.size()) == kTagFamily) return Corrupt("written by another version");
    return Corrupt("not a hash cache file");
  }
  if (text.empty() || text.back() != '\n') return Corrupt("truncated");
  const size_t trailer_start = text.rfind('\n', text.size() - 2) + 1;
  const std::string_view trailer = text.substr(trailer_start, text.size() - 1 - trailer_start);
  const std::vector<std::string_view> end = SplitSpaces(trailer);
  size_t count = 0;
  if (end.size() != 3 || end[0] != kEndWord || !ParseNumber(end[1], &count) || !IsSha256Hex(end[2])) {
    return Corrupt("truncated");
  }
  if (crypto::Blake2b256Hex(text.substr(0, trailer_start)) != end[2]) return Corrupt("checksum mismatch");

  loaded_.reserve(count);  // one allocation for the entries, not one per entry
  paths_.reserve(count * 64);
  std::string previous;
  std::string path;
  int line_no = 1;
  size_t pos = header.size();
  std::vector<std::string_view> f;
  f.reserve(9);
  while (pos < trailer_start) {
    ++line_no;
    const size_t nl = text.find('\n', pos);
    SplitSpacesInto(text.substr(pos, nl - pos), f);
    pos = nl + 1;
    Loaded l;
    Entry& e = l.entry;
    size_t shared = 0;
    if (f.size() != 8 || !IsSha256Hex(f[0]) || !ParseNumber(f[1], &e.dev) || !ParseNumber(f[2], &e.ino) ||
        !ParseNumber(f[3], &e.size) || !ParseNumber(f[4], &e.mtime_ns) || !ParseNumber(f[5], &e.ctime_ns) ||
        !ParseNumber(f[6], &shared) || shared > previous.size()) {
      return Corrupt("malformed entry", line_no);
    }
    // Built in buffers reused from line to line: a cache of tens of
    // thousands of entries loads on every scan.
    path.assign(previous, 0, shared);
    if (f[7].empty() || !UnescapeFieldInto(f[7], path)) return Corrupt("malformed path", line_no);
    // Strictly ascending: no duplicates, and the prefix coding is canonical
    // (and FindLoaded can search).
    if (path <= previous) return Corrupt("entries out of order", line_no);
    std::copy(f[0].begin(), f[0].end(), e.sha256.begin());
    l.path_offset = paths_.size();
    l.path_size = path.size();
    paths_ += path;
    loaded_.push_back(l);
    previous.swap(path);
  }
  if (loaded_.size() != count) return Corrupt("entry count mismatch");
  return {};
}

bool StatCache::KeyMatches(const Entry& e, const struct stat& st) {
  const Entry key = KeyOf(st);
  return e.dev == key.dev && e.ino == key.ino && e.size == key.size && e.mtime_ns == key.mtime_ns &&
         e.ctime_ns == key.ctime_ns;
}

size_t StatCache::FindLoaded(std::string_view path) const {
  const auto it = std::lower_bound(loaded_.begin(), loaded_.end(), path,
                                   [this](const Loaded& l, std::string_view p) { return PathOf(l) < p; });
  if (it == loaded_.end() || PathOf(*it) != path) return loaded_.size();
  return static_cast<size_t>(it - loaded_.begin());
}

size_t StatCache::size() const {
  const std::lock_guard<std::mutex> lock(*mu_);
  return loaded_.size() + added_;
}

std::optional<std::string> StatCache::Lookup(const std::string& path, const struct stat& st) const {
  const std::lock_guard<std::mutex> lock(*mu_);
  const Entry* e = nullptr;
  if (const auto it = stored_.find(path); it != stored_.end()) {
    e = &it->second;
  } else if (const size_t i = FindLoaded(path); i < loaded_.size() && !loaded_[i].replaced) {
    e = &loaded_[i].entry;
  }
  if (e == nullptr || !KeyMatches(*e, st)) return std::nullopt;
  e->used = true;
  return std::string(e->sha256.data(), e->sha256.size());
}

void StatCache::Store(const std::string& path, const struct stat& st, std::string sha256) {
  if (!IsSha256Hex(sha256)) return;
  Entry e = KeyOf(st);
  std::copy(sha256.begin(), sha256.end(), e.sha256.begin());
  e.used = true;
  const std::lock_guard<std::mutex> lock(*mu_);
  if (stored_.insert_or_assign(path, e).second) {
    if (const size_t i = FindLoaded(path); i < loaded_.size()) {
      loaded_[i].replaced = true;
    } else {
      ++added_;
    }
  }
  dirty_ = true;
}

void StatCache::set_racy_window(std::chrono::nanoseconds window) {
  racy_window_ = std::max(window, std::chrono::nanoseconds(0));
}

Result<std::string> StatCache::Serialize() const {
  // Entries used this run always; earlier runs' entries while there is room,
  // so a partial scan does not throw away the rest of the cache.
  using Item = std::pair<std::string_view, const Entry*>;
  std::vector<Item> used;
  std::vector<Item> unused;
  for (const Loaded& l : loaded_) {
    if (!l.replaced) (l.entry.used ? used : unused).emplace_back(PathOf(l), &l.entry);
  }
  for (const auto& [path, e] : stored_) used.emplace_back(path, &e);
  auto by_path = [](const Item& a, const Item& b) { return a.first < b.first; };
  std::sort(used.begin(), used.end(), by_path);  // unused is in file order: sorted already
  used.resize(std::min(used.size(), kMaxSavedEntries));
  const size_t room = kMaxSavedEntries - used.size();
  used.insert(used.end(), unused.begin(), unused.begin() + static_cast<ptrdiff_t>(std::min(room, unused.size())));
  std::sort(used.begin(), used.end(), by_path);

  std::string out = std::string(kHashCacheTag) + "\n";
  std::string_view previous;
  for (const auto& [path, e] : used) {
    const size_t shared = CommonPrefix(previous, path);
    out.append(e->sha256.data(), e->sha256.size());
    out += ' ' + std::to_string(e->dev) + ' ' + std::to_string(e->ino) + ' ' + std::to_string(e->size) + ' ' +
           std::to_string(e->mtime_ns) + ' ' + std::to_string(e->ctime_ns) + ' ' + std::to_string(shared) + ' ' +
           EscapeField(path.substr(shared)) + '\n';
    previous = path;
  }
  const std::string sum = crypto::Blake2b256Hex(out);
  out += std::string(kEndWord) + ' ' + std::to_string(used.size()) + ' ' + sum + '\n';
  return out;
}

Result<void> StatCache::Save() const {
  if (file_.empty()) return Fail(Errc::kInvalidArgument, "hash cache has no file");
  // A run that stored nothing leaves the file as it is: unused entries are
  // kept on disk anyway, and a warm re-scan should not rewrite the cache.
  if (!dirty_ && !rebuilt_) return {};
  auto text = Serialize();
  if (!text) return tl::make_unexpected(text.error());
  if (auto r = MakePrivateDirs(Dirname(file_)); !r) return r;
  return WriteFileAtomic(file_, *text, 0600);
}

Result<std::string> Sha256FdCached(int fd, const std::string& path, StatCache* cache, bool* hashed) {
  if (hashed != nullptr) *hashed = false;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    struct stat before {};
    if (::fstat(fd, &before) != 0) return Fail(Errc::kIo, std::string("cannot stat: ") + std::strerror(errno), path);
    if (cache != nullptr && S_ISREG(before.st_mode)) {
      if (auto hit = cache->Lookup(path, before)) return *hit;
    }
    const int64_t started = CoarseNowNs();
    auto sha = Sha256Fd(fd, path);
    if (!sha) return sha;
    if (hashed != nullptr) *hashed = true;
    struct stat after {};
    if (::fstat(fd, &after) != 0) return Fail(Errc::kIo, std::string("cannot stat: ") + std::strerror(errno), path);
    if (!SameStatKey(before, after)) continue;  // changed while read: the hash may mix versions
    // Racy-file rule (see stat_cache.h): a ctime this recent could be shared
    // by a later rewrite in the same clock tick.
    if (cache != nullptr && Nanos(before.st_ctim) < started - cache->racy_window().count()) {
      cache->Store(path, before, *sha);
    }
    return sha;
  }
  return Fail(Errc::kInterrupted, "file kept changing while being hashed", path);
}

Result<std::string> Sha256FileCached(const std::string& path, StatCache* cache, bool* hashed) {
  if (hashed != nullptr) *hashed = false;
  auto fd = OpenRegularFile(path);
  if (!fd) return tl::make_unexpected(fd.error());
  return Sha256FdCached(fd->get(), path, cache, hashed);
}

}  // namespace mcpguard::pinning

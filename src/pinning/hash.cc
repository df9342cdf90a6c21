#include "pinning/hash.h"

#include <dirent.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

#include "base/path.h"
#include "crypto/sha256.h"
#include "pinning/stat_cache.h"

namespace mcpguard::pinning {
namespace {

// 1 MiB reads keep syscall overhead negligible next to SHA-256 itself; small
// files get a buffer just big enough to see EOF in the second read.
constexpr size_t kMaxBufferSize = size_t{1} << 20;
constexpr size_t kMinBufferSize = 4096;
// No link target can be longer than PATH_MAX; stop well after that.
constexpr size_t kMaxLinkSize = size_t{1} << 16;
constexpr char kHexDigits[] = "0123456789abcdef";

struct EvpMdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct DirClose {
  void operator()(DIR* dir) const { ::closedir(dir); }
};
using DirPtr = std::unique_ptr<DIR, DirClose>;

Error ErrnoError(int err, const std::string& path, std::string_view what) {
  Errc code = Errc::kIo;
  if (err == ENOENT || err == ENOTDIR) code = Errc::kNotFound;
  if (err == EACCES || err == EPERM) code = Errc::kPermission;
  if (err == EISDIR || err == ELOOP) code = Errc::kNotRegular;
  std::string message = std::string(what) + ": " + std::strerror(err);
  for (char& c : message) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return Error{code, std::move(message), path, 0, 0};
}

tl::unexpected<Error> NotRegular(const std::string& path, mode_t mode) {
  const char* what = "not a regular file";
  if (S_ISDIR(mode)) what = "is a directory, not a regular file";
  if (S_ISFIFO(mode)) what = "is a named pipe, not a regular file";
  if (S_ISSOCK(mode)) what = "is a socket, not a regular file";
  if (S_ISCHR(mode)) what = "is a character device, not a regular file";
  if (S_ISBLK(mode)) what = "is a block device, not a regular file";
  return Fail(Errc::kNotRegular, what, path);
}

std::string Hex(const unsigned char* data, size_t n) {
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out += kHexDigits[data[i] >> 4];
    out += kHexDigits[data[i] & 15];
  }
  return out;
}

}  // namespace

namespace {
std::atomic<bool> g_openssl_started{false};
}  // namespace

void InitOpenSsl() {
  // OpenSSL 3 reads openssl.cnf (and the providers it names) on first use:
  // a millisecond on every pre-launch verify, and nothing mcpguard needs,
  // since it only asks for the default SHA-2 implementations.
  static const int done = OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr);
  (void)done;
  g_openssl_started.store(true, std::memory_order_relaxed);
}

namespace {

// Incremental SHA-256 through OpenSSL's EVP interface (which picks the
// SHA-NI / AVX2 implementation for this CPU).
class Sha256Stream {
 public:
  static Result<Sha256Stream> Create() {
    InitOpenSsl();
    Sha256Stream stream;
    stream.ctx_.reset(EVP_MD_CTX_new());
    if (!stream.ctx_ || EVP_DigestInit_ex(stream.ctx_.get(), EVP_sha256(), nullptr) != 1) {
      return Fail(Errc::kUnsupported, "openssl cannot start a sha-256 digest");
    }
    return stream;
  }

  Result<void> Update(const void* data, size_t n) {
    if (EVP_DigestUpdate(ctx_.get(), data, n) != 1) return Fail(Errc::kIo, "openssl sha-256 update failed");
    return {};
  }
  Result<void> Update(std::string_view s) { return Update(s.data(), s.size()); }

  Result<std::string> FinishHex() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(ctx_.get(), md, &len) != 1 || len != kSha256HexSize / 2) {
      return Fail(Errc::kIo, "openssl sha-256 final failed");
    }
    return Hex(md, len);
  }

 private:
  Sha256Stream() = default;
  std::unique_ptr<EVP_MD_CTX, EvpMdCtxFree> ctx_;
};

// Walks one tree and collects its format lines (see hash.h).
class TreeWalker {
 public:
  TreeWalker(const std::string& root, const TreeOptions& options, StatCache* cache)
      : root_(root), options_(options), cache_(cache) {}

  Result<TreeDigest> Run();

 private:
  struct Line {
    std::string rel;   // raw relative path: the sort key
    std::string text;  // the whole line, newline included
  };

  Result<void> WalkDir(UniqueFd fd, const std::string& rel, int depth);
  Result<void> AddEntry(int dir_fd, const std::string& name, const std::string& rel, int depth);
  Result<void> AddFile(int dir_fd, const std::string& name, const std::string& rel, const struct stat& listed);
  Result<void> AddLink(int dir_fd, const std::string& name, const std::string& rel, const struct stat& st);
  Result<void> AddDir(int dir_fd, const std::string& name, const std::string& rel, int depth);
  bool Skipped(std::string_view name) const;
  std::string FullPath(const std::string& rel) const { return rel.empty() ? root_ : JoinPath(root_, rel); }

  const std::string root_;
  const TreeOptions& options_;
  StatCache* const cache_;
  uint64_t entries_ = 0;
  std::vector<Line> lines_;
  TreeDigest digest_;
};

Result<TreeDigest> TreeWalker::Run() {
  // The root is followed if it is a symlink; nothing below it is.
  UniqueFd fd(::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOTDIR) return Fail(Errc::kNotRegular, "not a directory", root_);
    return tl::make_unexpected(ErrnoError(errno, root_, "cannot open directory"));
  }
  if (auto r = WalkDir(std::move(fd), "", 0); !r) return tl::make_unexpected(r.error());

  std::sort(lines_.begin(), lines_.end(), [](const Line& a, const Line& b) { return a.rel < b.rel; });
  std::string listing = std::string(kTreeFormatTag) + "\n";
  size_t size = listing.size();
  for (const Line& line : lines_) size += line.text.size();
  listing.reserve(size);
  for (const Line& line : lines_) listing += line.text;
  auto sha = Sha256Bytes(listing);
  if (!sha) return tl::make_unexpected(sha.error());
  digest_.sha256 = std::move(*sha);
  return digest_;
}

Result<void> TreeWalker::WalkDir(UniqueFd fd, const std::string& rel, int depth) {
  DIR* raw = ::fdopendir(fd.get());
  if (raw == nullptr) return tl::make_unexpected(ErrnoError(errno, FullPath(rel), "cannot list directory"));
  fd.Release();  // now owned by the DIR
  DirPtr dir(raw);

  // Read the whole listing before descending, so only one DIR per level is
  // open and entries are not re-read if the directory changes meanwhile.
  std::vector<std::string> names;
  for (;;) {
    errno = 0;
    const struct dirent* e = ::readdir(raw);
    if (e == nullptr) break;
    std::string_view name(e->d_name);
    if (name == "." || name == ".." || Skipped(name)) continue;
    names.emplace_back(name);
  }
  if (errno != 0) return tl::make_unexpected(ErrnoError(errno, FullPath(rel), "cannot list directory"));

  if (names.empty()) {
    if (!rel.empty()) lines_.push_back({rel, "D " + EscapeField(rel) + "\n"});
    return {};
  }
  for (const std::string& name : names) {
    const std::string child = rel.empty() ? name : rel + "/" + name;
    if (auto r = AddEntry(::dirfd(raw), name, child, depth); !r) return r;
  }
  return {};
}

Result<void> TreeWalker::AddEntry(int dir_fd, const std::string& name, const std::string& rel, int depth) {
  if (++entries_ > options_.max_entries) {
    return Fail(Errc::kTooLarge,
                "tree has more than " + std::to_string(options_.max_entries) + " entries; refusing to hash it", root_);
  }
  struct stat st {};
  if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    return tl::make_unexpected(ErrnoError(errno, FullPath(rel), "cannot stat"));
  }
  if (S_ISREG(st.st_mode)) return AddFile(dir_fd, name, rel, st);
  if (S_ISLNK(st.st_mode)) return AddLink(dir_fd, name, rel, st);
  if (S_ISDIR(st.st_mode)) return AddDir(dir_fd, name, rel, depth);
  lines_.push_back({rel, "O " + EscapeField(rel) + "\n"});
  return {};
}

Result<void> TreeWalker::AddFile(int dir_fd, const std::string& name, const std::string& rel,
                                 const struct stat& listed) {
  const std::string path = FullPath(rel);
  // A cache hit on the listing's own stat needs no open at all: the stat key
  // is exactly what the cache trusts, and a warm re-scan is mostly hits.
  if (cache_ != nullptr) {
    if (auto known = cache_->Lookup(path, listed)) {
      ++digest_.files;
      const char mode = (listed.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) != 0 ? 'x' : '-';
      lines_.push_back({rel, std::string("F ") + mode + " " + *known + " " + EscapeField(rel) + "\n"});
      return {};
    }
  }
  // O_NOFOLLOW: the entry was a regular file when listed; if it has become a
  // symlink since, fail rather than hash what it points to.
  UniqueFd fd(::openat(dir_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ELOOP) return Fail(Errc::kInterrupted, "changed while the tree was being hashed", path);
    return tl::make_unexpected(ErrnoError(errno, path, "cannot open"));
  }
  bool hashed = false;
  auto sha = Sha256FdCached(fd.get(), path, cache_, &hashed);
  if (!sha) return tl::make_unexpected(sha.error());
  // The mode after hashing: Sha256FdCached re-reads a file that changed
  // (chmod included, via ctime) while it was read.
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return tl::make_unexpected(ErrnoError(errno, path, "cannot stat"));
  ++digest_.files;
  if (hashed) ++digest_.hashed;
  const char mode = (st.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) != 0 ? 'x' : '-';
  lines_.push_back({rel, std::string("F ") + mode + " " + *sha + " " + EscapeField(rel) + "\n"});
  return {};
}

Result<void> TreeWalker::AddLink(int dir_fd, const std::string& name, const std::string& rel, const struct stat& st) {
  // st_size is the target's length on most filesystems but 0 on some (procfs).
  std::string target(std::clamp<size_t>(static_cast<size_t>(st.st_size) + 1, 64, kMaxLinkSize), '\0');
  for (;;) {
    const ssize_t n = ::readlinkat(dir_fd, name.c_str(), target.data(), target.size());
    if (n < 0) return tl::make_unexpected(ErrnoError(errno, FullPath(rel), "cannot read symlink"));
    if (static_cast<size_t>(n) < target.size()) {
      target.resize(static_cast<size_t>(n));
      break;
    }
    if (target.size() >= kMaxLinkSize) return Fail(Errc::kTooLarge, "symlink target too long", FullPath(rel));
    target.resize(target.size() * 2);
  }
  lines_.push_back({rel, "L " + EscapeField(target) + " " + EscapeField(rel) + "\n"});
  return {};
}

Result<void> TreeWalker::AddDir(int dir_fd, const std::string& name, const std::string& rel, int depth) {
  const std::string path = FullPath(rel);
  if (depth + 1 > options_.max_depth) {
    return Fail(Errc::kTooLarge, "directories nested more than " + std::to_string(options_.max_depth) + " deep", path);
  }
  UniqueFd fd(::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ELOOP || errno == ENOTDIR) {
      return Fail(Errc::kInterrupted, "changed while the tree was being hashed", path);
    }
    return tl::make_unexpected(ErrnoError(errno, path, "cannot open directory"));
  }
  return WalkDir(std::move(fd), rel, depth + 1);
}

bool TreeWalker::Skipped(std::string_view name) const {
  return std::find(options_.skip_names.begin(), options_.skip_names.end(), name) != options_.skip_names.end();
}

}  // namespace

bool IsSha256Hex(std::string_view s) {
  return s.size() == kSha256HexSize &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Result<std::string> Sha256Bytes(std::string_view bytes) {
  // libsodium needs no start-up but runs about eight times slower per byte
  // than OpenSSL's SHA instructions, whose start-up costs about 0.7 ms: small
  // inputs go to libsodium, large ones to OpenSSL, and once OpenSSL has
  // started anyway (a file was hashed) it takes everything but the smallest.
  constexpr size_t kSmall = 4 << 10;
  constexpr size_t kLarge = 256 << 10;
  if (bytes.size() < kSmall || (bytes.size() < kLarge && !g_openssl_started.load(std::memory_order_relaxed))) {
    return crypto::Sha256Hex(bytes);
  }
  auto stream = Sha256Stream::Create();
  if (!stream) return tl::make_unexpected(stream.error());
  if (auto r = stream->Update(bytes); !r) return tl::make_unexpected(r.error());
  return stream->FinishHex();
}

Result<UniqueFd> OpenRegularFile(const std::string& path) {
  // stat first: opening a device can have side effects (a tape rewinds, a
  // modem hangs up), so only a regular file is ever opened.
  struct stat before {};
  if (::stat(path.c_str(), &before) != 0) return tl::make_unexpected(ErrnoError(errno, path, "cannot stat"));
  if (!S_ISREG(before.st_mode)) return NotRegular(path, before.st_mode);
  // O_NONBLOCK: should a FIFO be swapped in after the stat, open cannot hang.
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (!fd.valid()) return tl::make_unexpected(ErrnoError(errno, path, "cannot open"));
  struct stat after {};
  if (::fstat(fd.get(), &after) != 0) return tl::make_unexpected(ErrnoError(errno, path, "cannot stat"));
  if (!S_ISREG(after.st_mode)) return NotRegular(path, after.st_mode);
  return fd;
}

Result<std::string> Sha256Fd(int fd, const std::string& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return tl::make_unexpected(ErrnoError(errno, path, "cannot stat"));
  if (!S_ISREG(st.st_mode)) return NotRegular(path, st.st_mode);
  // Advisory only: larger readahead for a file that is not cached yet.
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);

  const size_t size = std::clamp<size_t>(static_cast<size_t>(st.st_size) + 1, kMinBufferSize, kMaxBufferSize);
  auto buffer = std::make_unique_for_overwrite<unsigned char[]>(size);
  auto stream = Sha256Stream::Create();
  if (!stream) return tl::make_unexpected(stream.error());
  off_t offset = 0;
  for (;;) {
    const ssize_t n = ::pread(fd, buffer.get(), size, offset);
    if (n < 0) {
      if (errno == EINTR) continue;
      return tl::make_unexpected(ErrnoError(errno, path, "cannot read"));
    }
    if (n == 0) break;
    if (auto r = stream->Update(buffer.get(), static_cast<size_t>(n)); !r) return tl::make_unexpected(r.error());
    offset += n;
  }
  return stream->FinishHex();
}

Result<std::string> Sha256File(const std::string& path) {
  auto fd = OpenRegularFile(path);
  if (!fd) return tl::make_unexpected(fd.error());
  return Sha256Fd(fd->get(), path);
}

std::string EscapeField(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (const char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f || c == '\\') {
      out += "\\x";
      out += kHexDigits[c >> 4];
      out += kHexDigits[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

Result<TreeDigest> HashTree(const std::string& dir, StatCache* cache, const TreeOptions& options) {
  return TreeWalker(dir, options, cache).Run();
}

}  // namespace mcpguard::pinning

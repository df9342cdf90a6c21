// SHA-256 of files and of directory trees: how mcpguard pins the code that
// will actually run for an MCP server. Files are streamed through OpenSSL in
// fixed-size chunks, so a large binary costs time, never memory.
//
// Tree format, version 1 (stable across releases: pins recorded by one
// release must verify with the next; any change needs a new version tag).
// The digest is the SHA-256 of this text:
//
//   mcpguard.tree/1\n
//   one line per entry below the root, sorted by the entry's relative path
//   ('/'-separated, no leading "./"), compared byte by byte as unsigned
//   bytes (memcmp order, so "a-b" sorts before "a/b"):
//
//     F <mode> <sha256> <relpath>\n   a regular file; <mode> is "x" when any
//                                     execute bit is set, else "-"; <sha256>
//                                     is 64 lower-case hex digits of its content
//     L <target> <relpath>\n          a symbolic link; <target> is the link
//                                     text as stored, never followed
//     D <relpath>\n                   an empty directory (a non-empty one is
//                                     implied by the entries below it)
//     O <relpath>\n                   anything else (FIFO, socket, device);
//                                     never opened
//
//   <relpath> and <target> are escaped so every line parses one way: each byte
//   <= 0x20 (controls and space), 0x7f and '\' is written as "\xHH" with two
//   lower-case hex digits; every other byte, UTF-8 included, is written as is.
//
// The root itself has no line (an empty root hashes just the tag line), and a
// root given as a symlink to a directory is followed; below the root no
// symlink is followed. Entries named in TreeOptions::skip_names are left out
// at any depth, as if absent: a directory holding only skipped entries is
// written as empty.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/file.h"

namespace mcpguard::pinning {

class StatCache;

inline constexpr std::string_view kTreeFormatTag = "mcpguard.tree/1";
inline constexpr size_t kSha256HexSize = 64;

// True for exactly 64 lower-case hex digits, the only form we produce or trust.
bool IsSha256Hex(std::string_view s);

// Starts OpenSSL without reading its configuration file; every digest here
// calls it first, and so must other users of EVP in pinning/.
void InitOpenSsl();

// Hex SHA-256 of a buffer.
Result<std::string> Sha256Bytes(std::string_view bytes);

// Opens a regular file for reading, following symlinks. A FIFO, device,
// socket or directory is refused (kNotRegular) before it is opened, so
// opening cannot block or have a device's side effects.
Result<UniqueFd> OpenRegularFile(const std::string& path);

// Hex SHA-256 of the whole of an open regular file, read from offset 0 with
// pread (the file offset is not used). `path` is for error messages only.
Result<std::string> Sha256Fd(int fd, const std::string& path);

// Hex SHA-256 of the regular file at `path` (symlinks followed). Errors:
// kNotFound, kPermission, kNotRegular, kIo; the Error's path is `path`.
Result<std::string> Sha256File(const std::string& path);

// The tree format's escaping of a path or link target (see above).
std::string EscapeField(std::string_view raw);

struct TreeOptions {
  // Entry names (not paths) left out at any depth, e.g. ".cache".
  std::vector<std::string> skip_names;
  // Every entry walked counts (files, links, directories, others); a tree
  // with more is refused (kTooLarge) rather than hashed for minutes.
  uint64_t max_entries = 200'000;
  // Directory nesting below the root; each level holds one open descriptor.
  int max_depth = 256;
};

struct TreeDigest {
  std::string sha256;   // 64 hex digits over the tree text (format above)
  uint64_t files = 0;   // regular files in the tree
  uint64_t hashed = 0;  // of those, files actually read (not from the cache)
};

// The tree digest of directory `dir`. `cache` may be null (every file is
// read). The walk uses openat/O_NOFOLLOW from the root's descriptor, so a
// directory swapped for a symlink mid-walk is an error, not followed. Any
// unreadable entry is an error: a pin must cover all of the tree or fail.
Result<TreeDigest> HashTree(const std::string& dir, StatCache* cache, const TreeOptions& options = {});

}  // namespace mcpguard::pinning

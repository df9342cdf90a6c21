#include "discovery/walk.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "base/file.h"
#include "base/path.h"
#include "base/text.h"

namespace mcpguard::discovery {
namespace {

struct Target {
  std::string relative;  // ".vscode/mcp.json", ".continue/mcpServers/*.yaml"
  const rules::HostSpec* host;
  const rules::FileSpec* file;
};

// Project paths indexed by their first component, so each directory entry
// costs one hash lookup.
std::unordered_map<std::string, std::vector<Target>> IndexTargets(const rules::Catalog& catalog,
                                                                  const std::vector<std::string>& host_ids) {
  std::unordered_map<std::string, std::vector<Target>> index;
  for (const rules::HostSpec& host : catalog.hosts) {
    if (!HostSelected(host_ids, host.id)) continue;
    for (const rules::FileSpec& file : host.files) {
      for (const std::string& rel : file.project_paths) {
        const std::string first = rel.substr(0, rel.find('/'));
        index[first].push_back(Target{rel, &host, &file});
      }
    }
  }
  return index;
}

struct DirId {
  dev_t dev;
  ino_t ino;
  bool operator==(const DirId& o) const { return dev == o.dev && ino == o.ino; }
};
struct DirIdHash {
  size_t operator()(const DirId& d) const { return std::hash<uint64_t>()(static_cast<uint64_t>(d.ino) * 31u + d.dev); }
};

}  // namespace

Result<WalkStats> DeepWalk(const std::string& root, const rules::Catalog& catalog, const WalkOptions& options,
                           const std::function<void(Candidate)>& found) {
  if (!IsDirectory(root)) {
    auto st = StatPath(root);
    if (!st) return tl::make_unexpected(st.error());
    return Fail(Errc::kNotRegular, "is not a directory", root);
  }
  const auto index = IndexTargets(catalog, options.host_ids);
  const std::unordered_set<std::string> skip(catalog.walk_skip.begin(), catalog.walk_skip.end());
  std::unordered_set<DirId, DirIdHash> seen;
  WalkStats stats;
  std::vector<std::string> stack{CleanPath(root)};
  std::vector<std::string> hits;
  while (!stack.empty()) {
    if (options.interrupted != nullptr && options.interrupted->load()) break;
    std::string dir = std::move(stack.back());
    stack.pop_back();
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
      ++stats.unreadable;
      continue;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !seen.insert(DirId{st.st_dev, st.st_ino}).second) {
      ::close(fd);
      continue;
    }
    DIR* d = ::fdopendir(fd);
    if (d == nullptr) {
      ::close(fd);
      ++stats.unreadable;
      continue;
    }
    ++stats.directories;
    hits.clear();
    while (struct dirent* e = ::readdir(d)) {
      const char* name = e->d_name;
      if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
      ++stats.entries;
      std::string_view n(name);
      if (index.count(std::string(n)) != 0) hits.emplace_back(n);
      unsigned char type = e->d_type;
      if (type == DT_UNKNOWN) {
        struct stat est {};
        if (::fstatat(::dirfd(d), name, &est, AT_SYMLINK_NOFOLLOW) != 0) continue;
        type = S_ISDIR(est.st_mode) ? DT_DIR : DT_REG;
      }
      if (type != DT_DIR || skip.count(std::string(n)) != 0) continue;
      stack.push_back(dir == "/" ? "/" + std::string(n) : dir + "/" + std::string(n));
    }
    ::closedir(d);
    for (const std::string& hit : hits) {
      for (const Target& t : index.at(hit)) {
        for (std::string& path : ExpandGlob(JoinPath(dir, t.relative))) {
          found(Candidate{std::move(path), t.host, t.file, dir, "deep"});
        }
      }
    }
    if (options.progress && (stats.directories & 1023) == 0) options.progress(stats);
  }
  return stats;
}

}  // namespace mcpguard::discovery

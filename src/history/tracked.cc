#include "history/tracked.h"

#include <git2.h>

#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <memory>

#include "history/libgit2.h"

namespace mcpguard::history {
namespace {


struct RepoDeleter {
  void operator()(git_repository* r) const { git_repository_free(r); }
};
struct IndexDeleter {
  void operator()(git_index* i) const { git_index_free(i); }
};
using UniqueRepo = std::unique_ptr<git_repository, RepoDeleter>;
using UniqueIndex = std::unique_ptr<git_index, IndexDeleter>;

}  // namespace

bool IsTrackedByGit(const std::string& link) {
  InitLibgit2();
  // A symlinked config (dotfiles) is tracked, if at all, where it points.
  char resolved[PATH_MAX];
  if (::realpath(link.c_str(), resolved) == nullptr) return false;
  const std::string path(resolved);
  // Most configs are in no repository at all: look for a .git above the file
  // with a few stats before paying for libgit2's start-up and discovery.
  bool in_repo = false;
  for (std::string dir = path.substr(0, path.rfind('/')); !dir.empty() && !in_repo;
       dir = dir.substr(0, dir.rfind('/'))) {
    struct stat st {};
    in_repo = ::stat((dir + "/.git").c_str(), &st) == 0;
  }
  if (!in_repo && ::access("/.git", F_OK) != 0) return false;
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return false;
  const std::string dir = slash == 0 ? "/" : path.substr(0, slash);
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, dir.c_str(), 0, nullptr) != 0) return false;
  UniqueRepo repo(raw);
  const char* workdir = git_repository_workdir(repo.get());
  if (workdir == nullptr) return false;
  const std::string root(workdir);  // ends with '/'
  if (path.compare(0, root.size(), root) != 0) return false;
  git_index* raw_index = nullptr;
  if (git_repository_index(&raw_index, repo.get()) != 0) return false;
  UniqueIndex index(raw_index);
  return git_index_get_bypath(index.get(), path.substr(root.size()).c_str(), 0) != nullptr;
}

}  // namespace mcpguard::history

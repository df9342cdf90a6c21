// Whether git tracks a file: a project config holding secrets that is
// committed has put them in the repository's history. The only libgit2 use
// so far; the history store will live beside it.
#pragma once

#include <string>

namespace mcpguard::history {

// True when `path` is inside a git work tree and present in its index.
// Any problem (no repository, unreadable index) answers false.
bool IsTrackedByGit(const std::string& path);

}  // namespace mcpguard::history

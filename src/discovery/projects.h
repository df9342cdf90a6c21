// Project roots: the directories whose project-level configs (.mcp.json,
// .vscode/mcp.json, ...) a host would load. They come from what hosts
// remember (Claude Code's "projects", VS Code's workspaceStorage, Codex's
// [projects]) and from the current directory up to its git root.
#pragma once

#include <string>
#include <vector>

#include "discovery/candidates.h"

namespace mcpguard::discovery {

struct ProjectRoot {
  std::string path;      // absolute, existing directory
  std::string found_by;  // "project-list" or "cwd"
  std::string source;    // the file that named it, for project-list
};

// Roots named by the catalog's project sources that exist as directories.
// Unreadable or malformed source files are skipped here: the same files are
// loaded as configs, and their problems are reported there.
std::vector<ProjectRoot> RememberedProjects(const rules::Catalog& catalog, const Context& ctx);

// `cwd` and each parent up to the nearest one holding .git (just `cwd` when
// there is none), as hosts such as Copilot CLI and Codex do.
std::vector<ProjectRoot> CwdProjects(const std::string& cwd);

}  // namespace mcpguard::discovery

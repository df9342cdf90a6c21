// Turning the host catalog into the config files that exist on this machine:
// path templates resolved against an environment and an OS layout, globs
// expanded, and project-relative paths resolved against project roots.
#pragma once

#include <string>
#include <vector>

#include "base/environment.h"
#include "rules/catalog.h"

namespace mcpguard::discovery {

// Where to look: one home, one OS layout.
struct Context {
  Os os = Os::kLinux;
  Environment env;
  std::string home;  // absolute
  std::string root;  // put in front of system paths (/etc/..., C:/ProgramData); empty for "/"
};

// The home of `env` for `os`: %USERPROFILE% then $HOME on Windows, $HOME elsewhere.
std::string HomeOf(const Environment& env, Os os);

struct Candidate {
  std::string path;  // absolute, as found (not resolved through symlinks)
  const rules::HostSpec* host = nullptr;
  const rules::FileSpec* file = nullptr;
  std::string project;   // the project root, for project-relative files
  std::string found_by;  // "catalog", "project-list", "cwd", "deep"
};

// Every existing path a template names. Variables come from ctx.env, else
// from the catalog's defaults; a template whose variable has neither is
// dropped. Only paths that exist (lstat) are returned, sorted.
std::vector<std::string> ExpandTemplate(const std::string& tmpl, const Context& ctx, const rules::Catalog& catalog);

// Expands '*' and '?' in the components of an absolute path; existing paths only.
std::vector<std::string> ExpandGlob(const std::string& path);

// The user, extension and managed files of every host (or only `host_ids`).
std::vector<Candidate> UserCandidates(const rules::Catalog& catalog, const Context& ctx,
                                      const std::vector<std::string>& host_ids = {});

// The project-level files of every host under one project root.
std::vector<Candidate> ProjectCandidates(const rules::Catalog& catalog, const std::string& project_root,
                                         const std::string& found_by, const std::vector<std::string>& host_ids = {});

bool HostSelected(const std::vector<std::string>& host_ids, const std::string& id);

}  // namespace mcpguard::discovery

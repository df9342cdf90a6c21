#include "discovery/projects.h"

#include "base/file.h"
#include "base/path.h"
#include "base/text.h"
#include "formats/parse.h"

namespace mcpguard::discovery {
namespace {

// Keys of <keys_of>, or the string at <value>.
std::vector<std::string> RootsIn(const formats::Node& root, const rules::ProjectSource& source) {
  std::vector<std::string> out;
  if (!source.keys_of.empty()) {
    const formats::Node* map = root.Find(source.keys_of);
    if (map == nullptr || !map->IsObject()) return out;
    for (const formats::Member& m : map->members) out.push_back(m.key);
  } else if (const formats::Node* v = root.Find(source.value); v != nullptr && v->IsString()) {
    out.push_back(v->str);
  }
  for (std::string& p : out) {
    if (StartsWith(p, "file://")) p = FileUriToPath(p);
  }
  return out;
}

}  // namespace

std::vector<ProjectRoot> RememberedProjects(const rules::Catalog& catalog, const Context& ctx) {
  std::vector<ProjectRoot> out;
  for (const rules::ProjectSource& source : catalog.project_sources) {
    auto it = source.paths.find(ctx.os);
    if (it == source.paths.end()) continue;
    for (const std::string& tmpl : it->second) {
      for (const std::string& file : ExpandTemplate(tmpl, ctx, catalog)) {
        auto text = ReadFileCapped(file);
        if (!text) continue;
        auto doc = formats::Parse(*text, source.format);
        if (!doc) continue;
        for (std::string& root : RootsIn(doc->root, source)) {
          if (!IsAbsolutePath(root) || !IsDirectory(root)) continue;
          out.push_back(ProjectRoot{CleanPath(root), "project-list", file});
        }
      }
    }
  }
  return out;
}

std::vector<ProjectRoot> CwdProjects(const std::string& cwd) {
  std::vector<ProjectRoot> chain;
  std::string dir = CleanPath(cwd);
  for (int guard = 0; guard < 256; ++guard) {
    chain.push_back(ProjectRoot{dir, "cwd", {}});
    if (Exists(JoinPath(dir, ".git"))) return chain;
    const std::string parent = Dirname(dir);
    if (parent == dir) break;
    dir = parent;
  }
  return {ProjectRoot{CleanPath(cwd), "cwd", {}}};
}

}  // namespace mcpguard::discovery

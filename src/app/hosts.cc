#include "app/hosts.h"

#include "base/file.h"
#include "discovery/candidates.h"
#include "rules/catalog.h"

namespace mcpguard::app {

Result<std::vector<HostPaths>> ListHosts(Os os, const Environment& env, const std::string& root,
                                         const std::string& signatures_dir) {
  auto catalog = rules::LoadCatalog(signatures_dir);
  if (!catalog) return tl::make_unexpected(catalog.error());
  discovery::Context ctx{os, env, discovery::HomeOf(env, os), root};
  std::vector<HostPaths> out;
  for (const rules::HostSpec& host : catalog->hosts) {
    HostPaths hp{host.id, host.name, {}};
    for (const rules::FileSpec& file : host.files) {
      const std::string scope(model::ScopeName(file.scope));
      const std::string format(formats::FormatName(file.format));
      if (auto it = file.paths.find(os); it != file.paths.end()) {
        for (const std::string& tmpl : it->second) {
          auto found = discovery::ExpandTemplate(tmpl, ctx, *catalog);
          if (found.empty()) hp.entries.push_back({scope, format, tmpl, false});
          for (const std::string& p : found) hp.entries.push_back({scope, format, p, true});
        }
      }
      for (const std::string& rel : file.project_paths) hp.entries.push_back({scope, format, "<project>/" + rel, false});
    }
    out.push_back(std::move(hp));
  }
  return out;
}

}  // namespace mcpguard::app

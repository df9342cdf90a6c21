// The "hosts" use case: what the catalog knows, and where each host's files
// would be on this machine.
#pragma once

#include <string>
#include <vector>

#include "base/environment.h"
#include "base/error.h"

namespace mcpguard::app {

struct HostPaths {
  std::string id;
  std::string name;
  struct Entry {
    std::string scope;
    std::string format;
    std::string path;  // a resolved template (may not exist); project paths stay relative
    bool exists = false;
  };
  std::vector<Entry> entries;
};

Result<std::vector<HostPaths>> ListHosts(Os os, const Environment& env, const std::string& root,
                                         const std::string& signatures_dir);

}  // namespace mcpguard::app

// Every host's server schema mapped into one model::Server (hosts.md §2):
// field aliases (cmd/command, envs/env/environment, serverUrl/httpUrl/uri/url,
// http_headers/headers), argv-style commands (OpenCode), Zed's legacy
// {"command": {"path", "args", "env"}}, Continue's legacy {"transport": {...}},
// and the transport names of every host. Wrong types become warnings with a
// position; mapping never fails as a whole.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "formats/tree.h"
#include "model/snapshot.h"
#include "rules/catalog.h"

namespace mcpguard::inventory {

struct MapContext {
  const rules::FileSpec* file = nullptr;
  std::string host;
  std::string config_path;
  model::Scope scope = model::Scope::kUser;
  std::string project;
};

// The node at a dotted key path ("mcp.servers"). A literal key containing the
// dots ("mcp.servers": {...}, as VS Code's flat settings allow) wins.
const formats::Node* FindPath(const formats::Node& root, std::string_view dotted);

// Maps one server definition named `name`.
model::Server MapServer(const std::string& name, const formats::Node& def, formats::Pos key_pos,
                        const MapContext& ctx, std::vector<model::Diagnostic>& diags);

struct Extracted {
  std::string key;       // the key the servers were under
  bool foreign = false;  // a key this host does not read (see FileSpec::foreign_servers)
  std::vector<model::Server> servers;
  // Project root -> server names switched off there (FileSpec::nested_disabled).
  std::map<std::string, std::vector<std::string>> disabled_in_project;
};

// The servers of a parsed document for one FileSpec; nullopt when none of
// its keys is present (for an optional settings file: not an MCP config).
std::optional<Extracted> ExtractServers(const formats::Node& root, const MapContext& ctx,
                                        std::vector<model::Diagnostic>& diags);

}  // namespace mcpguard::inventory

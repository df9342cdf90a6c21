// The host catalog (signatures/hosts.toml): which hosts exist, where each one
// keeps its MCP config on each OS, in which format and under which key. What
// to look for is data; how to look is code (discovery/, inventory/).
// See mcpguard-signatures(5) and signatures/hosts.toml's own comments.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/environment.h"
#include "base/error.h"
#include "formats/parse.h"
#include "model/server.h"

namespace mcpguard::rules {

// One kind of file a host reads.
struct FileSpec {
  model::Scope scope = model::Scope::kUser;
  formats::Format format = formats::Format::kJsonc;
  // Key paths ("mcpServers", "mcp.servers", "customizations.vscode.mcp.servers")
  // tried in order; the first one present holds the servers.
  std::vector<std::string> servers;
  // Keys other hosts use for the same file name; servers found there are
  // listed, with a warning that this host does not read them.
  std::vector<std::string> foreign_servers;
  bool list = false;      // servers are a list of objects with a "name" (Continue, Augment)
  bool optional = false;  // a general settings file: no servers key means "not an MCP config"
  bool single = false;    // the key holds one server, named after the file's parent directory
  // With `single`: a per-extension settings file, relative to the file's
  // directory, "{id}" standing for that directory's name. Its "isEnabled"
  // says whether the server runs (Claude Desktop extensions).
  std::string extension_settings;
  // Claude Code's ~/.claude.json: per-project servers at <nested>.<project path>.<nested_servers>.
  std::string nested;
  std::string nested_servers;
  model::Scope nested_scope = model::Scope::kLocal;
  // <nested>.<project root>.<nested_disabled>: names of servers switched off
  // in that project, its own and those of its project files alike.
  std::string nested_disabled;
  int64_t timeout_unit_ms = 1;     // 1000 where "timeout" is in seconds
  std::string url_transport;       // transport of a "url" with no "type"; empty: infer
  std::map<Os, std::vector<std::string>> paths;  // absolute templates per OS
  std::vector<std::string> project_paths;        // relative to a project root

  bool operator==(const FileSpec&) const = default;  // the built-in copy is checked against the file
};

struct HostSpec {
  std::string id;    // "claude-desktop"
  std::string name;  // "Claude Desktop"
  std::vector<FileSpec> files;

  bool operator==(const HostSpec&) const = default;
};

// A file in which a host remembers project roots.
struct ProjectSource {
  std::string host;
  formats::Format format = formats::Format::kJson;
  std::map<Os, std::vector<std::string>> paths;
  std::string keys_of;  // the roots are the keys of this object ("projects")
  std::string value;    // or the value of this string ("folder"), a file:// URI or a path

  bool operator==(const ProjectSource&) const = default;
};

// A set of directories a path template can name as {family}, e.g. every VS
// Code fork's "User" directory.
struct Family {
  std::vector<std::string> members;              // substituted for {member}
  std::map<Os, std::vector<std::string>> paths;  // templates using {member}
  std::vector<std::string> extra;                // any OS, no {member}

  bool operator==(const Family&) const = default;
};

struct Catalog {
  std::vector<HostSpec> hosts;
  std::vector<ProjectSource> project_sources;
  std::map<std::string, Family, std::less<>> families;
  std::map<std::string, std::string, std::less<>> variable_defaults;  // "XDG_CONFIG_HOME" -> "~/.config"
  std::vector<std::string> walk_skip;  // directory names a --deep walk never enters
  std::vector<std::string> path_fallbacks;  // where a command is looked for after PATH

  const HostSpec* FindHost(std::string_view id) const;
  bool operator==(const Catalog&) const = default;
};

// Parses a hosts.toml text; `name` is used in error messages.
Result<Catalog> ParseCatalog(std::string_view text, const std::string& name);

// The catalog from `signatures_dir`/hosts.toml, or the one compiled into the
// binary when `signatures_dir` is empty.
Result<Catalog> LoadCatalog(const std::string& signatures_dir);

}  // namespace mcpguard::rules

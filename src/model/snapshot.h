// One scan's result: every config file examined, its servers and its
// diagnostics. Serialised as `mcpguard.snapshot/1` (see mcpguard(1), SNAPSHOT
// FORMAT).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/finding.h"
#include "model/server.h"

namespace mcpguard::model {

inline constexpr const char* kSnapshotSchema = "mcpguard.snapshot/1";

struct Diagnostic {
  enum class Severity { kError, kWarning, kNote };
  Severity severity = Severity::kError;
  std::string path;
  SourcePos pos;
  std::string message;  // lower case, no trailing period

  // "path:line:col: error: message" (1:1 for whole-file problems).
  std::string ToString() const;
};

std::string_view SeverityName(Diagnostic::Severity severity);

struct ConfigFile {
  std::string host;       // catalog id of the host that reads this file
  std::string host_name;  // "Claude Desktop"
  std::vector<std::string> also_read_by;  // other hosts that read the same file the same way
  Scope scope = Scope::kUser;
  std::string path;       // absolute
  std::string project;    // project root, for project scope
  std::string format;     // "json", "jsonc", "toml", "yaml"
  std::string servers_key;  // the key the servers were found under ("mcpServers", "servers", ...)
  std::string found_by;     // "catalog", "project-list", "deep", "cwd"
  std::string settings_path;  // a companion settings file that was read (Claude Desktop extensions)
  uint32_t mode = 0;          // permission bits of the file (0 when unknown)
  bool git_tracked = false;   // inside a git work tree and tracked there
  // Memory only: project root -> server names this file switches off there.
  std::map<std::string, std::vector<std::string>> disabled_in_project;
  bool readable = true;     // false: the file could not be read or parsed at all
  std::vector<Diagnostic> diagnostics;
  std::vector<Server> servers;
};

struct Snapshot {
  std::string tool_version;
  std::string generated_at;  // RFC 3339, UTC
  std::string os;            // the layout scanned: "linux", "macos", "windows"
  std::vector<std::string> homes;
  std::vector<ConfigFile> configs;
  std::vector<Diagnostic> diagnostics;  // not tied to one config (a --deep DIR that is missing, ...)
  std::vector<Finding> findings;        // sorted: most severe first
  // How much work pinning did: a re-scan of an unchanged machine hashes no file.
  uint64_t files_hashed = 0;
  uint64_t files_from_cache = 0;

  // Something could not be read: the inventory is incomplete.
  bool Partial() const;
  size_t ServerCount() const;
  // The most severe finding, if any.
  std::optional<Severity> WorstFinding() const;
};

void to_json(nlohmann::json& j, const Diagnostic& d);
void to_json(nlohmann::json& j, const ConfigFile& c);
void to_json(nlohmann::json& j, const Snapshot& s);

}  // namespace mcpguard::model

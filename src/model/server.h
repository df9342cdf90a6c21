// The normalised form of one configured MCP server, whatever host and dialect
// it came from (hosts.md §2.2). Plain values, no I/O.
//
// Secret-bearing values (env values, header values, the raw args and URL) are
// kept in memory for later stages but never serialised: to_json writes env
// and header *names*, and the redacted_* copies that inventory fills in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "model/artifact.h"
#include "model/credential.h"
#include "model/server_pos.h"
#include "model/surface.h"

namespace mcpguard::model {

enum class Scope { kUser, kProject, kLocal, kManaged, kPlugin, kExtension };
enum class Transport { kStdio, kHttp, kSse, kWs, kTcp, kBuiltin, kUnknown };

std::string_view ScopeName(Scope scope);          // "user", "project", ...
std::optional<Scope> ParseScope(std::string_view name);
std::string_view TransportName(Transport transport);  // "stdio", "http", ...

// A variable reference found in a config string, kept symbolic: mcpguard
// never expands it into the snapshot.
struct Interpolation {
  std::string syntax;  // "${env:X}", "${X}", "$X", "${input:x}", "{env:X}", "{file:x}", "${{ secrets.X }}", "${workspaceFolder}"
  std::string kind;    // "env", "input", "file", "secret", "predefined", "user_config"
  std::string name;    // the variable, input id, file path or predefined name
  std::string field;   // where: "args[2]", "env.GITHUB_TOKEN", "url", "headers.Authorization"
};

struct NamedValue {
  std::string name;
  std::string value;  // memory only; never serialised
  SourcePos pos;
  // The value is exactly one reference ("${env:GH_TOKEN}"): safe to show.
  std::string reference;
};

struct Server {
  std::string host;         // catalog id: "claude-desktop", "vscode", ...
  Scope scope = Scope::kUser;
  std::string config_path;  // absolute
  std::string project;      // project root for project/local scope, else empty
  std::string name;
  Transport transport = Transport::kUnknown;
  std::string transport_declared;  // the "type" value as written, if any
  std::optional<bool> enabled;     // nullopt: the file does not say
  std::string command;
  std::vector<std::string> args;   // raw: may hold secrets; memory only
  std::string cwd;
  std::vector<NamedValue> env;
  std::string env_file;
  std::vector<std::string> env_passthrough;  // names only (Codex env_vars, Goose env_keys)
  std::string url;                 // raw: may hold userinfo or a key in the query; memory only
  std::vector<NamedValue> headers;
  std::string headers_helper;      // Claude Code: a shell command that prints headers
  std::string bearer_token_env_var;
  bool has_oauth = false;
  std::vector<std::string> auto_approve;  // tool names, "*" for all
  bool trust = false;                     // Gemini "trust": skip every confirmation
  std::optional<int64_t> timeout_ms;
  std::vector<Interpolation> interpolations;
  SourcePos pos;  // of the server's key in the file
  // Secret-bearing values outside env/headers/args/url: memory only.
  std::vector<NamedValue> env_file_values;     // the envFile's KEY=VALUE lines
  std::string env_file_path;                   // the envFile as resolved, when it was read
  std::vector<NamedValue> oauth_secrets;       // oauth.clientSecret, auth.CLIENT_SECRET
  std::vector<NamedValue> extension_settings;  // Claude Desktop extension user_config values
  std::string extension_settings_path;         // the file they came from
  std::vector<Credential> credentials;         // filled by classify
  std::optional<Artifact> artifact;            // what runs, for stdio servers (filled by pinning)
  std::optional<Surface> surface;              // what it serves (filled by probe, opt-in)
  // Launched through 'mcpguard exec' (hooks install): command and args above
  // are the inner launch, not the wrapper (inventory/wrapper.h).
  bool wrapped = false;

  // Display copies with credential-looking values masked (classify/redact.h).
  std::string redacted_command;
  std::vector<std::string> redacted_args;
  std::string redacted_url;
};

void to_json(nlohmann::json& j, const Server& s);

}  // namespace mcpguard::model

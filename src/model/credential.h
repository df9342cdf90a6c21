// A credential a server holds: where it is, what it is, what it can do, and
// its keyed fingerprint. Never the value.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "model/server_pos.h"
#include "model/severity.h"

namespace mcpguard::model {

struct Credential {
  // Where the server gets it: "env.GITHUB_TOKEN", "headers.Authorization",
  // "args[3]", "url", "env_file.STRIPE_KEY", "oauth.client_secret",
  // "extension_settings.api_key", "env_passthrough.GITHUB_TOKEN".
  std::string location;
  std::string file;  // the file it is in, when not the config itself (an envFile, extension settings)
  SourcePos pos;     // in `file`, else in the config
  // "plaintext" (in the config file), "env-file" (in the server's envFile),
  // "extension-settings", or a reference resolved elsewhere: "environment",
  // "input" (VS Code secret storage), "keychain" (Goose env_keys), "file".
  std::string storage;
  std::string reference;     // the reference as written ("${env:GH_TOKEN}"), for references
  bool reference_set = false;  // environment references: set in mcpguard's own environment
  std::string rule;          // credential rule id; empty when unrecognised (an unset reference)
  std::string provider;      // "GitHub"
  std::string kind;          // "classic personal access token"
  std::string scope;         // what it can do, as far as is known offline
  std::string blast_radius;  // read-only | write | admin | money-moving | messaging-as-user | infra | code-publish | unknown
  Severity severity = Severity::kInfo;
  bool live = true;
  std::string fingerprint;   // "fp:0123456789abcdef" when the value is known
  std::map<std::string, std::string> facts;  // decoded offline: aws_account, jwt_exp, ...
};

void to_json(nlohmann::json& j, const Credential& c);

}  // namespace mcpguard::model

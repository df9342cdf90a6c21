// Finding the credentials a server holds, in every place a config can carry
// one (threats.md §1.0): env values, the envFile, headers, args (flags,
// "--x=y", docker "-e NAME=value", positional connection strings), the URL
// (userinfo, query), OAuth client secrets, Claude Desktop extension
// settings, and the references that point elsewhere (${env:X}, ${input:x},
// Goose env_keys, Codex env_vars and bearer_token_env_var). A reference to an
// environment variable that is set in mcpguard's own environment is
// classified from that value, which is never stored.
#pragma once

#include <cstdint>

#include "base/environment.h"
#include "crypto/fingerprint.h"
#include "model/server.h"
#include "rules/credentials.h"

namespace mcpguard::classify {

struct ClassifyContext {
  const rules::CredentialRules* rules = nullptr;
  const crypto::FingerprintKey* key = nullptr;
  const Environment* env = nullptr;  // where ${env:X} references resolve; nullptr: nowhere
  int64_t now_unix = 0;
};

// Replaces server.credentials with what is found now.
void ClassifyServer(model::Server& server, const ClassifyContext& ctx);

}  // namespace mcpguard::classify

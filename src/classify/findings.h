// Credential findings over a whole inventory (stable ids, MCPG-CRED-*):
//   001 plaintext-secret           a secret written in a config (or its envFile, extension settings)
//   002 secret-in-args             a secret on the command line: every local user sees it in ps
//   003 config-readable-by-others  a config holding secrets that group or others can read
//   004 config-tracked-by-git      a project config holding secrets that git tracks
//   005 shared-credential          one secret (by fingerprint) given to several servers
//   006 credential-to-foreign-server  a provider's credential given to a server that is not that provider's
//   007 expired-credential         a token whose expiry (JWT exp) has passed
//   008 long-lived-privileged      a high-privilege credential that never expires
// Pure: reads the model only (file mode and git state are filled in by the caller).
#pragma once

#include <vector>

#include "model/snapshot.h"
#include "rules/credentials.h"

namespace mcpguard::classify {

std::vector<model::Finding> CredentialFindings(const std::vector<model::ConfigFile>& configs,
                                               const rules::CredentialRules& rules);

// Sorts findings most severe first, then by config, line and id.
void SortFindings(std::vector<model::Finding>& findings);

}  // namespace mcpguard::classify

// A finding: one thing a person should look at, with a stable id, where it
// is, why it matters and what to do. Evidence is redacted by construction:
// findings are built from Credential values, which hold no secret.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "model/server_pos.h"
#include "model/severity.h"

namespace mcpguard::model {

struct Finding {
  std::string id;        // stable rule id: "MCPG-CRED-001"
  std::string name;      // short rule name: "plaintext-secret"
  Severity severity = Severity::kMedium;
  std::string host;
  std::string config_path;
  SourcePos pos;
  std::string server;    // empty for findings about a whole config
  std::string message;   // one line, lower case start allowed, no secret
  std::string evidence;  // provider, kind, location, fingerprint
  std::string remediation;
  std::vector<std::string> references;  // OWASP MCP Top 10 etc.
};

void to_json(nlohmann::json& j, const Finding& f);

}  // namespace mcpguard::model

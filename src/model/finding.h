// A finding: one thing a person should look at, with a stable id, where it
// is, why it matters and what to do. Evidence is redacted by construction:
// findings are built from Credential values, which hold no secret.
#pragma once

#include <string>
#include <utility>
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

// Where a finding is: the config file, and the server in it (empty for a
// whole config).
struct FindingSite {
  std::string host;
  std::string config_path;
  SourcePos pos;
  std::string server;
};

// A finding of rule `id` (`name`) at `site`, with the rule's remediation and
// references; the caller adds the message and evidence.
inline Finding MakeFinding(std::string id, std::string name, Severity severity, FindingSite site,
                           std::string remediation = {}, std::vector<std::string> references = {}) {
  Finding f;
  f.id = std::move(id);
  f.name = std::move(name);
  f.severity = severity;
  f.host = std::move(site.host);
  f.config_path = std::move(site.config_path);
  f.pos = site.pos;
  f.server = std::move(site.server);
  f.remediation = std::move(remediation);
  f.references = std::move(references);
  return f;
}

void to_json(nlohmann::json& j, const Finding& f);

}  // namespace mcpguard::model

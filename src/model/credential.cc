#include "model/credential.h"

#include <nlohmann/json.hpp>

#include "model/finding.h"

namespace mcpguard::model {

void to_json(nlohmann::json& j, const Credential& c) {
  j = nlohmann::json::object();
  j["location"] = c.location;
  if (!c.file.empty()) j["file"] = c.file;
  j["line"] = c.pos.line;
  j["column"] = c.pos.col;
  j["storage"] = c.storage;
  if (!c.reference.empty()) {
    j["reference"] = c.reference;
    if (c.storage == "environment") j["reference_set"] = c.reference_set;
  }
  if (!c.rule.empty()) {
    j["rule"] = c.rule;
    j["provider"] = c.provider;
    j["kind"] = c.kind;
    j["scope"] = c.scope;
    j["blast_radius"] = c.blast_radius;
    j["live"] = c.live;
  }
  j["severity"] = SeverityName(c.severity);
  if (!c.fingerprint.empty()) j["fingerprint"] = c.fingerprint;
  if (!c.facts.empty()) j["facts"] = c.facts;
}

void to_json(nlohmann::json& j, const Finding& f) {
  j = {{"id", f.id},
       {"name", f.name},
       {"severity", SeverityName(f.severity)},
       {"host", f.host},
       {"config_path", f.config_path},
       {"line", f.pos.line},
       {"column", f.pos.col},
       {"server", f.server},
       {"message", f.message},
       {"evidence", f.evidence},
       {"remediation", f.remediation},
       {"references", f.references}};
}

}  // namespace mcpguard::model

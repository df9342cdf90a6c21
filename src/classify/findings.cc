#include "classify/findings.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "base/text.h"

namespace mcpguard::classify {
namespace {

using model::ConfigFile;
using model::Credential;
using model::Finding;
using model::Server;
using model::Severity;

const char* const kOwaspSecrets = "OWASP MCP Top 10: MCP01 token mismanagement and secret exposure";

std::string Describe(const Credential& c) {
  std::string what = c.provider.empty() ? std::string("unrecognised secret") : c.provider + " " + c.kind;
  what += " in " + c.location;
  if (!c.fingerprint.empty()) what += " (" + c.fingerprint + ")";
  return what;
}

bool InConfig(const Credential& c) {
  return c.storage == "plaintext" || c.storage == "env-file" || c.storage == "extension-settings";
}

Finding Make(const ConfigFile& cf, const Server* s, model::SourcePos pos, std::string id, std::string name,
             Severity sev) {
  Finding f;
  f.id = std::move(id);
  f.name = std::move(name);
  f.severity = sev;
  f.host = cf.host;
  f.config_path = cf.path;
  f.pos = pos;
  if (s != nullptr) f.server = s->name;
  f.references = {kOwaspSecrets};
  return f;
}

// What a server is, for matching a provider's owners: its command, args
// (the package or image) and URL host, lower-cased.
std::string Identity(const Server& s) {
  std::string id = s.command;
  for (const std::string& a : s.args) id += " " + a;
  id += " " + s.url;
  return ToLower(id);
}

bool OwnedBy(const Server& s, const rules::CredentialRule& rule) {
  const std::string id = Identity(s);
  for (const std::string& owner : rule.owners) {
    if (id.find(ToLower(owner)) != std::string::npos) return true;
  }
  return false;
}

Severity Max(Severity a, Severity b) { return a > b ? a : b; }

// The file and position a finding about `c` points at.
Finding MakeFor(const ConfigFile& cf, const Server& s, const Credential& c, std::string id, std::string name,
                Severity sev) {
  Finding f = Make(cf, &s, c.pos, std::move(id), std::move(name), sev);
  if (!c.file.empty()) f.config_path = c.file;
  return f;
}

std::string Launch(const Server& s) {
  if (!s.redacted_url.empty() && s.redacted_command.empty()) return s.redacted_url;
  std::string out = s.redacted_command;
  for (const std::string& a : s.redacted_args) out += " " + a;
  return out;
}

void PerCredential(const ConfigFile& cf, const Server& s, const Credential& c, const rules::CredentialRules& rules,
                   std::vector<Finding>& out) {
  const rules::CredentialRule* rule = c.rule.empty() ? nullptr : rules.Find(c.rule);
  if (rule != nullptr && rule->public_by_design) return;
  if (InConfig(c)) {
    Finding f = MakeFor(cf, s, c, "MCPG-CRED-001", "plaintext-secret", Max(c.severity, Severity::kLow));
    f.message = "plaintext " + Describe(c);
    f.evidence = Describe(c) + (c.scope.empty() ? "" : "; " + c.scope);
    f.remediation = "move the secret out of the file: reference it (${env:NAME}, ${input:id} or the host's "
                    "secret store) and rotate it, since it has been on disk" +
                    std::string(rule != nullptr && !rule->remediation.empty() ? "; " + rule->remediation : "");
    out.push_back(std::move(f));
  }
  if (StartsWith(c.location, "args[") && InConfig(c)) {
    Finding f = MakeFor(cf, s, c, "MCPG-CRED-002", "secret-in-args", c.live ? Severity::kHigh : Severity::kMedium);
    f.message = "secret on the command line of \"" + s.name + "\": every local user can read it with ps";
    f.evidence = Describe(c);
    f.remediation = "pass it in the server's env instead of its arguments";
    out.push_back(std::move(f));
  }
  if (rule != nullptr && !rule->owners.empty() && !OwnedBy(s, *rule)) {
    Finding f = MakeFor(cf, s, c, "MCPG-CRED-006", "credential-to-foreign-server", Severity::kHigh);
    f.message = c.provider + " " + c.kind + " given to \"" + s.name +
                "\", which is not a " + c.provider + " server: a possible exfiltration path";
    f.evidence = Describe(c) + "; server runs " + Launch(s);
    f.remediation = "check that this server needs the credential; give it a token scoped to what it does, or "
                    "remove it";
    out.push_back(std::move(f));
  }
  if (auto it = c.facts.find("jwt_expired"); it != c.facts.end() && it->second == "true") {
    Finding f = MakeFor(cf, s, c, "MCPG-CRED-007", "expired-credential", Severity::kLow);
    f.message = "expired " + Describe(c);
    auto exp = c.facts.find("jwt_exp");
    f.evidence = Describe(c) + (exp != c.facts.end() ? "; expired " + exp->second : "");
    f.remediation = "remove the stale token, or replace it with a current one kept outside the file";
    out.push_back(std::move(f));
  }
  if (rule != nullptr && rule->long_lived && c.severity >= Severity::kHigh && c.live) {
    Finding f = MakeFor(cf, s, c, "MCPG-CRED-008", "long-lived-privileged", Severity::kMedium);
    f.message = "never-expiring high-privilege " + Describe(c);
    f.evidence = Describe(c) + (c.scope.empty() ? "" : "; " + c.scope);
    f.remediation = "replace it with a narrower credential that expires (a fine-grained or short-lived token)";
    out.push_back(std::move(f));
  }
}

void PerConfig(const ConfigFile& cf, std::vector<Finding>& out) {
  size_t secrets = 0;
  for (const Server& s : cf.servers) {
    for (const Credential& c : s.credentials) if (c.storage == "plaintext" && !c.rule.empty()) ++secrets;
  }
  if (secrets == 0) return;
  if ((cf.mode & 044) != 0) {
    const bool others = (cf.mode & 004) != 0;
    Finding f = Make(cf, nullptr, {}, "MCPG-CRED-003", "config-readable-by-others",
                     others ? Severity::kHigh : Severity::kMedium);
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", cf.mode & 07777);
    f.message = std::string("config holding ") + std::to_string(secrets) + " secret(s) is readable by " +
                (others ? "every user" : "its group") + " (mode " + mode + ")";
    f.evidence = "mode " + std::string(mode);
    f.remediation = "chmod 600 " + cf.path;
    out.push_back(std::move(f));
  }
  if (cf.git_tracked) {
    Finding f = Make(cf, nullptr, {}, "MCPG-CRED-004", "config-tracked-by-git", Severity::kCritical);
    f.message = "config holding " + std::to_string(secrets) + " secret(s) is tracked by git: they are in the "
                "repository's history";
    f.evidence = "tracked in the repository at " + cf.project;
    f.remediation = "rotate the secrets, reference them instead, and remove them from the history";
    out.push_back(std::move(f));
  }
}

// One fingerprint on several servers: rotating it, or a leak through one of
// them, affects them all.
void Shared(const std::vector<ConfigFile>& configs, std::vector<Finding>& out) {
  struct Use {
    const ConfigFile* cf;
    const Server* s;
    const Credential* c;
  };
  std::map<std::string, std::vector<Use>> by_fp;
  for (const ConfigFile& cf : configs) {
    for (const Server& s : cf.servers) {
      std::set<std::string> seen;  // one server using it twice counts once
      for (const Credential& c : s.credentials) {
        if (!c.fingerprint.empty() && seen.insert(c.fingerprint).second) by_fp[c.fingerprint].push_back({&cf, &s, &c});
      }
    }
  }
  for (const auto& [fp, uses] : by_fp) {
    if (uses.size() < 2) continue;
    const Use& first = uses.front();
    Finding f = Make(*first.cf, first.s, first.c->pos, "MCPG-CRED-005", "shared-credential", Severity::kMedium);
    std::vector<std::string> names;
    for (const Use& u : uses) names.push_back(u.cf->host + "/" + u.s->name);
    f.message = "one credential (" + fp + ") is given to " + std::to_string(uses.size()) + " servers: " +
                Join(names, ", ");
    f.evidence = Describe(*first.c);
    f.remediation = "give each server its own credential, scoped to what it does";
    out.push_back(std::move(f));
  }
}

}  // namespace

std::vector<Finding> CredentialFindings(const std::vector<ConfigFile>& configs, const rules::CredentialRules& rules) {
  std::vector<Finding> out;
  for (const ConfigFile& cf : configs) {
    for (const Server& s : cf.servers) {
      for (const Credential& c : s.credentials) PerCredential(cf, s, c, rules, out);
    }
    PerConfig(cf, out);
  }
  Shared(configs, out);
  SortFindings(out);
  return out;
}

void SortFindings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    if (a.config_path != b.config_path) return a.config_path < b.config_path;
    if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
    return a.id < b.id;
  });
}

}  // namespace mcpguard::classify

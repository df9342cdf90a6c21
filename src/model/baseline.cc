#include "model/baseline.h"

#include <algorithm>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mcpguard::model {

std::string ApprovedServer::Key() const {
  std::string key = host + "/" + scope + "/";
  if (!project.empty()) key += project + "/";
  return key + name;
}

namespace {

// Whether `key` is s.Key(), without building it: verify looks up every
// configured server, and building each candidate's key made that quadratic
// in allocations.
bool HasKey(const ApprovedServer& s, std::string_view key) {
  auto eat = [&key](std::string_view part, bool slash) {
    if (key.substr(0, part.size()) != part) return false;
    key.remove_prefix(part.size());
    if (!slash) return true;
    if (key.empty() || key.front() != '/') return false;
    key.remove_prefix(1);
    return true;
  };
  return eat(s.host, true) && eat(s.scope, true) && (s.project.empty() || eat(s.project, true)) && eat(s.name, false) &&
         key.empty();
}

}  // namespace

const ApprovedServer* Baseline::Find(const std::string& key) const {
  for (const ApprovedServer& s : servers) {
    if (HasKey(s, key)) return &s;
  }
  return nullptr;
}

namespace {

template <class T>
void Get(const nlohmann::json& j, const char* key, T& out) {
  if (auto it = j.find(key); it != j.end() && !it->is_null()) it->get_to(out);
}

}  // namespace

void to_json(nlohmann::json& j, const ArtifactPin& a) {
  j = {{"kind", a.kind},
       {"name", a.name},
       {"version", a.version},
       {"pin", a.pin},
       {"pinned", a.pinned},
       {"digest", a.digest},
       {"remote_url", a.remote_url},
       {"installed_version", a.installed_version},
       {"integrity", a.integrity},
       {"sha256", a.sha256},
       {"tree_sha256", a.tree_sha256}};
}

void from_json(const nlohmann::json& j, ArtifactPin& a) {
  Get(j, "kind", a.kind);
  Get(j, "name", a.name);
  Get(j, "version", a.version);
  Get(j, "pin", a.pin);
  Get(j, "pinned", a.pinned);
  Get(j, "digest", a.digest);
  Get(j, "remote_url", a.remote_url);
  Get(j, "installed_version", a.installed_version);
  Get(j, "integrity", a.integrity);
  Get(j, "sha256", a.sha256);
  Get(j, "tree_sha256", a.tree_sha256);
}

namespace {

nlohmann::json LaunchSpec(const ApprovedServer& s) {
  return {{"transport", s.transport}, {"command", s.command}, {"args", s.args},
          {"cwd", s.cwd},             {"env", s.env},         {"url", s.url},
          {"headers", s.headers},     {"enabled", s.enabled ? nlohmann::json(*s.enabled) : nlohmann::json(nullptr)}};
}

}  // namespace

std::string CanonicalLaunchSpec(const ApprovedServer& s) {
  // nlohmann's object is a std::map: keys come out sorted, and dump() with no
  // indent has no insignificant whitespace.
  return LaunchSpec(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void to_json(nlohmann::json& j, const ApprovedServer& s) {
  j = LaunchSpec(s);
  j["host"] = s.host;
  j["scope"] = s.scope;
  j["name"] = s.name;
  j["project"] = s.project;
  j["config_digest"] = s.config_digest;
  j["artifact"] = s.artifact ? nlohmann::json(*s.artifact) : nlohmann::json(nullptr);
  j["credentials"] = s.credentials;
  if (!s.credential_sources.empty()) j["credential_sources"] = s.credential_sources;
  if (!s.auto_approve.empty()) j["auto_approve"] = s.auto_approve;
  if (s.trust) j["trust"] = true;
  if (s.surface) j["surface"] = *s.surface;
  j["approved_at"] = s.approved_at;
  j["approved_by"] = s.approved_by;
}

void from_json(const nlohmann::json& j, ApprovedServer& s) {
  Get(j, "host", s.host);
  Get(j, "scope", s.scope);
  Get(j, "name", s.name);
  Get(j, "project", s.project);
  Get(j, "transport", s.transport);
  Get(j, "command", s.command);
  Get(j, "args", s.args);
  Get(j, "cwd", s.cwd);
  Get(j, "env", s.env);
  Get(j, "url", s.url);
  Get(j, "headers", s.headers);
  if (auto it = j.find("enabled"); it != j.end() && it->is_boolean()) s.enabled = it->get<bool>();
  Get(j, "config_digest", s.config_digest);
  if (auto it = j.find("artifact"); it != j.end() && it->is_object()) s.artifact = it->get<ArtifactPin>();
  Get(j, "credentials", s.credentials);
  Get(j, "credential_sources", s.credential_sources);
  Get(j, "auto_approve", s.auto_approve);
  Get(j, "trust", s.trust);
  if (auto it = j.find("surface"); it != j.end() && it->is_object()) s.surface = it->get<Surface>();
  Get(j, "approved_at", s.approved_at);
  Get(j, "approved_by", s.approved_by);
}

void to_json(nlohmann::json& j, const Baseline& b) {
  j = {{"schema", kBaselineSchema}, {"updated_at", b.updated_at}, {"servers", b.servers}};
}

void from_json(const nlohmann::json& j, Baseline& b) {
  Get(j, "updated_at", b.updated_at);
  Get(j, "servers", b.servers);
}

}  // namespace mcpguard::model

#include "model/server.h"

#include <nlohmann/json.hpp>

namespace mcpguard::model {

std::string_view ScopeName(Scope scope) {
  switch (scope) {
    case Scope::kUser: return "user";
    case Scope::kProject: return "project";
    case Scope::kLocal: return "local";
    case Scope::kManaged: return "managed";
    case Scope::kPlugin: return "plugin";
    case Scope::kExtension: return "extension";
  }
  return "user";
}

std::optional<Scope> ParseScope(std::string_view name) {
  for (Scope s : {Scope::kUser, Scope::kProject, Scope::kLocal, Scope::kManaged, Scope::kPlugin, Scope::kExtension}) {
    if (ScopeName(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view TransportName(Transport transport) {
  switch (transport) {
    case Transport::kStdio: return "stdio";
    case Transport::kHttp: return "http";
    case Transport::kSse: return "sse";
    case Transport::kWs: return "ws";
    case Transport::kTcp: return "tcp";
    case Transport::kBuiltin: return "builtin";
    case Transport::kUnknown: return "unknown";
  }
  return "unknown";
}

namespace {

nlohmann::json Position(SourcePos pos) { return {{"line", pos.line}, {"column", pos.col}}; }

// Names, where each value came from, and never the value itself.
nlohmann::json NamesOnly(const std::vector<NamedValue>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (const NamedValue& v : values) {
    nlohmann::json e = {{"name", v.name}, {"line", v.pos.line}, {"column", v.pos.col}};
    if (!v.reference.empty()) e["reference"] = v.reference;
    else e["value"] = v.value.empty() ? "empty" : "literal";
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

void to_json(nlohmann::json& j, const Interpolation& i) {
  j = {{"syntax", i.syntax}, {"kind", i.kind}, {"name", i.name}, {"field", i.field}};
}

void to_json(nlohmann::json& j, const Server& s) {
  j = nlohmann::json::object();
  j["name"] = s.name;
  j["host"] = s.host;
  j["scope"] = ScopeName(s.scope);
  j["config_path"] = s.config_path;
  if (!s.project.empty()) j["project"] = s.project;
  j["transport"] = TransportName(s.transport);
  if (!s.transport_declared.empty()) j["transport_declared"] = s.transport_declared;
  j["enabled"] = s.enabled ? nlohmann::json(*s.enabled) : nlohmann::json(nullptr);
  if (!s.redacted_command.empty()) j["command"] = s.redacted_command;
  if (!s.redacted_args.empty()) j["args"] = s.redacted_args;
  if (!s.cwd.empty()) j["cwd"] = s.cwd;
  if (!s.env.empty()) j["env"] = NamesOnly(s.env);
  if (!s.env_file.empty()) j["env_file"] = s.env_file;
  if (!s.env_passthrough.empty()) j["env_passthrough"] = s.env_passthrough;
  if (!s.redacted_url.empty()) j["url"] = s.redacted_url;
  if (!s.headers.empty()) j["headers"] = NamesOnly(s.headers);
  if (!s.headers_helper.empty()) j["headers_helper"] = true;
  if (!s.bearer_token_env_var.empty()) j["bearer_token_env_var"] = s.bearer_token_env_var;
  if (s.has_oauth) j["oauth"] = true;
  if (!s.auto_approve.empty()) j["auto_approve"] = s.auto_approve;
  if (s.trust) j["trust"] = true;
  if (s.timeout_ms) j["timeout_ms"] = *s.timeout_ms;
  if (!s.interpolations.empty()) j["interpolations"] = s.interpolations;
  j["credentials"] = s.credentials;
  if (s.artifact) j["artifact"] = *s.artifact;
  if (s.surface) j["surface"] = *s.surface;
  j["position"] = Position(s.pos);
}

}  // namespace mcpguard::model

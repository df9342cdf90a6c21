#include "model/snapshot.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

namespace mcpguard::model {

std::string_view SeverityName(Diagnostic::Severity severity) {
  switch (severity) {
    case Diagnostic::Severity::kError: return "error";
    case Diagnostic::Severity::kWarning: return "warning";
    case Diagnostic::Severity::kNote: return "note";
  }
  return "error";
}

std::string Diagnostic::ToString() const {
  std::string out = path;
  if (!path.empty()) {
    out += ":" + std::to_string(pos.line ? pos.line : 1) + ":" + std::to_string(pos.col ? pos.col : 1) + ": ";
  }
  return out + std::string(SeverityName(severity)) + ": " + message;
}

bool Snapshot::Partial() const {
  for (const ConfigFile& c : configs) {
    if (!c.readable) return true;
    for (const Server& s : c.servers) {
      if (s.surface && !s.surface->Ok()) return true;  // a probe that failed
    }
    for (const Diagnostic& d : c.diagnostics) {
      if (d.severity == Diagnostic::Severity::kError) return true;
    }
  }
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Diagnostic::Severity::kError) return true;
  }
  return false;
}

size_t Snapshot::ServerCount() const {
  size_t n = 0;
  for (const ConfigFile& c : configs) n += c.servers.size();
  return n;
}

std::optional<Severity> Snapshot::WorstFinding() const {
  std::optional<Severity> worst;
  for (const Finding& f : findings) {
    if (!worst || f.severity > *worst) worst = f.severity;
  }
  return worst;
}

void to_json(nlohmann::json& j, const Diagnostic& d) {
  j = {{"severity", SeverityName(d.severity)},
       {"path", d.path},
       {"line", d.pos.line},
       {"column", d.pos.col},
       {"message", d.message}};
}

void to_json(nlohmann::json& j, const ConfigFile& c) {
  j = nlohmann::json::object();
  j["path"] = c.path;
  j["host"] = c.host;
  j["host_name"] = c.host_name;
  if (!c.also_read_by.empty()) j["also_read_by"] = c.also_read_by;
  j["scope"] = ScopeName(c.scope);
  if (!c.project.empty()) j["project"] = c.project;
  j["format"] = c.format;
  j["servers_key"] = c.servers_key.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.servers_key);
  j["found_by"] = c.found_by;
  if (!c.settings_path.empty()) j["settings_path"] = c.settings_path;
  j["status"] = !c.readable ? "unreadable" : "ok";
  j["diagnostics"] = c.diagnostics;
  j["servers"] = c.servers;
}

void to_json(nlohmann::json& j, const Snapshot& s) {
  std::set<std::string> hosts;
  for (const ConfigFile& c : s.configs) hosts.insert(c.host);
  size_t unreadable = 0;
  for (const ConfigFile& c : s.configs) unreadable += c.readable ? 0 : 1;
  j = nlohmann::json::object();
  j["schema"] = kSnapshotSchema;
  j["tool"] = {{"name", "mcpguard"}, {"version", s.tool_version}};
  j["generated_at"] = s.generated_at;
  j["os"] = s.os;
  j["homes"] = s.homes;
  j["status"] = s.Partial() ? "partial" : "complete";
  size_t credentials = 0;
  for (const ConfigFile& c : s.configs) {
    for (const Server& srv : c.servers) credentials += srv.credentials.size();
  }
  nlohmann::json by_severity = nlohmann::json::object();
  for (Severity sev : {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow, Severity::kInfo}) {
    by_severity[std::string(SeverityName(sev))] =
        std::count_if(s.findings.begin(), s.findings.end(), [&](const Finding& f) { return f.severity == sev; });
  }
  j["summary"] = {{"hosts", hosts.size()},
                  {"configs", s.configs.size()},
                  {"servers", s.ServerCount()},
                  {"credentials", credentials},
                  {"unreadable_configs", unreadable},
                  {"findings", by_severity}};
  j["stats"] = {{"files_hashed", s.files_hashed}, {"files_from_cache", s.files_from_cache}};
  j["configs"] = s.configs;
  j["findings"] = s.findings;
  j["diagnostics"] = s.diagnostics;
}

}  // namespace mcpguard::model

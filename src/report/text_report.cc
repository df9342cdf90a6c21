#include "report/text_report.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "base/path.h"
#include "base/term.h"
#include "base/text.h"

namespace mcpguard::report {
namespace {

using model::Diagnostic;

std::string Pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string Launch(const model::Server& s) {
  if (!s.redacted_url.empty() && s.redacted_command.empty()) return s.redacted_url;
  std::string out = ShellQuote(s.redacted_command);
  for (const std::string& a : s.redacted_args) out += " " + ShellQuote(a);
  if (s.redacted_command.empty() && s.redacted_args.empty()) out = "(no command)";
  return out;
}

std::string Names(const std::vector<model::NamedValue>& values) {
  std::vector<std::string> parts;
  for (const model::NamedValue& v : values) {
    parts.push_back(v.reference.empty() ? v.name : v.name + "=" + v.reference);
  }
  return Join(parts, ", ");
}

std::string DiagLine(const Diagnostic& d, const std::string& home, const Style& style) {
  std::string where;
  if (!d.path.empty()) {
    where = AbbreviateHome(d.path, home) + ":" + std::to_string(d.pos.line ? d.pos.line : 1) + ":" +
            std::to_string(d.pos.col ? d.pos.col : 1) + ": ";
  }
  std::string sev(model::SeverityName(d.severity));
  if (d.severity == Diagnostic::Severity::kError) sev = style.Red(sev);
  else if (d.severity == Diagnostic::Severity::kWarning) sev = style.Yellow(sev);
  return where + sev + ": " + d.message;
}

// "GitHub classic personal access token, env.GITHUB_TOKEN, plaintext, fp:..."
std::string CredentialLine(const model::Credential& c) {
  std::string out;
  if (!c.provider.empty()) out = c.provider + " " + c.kind + ", ";
  else if (c.reference.empty() || c.reference_set) out = "unrecognised secret, ";
  out += c.location;
  if (!c.reference.empty()) {
    out += " from " + c.reference + " (" + c.storage;
    if (c.storage == "environment") out += c.reference_set ? ", set" : ", not set";
    out += ")";
  } else {
    out += ", " + c.storage;
  }
  if (!c.fingerprint.empty()) out += ", " + c.fingerprint;
  if (auto it = c.facts.find("aws_account"); it != c.facts.end()) out += ", account " + it->second;
  if (auto it = c.facts.find("jwt_exp"); it != c.facts.end()) {
    out += (c.facts.count("jwt_expired") && c.facts.at("jwt_expired") == "true" ? ", expired " : ", expires ") +
           it->second;
  }
  if (!c.scope.empty()) out += ": " + c.scope;
  return out;
}

// "npm @modelcontextprotocol/server-github (unpinned), installed 2025.4.8, tree sha256 0123456789ab..."
std::string ArtifactLine(const model::Artifact& a) {
  std::string out = a.kind;
  if (!a.name.empty()) out += " " + a.name;
  else if (!a.spec.empty()) out += " " + a.spec;
  if (!a.version.empty()) out += "@" + a.version;
  if (a.kind != "binary" && a.kind != "script" && a.kind != "jar" && a.kind != "remote") {
    out += a.pinned ? " (pinned)" : " (unpinned: " + a.pin + ")";
  }
  if (!a.remote_url.empty()) out += " -> " + a.remote_url;
  if (!a.installed_version.empty()) out += ", installed " + a.installed_version;
  if (!a.sha256.empty()) out += ", sha256 " + a.sha256.substr(0, 16);
  if (!a.tree_sha256.empty()) out += ", tree sha256 " + a.tree_sha256.substr(0, 16);
  if (!a.resolution.empty() && a.resolution != "resolved") out += " [" + a.resolution + "]";
  return out;
}

// "tools: 12, prompts: 3, resources: 7, digest sha256:0123456789ab..." or why
// the probe failed.
std::string SurfaceLine(const model::Surface& surface, const Style& style) {
  size_t tools = 0, prompts = 0, resources = 0;
  for (const model::SurfaceItem& i : surface.items) {
    if (i.kind == "tool") ++tools;
    else if (i.kind == "prompt") ++prompts;
    else if (i.kind == "resource" || i.kind == "resource_template") ++resources;
  }
  if (!surface.Ok()) return style.Red("probe failed: " + surface.error);
  return "tools: " + std::to_string(tools) + ", prompts: " + std::to_string(prompts) +
         ", resources: " + std::to_string(resources) + ", digest sha256:" + surface.digest.substr(0, 16) + "...";
}

std::string SeverityLabel(model::Severity sev, const Style& style) {
  std::string label = ToUpper(std::string(model::SeverityName(sev)));
  label.append(8 - std::min<size_t>(label.size(), 8), ' ');
  if (sev >= model::Severity::kHigh) return style.Red(label);
  if (sev == model::Severity::kMedium) return style.Yellow(label);
  return label;
}

void RenderServer(const model::Server& s, size_t name_width, const TextOptions& o, const Style& style,
                  std::string& out) {
  out += "    " + style.Bold(Pad(s.name, name_width)) + "  " + Pad(std::string(model::TransportName(s.transport)), 5) +
         "  " + Launch(s);
  if (s.enabled && !*s.enabled) out += "  " + style.Dim("(disabled)");
  out += "\n";
  const std::string indent(4 + name_width + 2 + 5 + 2, ' ');
  auto detail = [&](const std::string& label, const std::string& value) {
    if (!value.empty()) out += indent + style.Dim(label + ": ") + value + "\n";
  };
  if (!s.redacted_url.empty() && !s.redacted_command.empty()) detail("url", s.redacted_url);
  if (s.scope == model::Scope::kLocal || (!s.project.empty() && s.scope != model::Scope::kProject)) {
    detail("project", AbbreviateHome(s.project, o.home));
  }
  detail("env", Names(s.env));
  detail("env from", Join(s.env_passthrough, ", "));
  detail("env file", s.env_file);
  detail("headers", Names(s.headers));
  detail("bearer token from", s.bearer_token_env_var.empty() ? "" : "$" + s.bearer_token_env_var);
  if (!s.headers_helper.empty()) detail("headers from", "a helper command");
  detail("auto-approve", Join(s.auto_approve, ", "));
  if (s.trust) detail("trust", "every tool call runs without confirmation");
  for (const model::Credential& c : s.credentials) detail("credential", CredentialLine(c));
  if (s.artifact) detail("runs", ArtifactLine(*s.artifact));
  if (s.surface) detail("serves", SurfaceLine(*s.surface, style));
}

}  // namespace

std::string RenderText(const model::Snapshot& snap, const TextOptions& o) {
  const Style style(o.color);
  std::string out;
  std::string current_host;
  std::set<std::string> hosts;
  size_t unreadable = 0;
  for (const model::ConfigFile& c : snap.configs) {
    hosts.insert(c.host);
    if (c.host != current_host) {
      if (!current_host.empty()) out += "\n";
      out += style.Bold(style.Cyan(c.host_name)) + "\n";
      current_host = c.host;
    }
    std::string heading = "  " + AbbreviateHome(c.path, o.home) + "  " + style.Dim("(" + std::string(model::ScopeName(c.scope)));
    if (!c.also_read_by.empty()) heading += style.Dim(", also read by " + Join(c.also_read_by, ", "));
    heading += style.Dim(")");
    out += heading + "\n";
    size_t width = 4;
    for (const model::Server& s : c.servers) width = std::max(width, std::min<size_t>(s.name.size(), 28));
    for (const model::Server& s : c.servers) RenderServer(s, width, o, style, out);
    if (c.readable && c.servers.empty()) out += "    " + style.Dim("no servers") + "\n";
    if (!c.readable) ++unreadable;
    for (const Diagnostic& d : c.diagnostics) out += "    " + DiagLine(d, o.home, style) + "\n";
  }
  if (!snap.findings.empty()) {
    out += "\n" + style.Bold("Findings") + "\n";
    for (const model::Finding& f : snap.findings) {
      out += "  " + SeverityLabel(f.severity, style) + " " + f.id + "  " + AbbreviateHome(f.config_path, o.home);
      if (f.pos.line > 0) out += ":" + std::to_string(f.pos.line) + ":" + std::to_string(f.pos.col);
      out += "\n           " + (f.server.empty() ? std::string() : f.server + ": ") + f.message + "\n";
      out += "           " + style.Dim("fix: " + f.remediation) + "\n";
    }
  }
  if (!snap.diagnostics.empty()) {
    out += "\n";
    for (const Diagnostic& d : snap.diagnostics) out += DiagLine(d, o.home, style) + "\n";
  }
  if (!snap.configs.empty() || !snap.diagnostics.empty()) out += "\n";
  const size_t servers = snap.ServerCount();
  std::string summary = std::to_string(servers) + (servers == 1 ? " server" : " servers") + " in " +
                        std::to_string(snap.configs.size()) + (snap.configs.size() == 1 ? " config" : " configs") +
                        " of " + std::to_string(hosts.size()) + (hosts.size() == 1 ? " host" : " hosts");
  size_t credentials = 0;
  for (const model::ConfigFile& c : snap.configs) {
    for (const model::Server& s : c.servers) credentials += s.credentials.size();
  }
  if (credentials > 0) summary += ", " + std::to_string(credentials) + (credentials == 1 ? " credential" : " credentials");
  if (!snap.findings.empty()) {
    summary += "; " + std::to_string(snap.findings.size()) + (snap.findings.size() == 1 ? " finding" : " findings");
  }
  if (snap.configs.empty()) summary = "no MCP configuration found";
  if (unreadable > 0) {
    summary += "; " + std::to_string(unreadable) + (unreadable == 1 ? " config" : " configs") + " could not be read";
  }
  if (snap.Partial()) summary += style.Red(" (partial scan)");
  out += summary + "\n";
  return out;
}

std::string RenderJson(const model::Snapshot& snapshot) {
  return nlohmann::json(snapshot).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace mcpguard::report

#include "drift/approved_form.h"

#include <algorithm>
#include <string_view>

#include "classify/redact.h"

namespace mcpguard::drift {
namespace {

constexpr std::string_view kCredential = "<credential>";

bool HoldsCredential(const model::Server& s, const std::string& location) {
  return std::any_of(s.credentials.begin(), s.credentials.end(), [&](const model::Credential& c) {
    return c.location == location && c.reference.empty();
  });
}

std::map<std::string, std::string> Values(const model::Server& s, const std::vector<model::NamedValue>& values,
                                          const std::string& prefix, const std::string& home) {
  std::map<std::string, std::string> out;
  for (const model::NamedValue& v : values) {
    if (HoldsCredential(s, prefix + v.name)) out[v.name] = std::string(kCredential);
    else if (!v.reference.empty()) out[v.name] = v.reference;
    else out[v.name] = Portable(v.value.find("://") != std::string::npos ? classify::RedactUrl(v.value)
                                                                       : classify::RedactText(v.value),
                                home);
  }
  return out;
}

}  // namespace

std::string Portable(std::string s, const std::string& home) {
  if (home.empty() || home == "/") return s;
  for (size_t at = s.find(home); at != std::string::npos; at = s.find(home, at + 1)) {
    const size_t end = at + home.size();
    // Only a whole path: at the start, or after a separator such as the "="
    // of --dir=/home/u/x; never inside another path (/srv/mirror/home/u).
    const bool starts = at == 0 || std::string_view("=:,; '\"").find(s[at - 1]) != std::string_view::npos;
    if (starts && (end == s.size() || s[end] == '/')) s.replace(at, home.size(), "~");
  }
  return s;
}

model::ApprovedServer ApprovedForm(const model::Server& s, const std::string& home) {
  model::ApprovedServer a;
  a.host = s.host;
  a.scope = std::string(model::ScopeName(s.scope));
  a.name = s.name;
  a.project = Portable(s.project, home);
  a.transport = std::string(model::TransportName(s.transport));
  a.command = Portable(s.redacted_command, home);
  for (const std::string& arg : s.redacted_args) a.args.push_back(Portable(arg, home));
  a.cwd = Portable(s.cwd, home);
  a.env = Values(s, s.env, "env.", home);
  a.url = s.redacted_url;
  a.headers = Values(s, s.headers, "headers.", home);
  a.enabled = s.enabled;
  if (s.artifact) {
    const model::Artifact& x = *s.artifact;
    a.artifact = model::ArtifactPin{x.kind,      x.name,   x.version,           x.pin,
                                    x.pinned,    x.digest, x.remote_url,        x.installed_version,
                                    x.integrity, x.sha256, x.tree_sha256};
  }
  for (const model::Credential& c : s.credentials) {
    if (c.fingerprint.empty()) continue;
    a.credentials.push_back(c.fingerprint);
    a.credential_sources[c.location] = c.fingerprint;
  }
  std::sort(a.credentials.begin(), a.credentials.end());
  a.credentials.erase(std::unique(a.credentials.begin(), a.credentials.end()), a.credentials.end());
  a.auto_approve = s.auto_approve;
  std::sort(a.auto_approve.begin(), a.auto_approve.end());
  a.auto_approve.erase(std::unique(a.auto_approve.begin(), a.auto_approve.end()), a.auto_approve.end());
  a.trust = s.trust;
  if (s.surface && s.surface->Ok()) a.surface = *s.surface;
  return a;
}

}  // namespace mcpguard::drift

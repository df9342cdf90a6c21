#include "drift/compare.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include <nlohmann/json.hpp>

#include "base/text.h"
#include "drift/approved_form.h"
#include "drift/word_diff.h"
#include "pinning/checks.h"
#include "pinning/packages.h"

namespace mcpguard::drift {
namespace {

using model::ApprovedServer;
using model::Severity;

constexpr std::string_view kCredential = "<credential>";
const char* const kOwaspShadow = "OWASP MCP Top 10: MCP09 shadow MCP servers";
const char* const kOwaspSupplyChain = "OWASP MCP Top 10: MCP04 software supply chain attacks and dependency tampering";
const char* const kOwaspPoisoning = "OWASP MCP Top 10: MCP03 tool poisoning";
const char* const kOwaspSecrets = "OWASP MCP Top 10: MCP01 token mismanagement and secret exposure";
const char* const kOwaspPrivilege = "OWASP MCP Top 10: MCP02 privilege escalation via scope creep";
const char* const kOwaspAuth = "OWASP MCP Top 10: MCP07 insufficient authentication and authorization";

// ---- URLs ---------------------------------------------------------------------

struct Origin {
  std::string scheme;
  std::string host;
  std::string port;  // the default of the scheme when not written
  bool operator==(const Origin&) const = default;
  std::string ToString() const { return scheme + "://" + host + ":" + port; }
};

Origin OriginOf(std::string_view url) {
  Origin o;
  std::string_view v = Trim(url);
  if (const size_t s = v.find("://"); s != std::string_view::npos) {
    o.scheme = ToLower(v.substr(0, s));
    v.remove_prefix(s + 3);
  }
  v = v.substr(0, v.find_first_of("/?#"));
  if (const size_t at = v.rfind('@'); at != std::string_view::npos) v.remove_prefix(at + 1);
  std::string_view port;
  if (!v.empty() && v[0] == '[') {
    const size_t close = v.find(']');
    o.host = ToLower(v.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
    if (close != std::string_view::npos && close + 1 < v.size() && v[close + 1] == ':') port = v.substr(close + 2);
  } else {
    const size_t colon = v.rfind(':');
    o.host = ToLower(v.substr(0, colon));
    if (colon != std::string_view::npos) port = v.substr(colon + 1);
  }
  if (!o.host.empty() && o.host.back() == '.') o.host.pop_back();
  o.port = std::string(port);
  if (o.port.empty()) o.port = o.scheme == "http" || o.scheme == "ws" ? "80" : o.scheme == "https" || o.scheme == "wss" ? "443" : "";
  return o;
}

bool IsIpLiteral(std::string_view host) {
  if (host.find(':') != std::string_view::npos) return true;  // IPv6
  if (host.empty() || host.find_first_not_of("0123456789.") != std::string_view::npos) return false;
  return std::count(host.begin(), host.end(), '.') == 3;
}

// Where a changed URL now points, judged: the most telling class first.
struct UrlVerdict {
  Class cls = Class::kRemoteOrigin;
  std::vector<std::string> why;
};

UrlVerdict JudgeUrl(const Origin& was, const Origin& now, const rules::RedirectRules* rules) {
  UrlVerdict v;
  const bool tunnel = rules != nullptr && rules::RedirectRules::HostIn(now.host, rules->tunnel_hosts);
  const bool paste = rules != nullptr && rules::RedirectRules::HostIn(now.host, rules->paste_hosts);
  if (tunnel) v.why.push_back("tunnel host " + now.host);
  if (paste) v.why.push_back("paste host " + now.host);
  if (IsIpLiteral(now.host)) v.why.push_back("raw IP address " + now.host);
  if (now.scheme == "http" && was.scheme != "http") v.why.push_back("plain http");
  if (now.host != was.host && !tunnel && !paste && !IsIpLiteral(now.host)) v.why.push_back("host " + was.host + " -> " + now.host);
  if (now.port != was.port) v.why.push_back("port " + was.port + " -> " + now.port);
  if (now.scheme != was.scheme && now.scheme != "http") v.why.push_back("scheme " + was.scheme + " -> " + now.scheme);
  if (tunnel || paste) v.cls = Class::kRemoteTunnel;
  else if (IsIpLiteral(now.host)) v.cls = Class::kRemoteIp;
  else if (now.scheme == "http" && was.scheme != "http") v.cls = Class::kRemoteHttp;
  return v;
}

// ---- small helpers ---------------------------------------------------------------

std::string JoinArgs(const std::vector<std::string>& args) { return Join(args, " "); }

bool IsReferenceValue(std::string_view v) {
  return v == kCredential || StartsWith(v, "$") || StartsWith(v, "{env:") || StartsWith(v, "{file:");
}

std::string Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return Join(v, ", ");
}

std::string Unscoped(const std::string& name) {
  return StartsWith(name, "@") && name.find('/') != std::string::npos ? name.substr(name.find('/') + 1) : name;
}

std::string Ecosystem(const model::ArtifactPin& a) {
  if (a.kind == "npm" || a.kind == "pypi" || a.kind == "docker") return a.kind;
  if (a.kind == "remote") return "npm";
  return "";
}

// The launch identity a copy or rename keeps: what runs, not what it is called.
std::string Identity(const ApprovedServer& s) {
  if (s.command.empty() && s.url.empty()) return "";
  return s.transport + "\n" + s.command + "\n" + JoinArgs(s.args) + "\n" + s.url;
}

class Comparer {
 public:
  Comparer(const Options& o, std::vector<DriftItem>& out) : o_(o), out_(out) {}

  DriftItem& Add(Class cls, Severity sev, const ApprovedServer& key, const model::Server* at, std::string field,
                 std::string before, std::string after) {
    DriftItem d;
    d.cls = cls;
    d.severity = sev;
    d.key = key.Key();
    d.host = key.host;
    d.server = key.name;
    d.field = std::move(field);
    d.before = std::move(before);
    d.after = std::move(after);
    if (at != nullptr) {
      d.config_path = at->config_path;
      d.pos = at->pos;
    }
    out_.push_back(std::move(d));
    return out_.back();
  }

  // One approved server against its current form.
  void Compare(const ApprovedServer& was, const ApprovedServer& now, const model::Server& s) {
    std::set<std::string> covered;
    Redirects(was, now, s, covered);
    Launch(was, now, s, covered);
    if (!covered.count("artifact")) Artifacts(was, now, s);
    Surfaces(was, s);
    Credentials(was, now, s);
    Consent(was, now, s);
  }

 private:
  void Redirects(const ApprovedServer& was, const ApprovedServer& now, const model::Server& s,
                 std::set<std::string>& covered) {
    // The remote URL.
    if (was.url != now.url && !now.url.empty()) {
      if (was.url.empty()) {
        DriftItem& d = Add(Class::kRemoteOrigin, Severity::kCritical, was, &s, "url", was.command, now.url);
        d.detail = "a local command became a remote server";
        covered.insert("url");
        covered.insert("transport");
        covered.insert("command");
        covered.insert("args");
      } else if (const Origin a = OriginOf(was.url), b = OriginOf(now.url); !(a == b)) {
        const UrlVerdict v = JudgeUrl(a, b, o_.redirects);
        Add(v.cls, Severity::kCritical, was, &s, "url", was.url, now.url).detail = Join(v.why, "; ");
        covered.insert("url");
      }
    }
    const model::ArtifactPin* pa = was.artifact ? &*was.artifact : nullptr;
    const model::ArtifactPin* pb = now.artifact ? &*now.artifact : nullptr;
    // A bridge (mcp-remote and friends) retargeted.
    if (pa != nullptr && pb != nullptr && pa->kind == "remote" && pb->kind == "remote" &&
        pa->remote_url != pb->remote_url && !pb->remote_url.empty()) {
      const Origin a = OriginOf(pa->remote_url), b = OriginOf(pb->remote_url);
      if (!(a == b)) {
        const UrlVerdict v = JudgeUrl(a, b, o_.redirects);
        DriftItem& d = Add(Class::kBridge, Severity::kCritical, was, &s, "artifact.remote_url", pa->remote_url, pb->remote_url);
        d.detail = Join(v.why, "; ");
        covered.insert("args");
        covered.insert("artifact");
      }
    }
    // Another package under the approved name.
    if (pa != nullptr && pb != nullptr && !Ecosystem(*pa).empty() && !pb->name.empty() &&
        (pa->kind != pb->kind ||
         pinning::NormalizeName(Ecosystem(*pa), pa->name) != pinning::NormalizeName(Ecosystem(*pb), pb->name))) {
      std::string why;
      if (pa->kind != pb->kind) {
        why = "another ecosystem: " + pa->kind + " -> " + pb->kind;
      } else if (std::string r = pinning::LookalikeReason(Ecosystem(*pb), pb->name, pa->name); !r.empty()) {
        why = "looks like the approved package: " + r;
      } else if (Unscoped(pa->name) == Unscoped(pb->name)) {
        why = "swapped scope";
      } else {
        why = "another package";
      }
      DriftItem& d = Add(Class::kPackage, Severity::kCritical, was, &s, "artifact.name", pa->name, pb->name);
      d.detail = why;
      covered.insert("args");
      covered.insert("command");
      covered.insert("artifact");
    }
    // The command resolves to another file.
    if (!covered.count("command") && was.command != now.command && !now.command.empty()) {
      const bool paths = was.command.find('/') != std::string::npos || now.command.find('/') != std::string::npos;
      const bool temp = pinning::IsTempPath(now.command);
      if (paths || temp) {
        DriftItem& d = Add(Class::kCommandPath, Severity::kCritical, was, &s, "command", was.command, now.command);
        d.detail = temp ? "a temporary or download directory" : "another file";
        covered.insert("command");
        covered.insert("artifact");
      }
    }
    // A script or file argument moved into a temporary directory.
    if (!covered.count("args") && was.args != now.args) {
      for (const std::string& arg : now.args) {
        const bool had = std::find(was.args.begin(), was.args.end(), arg) != was.args.end();
        if (!had && pinning::IsTempPath(arg)) {
          DriftItem& d =
              Add(Class::kCommandPath, Severity::kCritical, was, &s, "args", JoinArgs(was.args), JoinArgs(now.args));
          d.word_diff = WordDiff(d.before, d.after);
          d.detail = "runs " + arg + " from a temporary or download directory";
          covered.insert("args");
          covered.insert("artifact");
          break;
        }
      }
    }
    EnvRedirects(was, now, s, covered);
  }

  void EnvRedirects(const ApprovedServer& was, const ApprovedServer& now, const model::Server& s,
                    std::set<std::string>& covered) {
    if (o_.redirects == nullptr) return;
    const rules::RedirectRules& r = *o_.redirects;
    for (const auto& [name, value] : now.env) {
      const auto old = was.env.find(name);
      const bool added = old == was.env.end();
      if (!added && old->second == value) continue;
      if (IsReferenceValue(value)) continue;  // where it points is not known here
      const std::string field = "env." + name;
      const std::string before = added ? std::string() : old->second;
      const std::string host = pinning::HostOfUrl(value);
      if (r.IsProxyEnv(name)) {
        if (host.empty() || pinning::IsLoopbackHost(host)) continue;
        Add(Class::kProxyEnv, Severity::kCritical, was, &s, field, before, value).detail =
            "traffic through a proxy at " + host;
      } else if (r.IsCaEnv(name)) {
        Add(Class::kProxyEnv, Severity::kCritical, was, &s, field, before, value).detail =
            "another certificate authority (or no certificate check): TLS can be read";
      } else if (const rules::VendorEnv* v = r.Vendor(name); v != nullptr && !host.empty()) {
        if (!v->hosts.empty()) {
          if (rules::RedirectRules::HostIn(host, v->hosts)) continue;
          Add(Class::kEndpointEnv, Severity::kCritical, was, &s, field, before, value).detail =
              "off the vendor: " + host + " is not " + Join(v->hosts, " or ");
        } else {
          const std::string old_host = added ? std::string() : pinning::HostOfUrl(before);
          if (added || old_host == host) continue;
          Add(Class::kEndpointEnv, Severity::kCritical, was, &s, field, before, value).detail =
              "endpoint host " + old_host + " -> " + host;
        }
      } else {
        continue;
      }
      covered.insert(field);
    }
  }

  void Launch(const ApprovedServer& was, const ApprovedServer& now, const model::Server& s,
              const std::set<std::string>& covered) {
    auto text = [&](const char* field, const std::string& a, const std::string& b, Severity sev) {
      if (a == b || covered.count(field)) return;
      DriftItem& d = Add(Class::kLaunch, sev, was, &s, field, a, b);
      d.word_diff = WordDiff(a, b);
    };
    text("transport", was.transport, now.transport, Severity::kHigh);
    text("command", was.command, now.command, Severity::kHigh);
    text("args", JoinArgs(was.args), JoinArgs(now.args), Severity::kHigh);
    text("cwd", was.cwd, now.cwd, Severity::kHigh);
    text("url", was.url, now.url, Severity::kHigh);
    auto values = [&](const char* prefix, const std::map<std::string, std::string>& a,
                      const std::map<std::string, std::string>& b) {
      std::set<std::string> names;
      for (const auto& [k, v] : a) names.insert(k);
      for (const auto& [k, v] : b) names.insert(k);
      for (const std::string& n : names) {
        const std::string field = std::string(prefix) + n;
        const auto x = a.find(n), y = b.find(n);
        if (covered.count(field)) continue;
        if (x == a.end()) {
          Add(Class::kLaunch, Severity::kMedium, was, &s, field, "", y->second).detail = "added";
        } else if (y == b.end()) {
          Add(Class::kLaunch, Severity::kLow, was, &s, field, x->second, "").detail = "removed";
        } else if (x->second != y->second) {
          // A credential's value changing is the credential rules' business.
          if (x->second == kCredential && y->second == kCredential) continue;
          Add(Class::kLaunch, Severity::kMedium, was, &s, field, x->second, y->second).detail = "value changed";
        }
      }
    };
    values("env.", was.env, now.env);
    values("headers.", was.headers, now.headers);
  }

  void Artifacts(const ApprovedServer& was, const ApprovedServer& now, const model::Server& s) {
    if (!was.artifact && !now.artifact) return;
    if (!was.artifact || !now.artifact) {
      Add(Class::kArtifact, Severity::kMedium, was, &s, "artifact", was.artifact ? was.artifact->kind : "",
          now.artifact ? now.artifact->kind : "");
      return;
    }
    const model::ArtifactPin& a = *was.artifact;
    const model::ArtifactPin& b = *now.artifact;
    const bool version_moved = a.version != b.version || a.installed_version != b.installed_version;
    auto field = [&](const char* name, const std::string& x, const std::string& y, Severity sev, const char* detail) {
      if (x == y) return;
      Add(Class::kArtifact, sev, was, &s, name, x, y).detail = detail;
    };
    field("artifact.version", a.version, b.version, Severity::kMedium, "another version requested");
    field("artifact.installed_version", a.installed_version, b.installed_version, Severity::kMedium,
          "another version installed");
    // The same version with other bytes is tampering or a republished
    // release; with a new version it is the upgrade itself.
    const Severity content = version_moved ? Severity::kMedium : Severity::kHigh;
    const char* why = version_moved ? "the new version's content" : "other content under the approved version";
    field("artifact.digest", a.digest, b.digest, content, why);
    field("artifact.integrity", a.integrity, b.integrity, content, why);
    field("artifact.sha256", a.sha256, b.sha256, content, why);
    field("artifact.tree_sha256", a.tree_sha256, b.tree_sha256, content, why);
    if (a.remote_url != b.remote_url && OriginOf(a.remote_url) == OriginOf(b.remote_url)) {
      field("artifact.remote_url", a.remote_url, b.remote_url, Severity::kHigh, "same origin, another path");
    }
  }

  void Surfaces(const ApprovedServer& was, const model::Server& s) {
    if (!was.surface || !s.surface || !was.surface->Ok() || !s.surface->Ok()) return;
    const model::Surface& a = *was.surface;
    const model::Surface& b = *s.surface;
    std::map<std::string, std::pair<const model::SurfaceItem*, const model::SurfaceItem*>> items;
    for (const model::SurfaceItem& i : a.items) items[i.Key()].first = &i;
    for (const model::SurfaceItem& i : b.items) items[i.Key()].second = &i;
    for (const auto& [key, pair] : items) {
      const auto [x, y] = pair;
      if (x == nullptr) {
        Add(Class::kSurface, y->kind == "tool" || y->kind == "instructions" ? Severity::kMedium : Severity::kLow, was,
            &s, key, "", Summary(*y))
            .detail = "added";
      } else if (y == nullptr) {
        Add(Class::kSurface, Severity::kLow, was, &s, key, Summary(*x), "").detail = "removed";
      } else if (x->definition != y->definition) {
        SurfaceParts(was, s, key, *x, *y);
      }
    }
  }

  static std::string Summary(const model::SurfaceItem& i) {
    const nlohmann::json j = nlohmann::json::parse(i.definition, nullptr, false);
    if (j.is_object()) {
      for (const char* k : {"description", "instructions", "title"}) {
        if (j.contains(k) && j[k].is_string()) return j[k].get<std::string>();
      }
    } else if (j.is_string()) {
      return j.get<std::string>();
    }
    return i.name;
  }

  // One item per top-level part that changed: its description (the text a
  // model reads, so a rug pull's usual place) or its schema.
  void SurfaceParts(const ApprovedServer& was, const model::Server& s, const std::string& key,
                    const model::SurfaceItem& x, const model::SurfaceItem& y) {
    const nlohmann::json a = nlohmann::json::parse(x.definition, nullptr, false);
    const nlohmann::json b = nlohmann::json::parse(y.definition, nullptr, false);
    auto text = [](const nlohmann::json& v) {
      return v.is_string() ? v.get<std::string>() : v.is_null() ? std::string() : model::CanonicalJson(v);
    };
    if (!a.is_object() || !b.is_object()) {
      DriftItem& d = Add(Class::kSurface, Severity::kHigh, was, &s, key, text(a), text(b));
      d.word_diff = WordDiff(d.before, d.after);
      d.detail = "definition changed";
      return;
    }
    std::set<std::string> parts;
    for (const auto& [k, v] : a.items()) parts.insert(k);
    for (const auto& [k, v] : b.items()) parts.insert(k);
    for (const std::string& part : parts) {
      const nlohmann::json va = a.contains(part) ? a[part] : nlohmann::json();
      const nlohmann::json vb = b.contains(part) ? b[part] : nlohmann::json();
      if (va == vb) continue;
      const bool words = part == "description" || part == "instructions" || part == "title";
      DriftItem& d = Add(Class::kSurface, words ? Severity::kHigh : Severity::kMedium, was, &s, key + "." + part,
                         text(va), text(vb));
      d.word_diff = WordDiff(d.before, d.after);
      d.detail = part + " changed";
    }
  }

  void Credentials(const ApprovedServer& was, const ApprovedServer& now, const model::Server& s) {
    std::set<std::string> gone(was.credentials.begin(), was.credentials.end());
    for (const std::string& fp : now.credentials) gone.erase(fp);
    std::vector<std::pair<std::string, std::string>> fresh;  // location, fingerprint
    for (const auto& [loc, fp] : now.credential_sources) {
      if (std::find(was.credentials.begin(), was.credentials.end(), fp) == was.credentials.end()) fresh.emplace_back(loc, fp);
    }
    for (const auto& [loc, fp] : fresh) {
      // Rotated: the same place held another approved fingerprint. Baselines
      // made before credential_sources say only that the place held one.
      std::string old;
      if (const auto it = was.credential_sources.find(loc); it != was.credential_sources.end()) {
        if (gone.count(it->second)) old = it->second;
      } else if (was.credential_sources.empty() && !gone.empty() && HeldCredential(was, loc)) {
        old = *gone.begin();
      }
      if (!old.empty()) {
        gone.erase(old);
        Add(Class::kCredentialRotated, Severity::kLow, was, &s, "credentials." + loc, old, fp).detail =
            "same place, another value";
      } else {
        Add(Class::kCredentialAdded, Severity::kMedium, was, &s, "credentials." + loc, "", fp).detail =
            "a credential the approval did not cover";
      }
    }
    for (const std::string& fp : gone) {
      std::string loc;
      for (const auto& [l, f] : was.credential_sources) {
        if (f == fp) loc = l;
      }
      Add(Class::kCredentialRemoved, Severity::kInfo, was, &s, loc.empty() ? "credentials" : "credentials." + loc, fp, "")
          .detail = "no longer configured";
    }
  }

  static bool HeldCredential(const ApprovedServer& was, const std::string& loc) {
    for (const auto& [prefix, values] : {std::pair<std::string, const std::map<std::string, std::string>*>{"env.", &was.env},
                                         {"headers.", &was.headers}}) {
      if (!StartsWith(loc, prefix)) continue;
      const auto it = values->find(loc.substr(prefix.size()));
      return it != values->end() && it->second == kCredential;
    }
    return false;
  }

  void Consent(const ApprovedServer& was, const ApprovedServer& now, const model::Server& s) {
    std::vector<std::string> gained;
    for (const std::string& t : now.auto_approve) {
      if (std::find(was.auto_approve.begin(), was.auto_approve.end(), t) == was.auto_approve.end()) gained.push_back(t);
    }
    if (!gained.empty()) {
      const bool all = std::find(gained.begin(), gained.end(), "*") != gained.end();
      Add(Class::kConsent, all ? Severity::kCritical : Severity::kHigh, was, &s, "auto_approve", Sorted(was.auto_approve),
          Sorted(now.auto_approve))
          .detail = all ? "every tool runs without asking" : "runs without asking: " + Join(gained, ", ");
    }
    if (now.trust && !was.trust) {
      Add(Class::kConsent, Severity::kCritical, was, &s, "trust", "false", "true").detail =
          "every confirmation skipped";
    }
    if (was.enabled == false && now.enabled != false) {
      Add(Class::kConsent, Severity::kMedium, was, &s, "enabled", "false", now.enabled ? "true" : "unset").detail =
          "switched back on";
    }
  }

  const Options& o_;
  std::vector<DriftItem>& out_;
};

bool InScope(const Options& o, const std::string& host) {
  return o.hosts.empty() || std::find(o.hosts.begin(), o.hosts.end(), host) != o.hosts.end();
}

std::string FindingMessage(const DriftItem& d) {
  const std::string who = "'" + d.server + "'";
  switch (d.cls) {
    case Class::kUnapproved: return who + " is configured but not in the approved baseline";
    case Class::kGone: return "approved server " + who + " is no longer configured";
    case Class::kLaunch: return who + " launches differently than approved: " + d.field + " changed";
    case Class::kArtifact: return who + " runs other code than approved: " + d.field + " changed";
    case Class::kSurface: return who + " serves something other than approved: " + d.field + " " + d.detail;
    case Class::kCredentialAdded: return who + " holds a credential the approval did not cover (" + d.field + ")";
    case Class::kCredentialRemoved: return who + " no longer holds an approved credential (" + d.field + ")";
    case Class::kCredentialRotated: return "the credential of " + who + " was replaced (" + d.field + ")";
    case Class::kConsent: return who + " asks for less consent than approved: " + d.field + " widened";
    case Class::kRemoteOrigin: return "approved server " + who + " now points at another origin";
    case Class::kRemoteHttp: return "approved server " + who + " now talks plain http";
    case Class::kRemoteIp: return "approved server " + who + " now points at a raw IP address";
    case Class::kRemoteTunnel: return "approved server " + who + " now points at a tunnel or paste host";
    case Class::kPackage: return "approved server " + who + " now runs another package";
    case Class::kCommandPath: return "approved server " + who + " now runs another file";
    case Class::kBridge: return "approved bridge " + who + " now forwards to another origin";
    case Class::kEndpointEnv: return "approved server " + who + " now sends its API calls elsewhere (" + d.field + ")";
    case Class::kProxyEnv: return "the traffic of approved server " + who + " can now be intercepted (" + d.field + ")";
    case Class::kRenamed: return who + " runs exactly what approved server " + d.before + " runs";
  }
  return who + " drifted";
}

std::string Remediation(const DriftItem& d) {
  const std::string approve = "mcpguard approve --server " + d.server;
  switch (d.cls) {
    case Class::kUnapproved:
      return "if you added it, review it and approve it with `" + approve + "`; otherwise remove it from " +
             (d.config_path.empty() ? std::string("its config") : d.config_path);
    case Class::kGone:
      return "if it was removed on purpose, take it out of the baseline with `mcpguard revoke " + d.server + "`";
    case Class::kRenamed:
      return "if the new name is intended, approve it with `" + approve + "` (and revoke the old one if renamed)";
    case Class::kCredentialRemoved:
      return "re-approve with `" + approve + "` so the baseline matches; nothing to restore if intended";
    case Class::kCredentialRotated:
    case Class::kCredentialAdded:
      return "if you set this credential, approve it with `" + approve + "`; otherwise remove it and revoke it at " +
             "its provider";
    default: break;
  }
  if (d.severity == Severity::kCritical) {
    return "do not start it: restore " + d.field + " to the approved value (" + (d.before.empty() ? "none" : d.before) +
           ") and find out who changed " + (d.config_path.empty() ? std::string("the config") : d.config_path) +
           "; only if the new target is yours, approve it with `" + approve + "`";
  }
  return "if intended, approve it with `" + approve + "`; else restore " + d.field + " to the approved value";
}

const char* Reference(Class c) {
  switch (c) {
    case Class::kUnapproved:
    case Class::kGone:
    case Class::kRenamed: return kOwaspShadow;
    case Class::kSurface: return kOwaspPoisoning;
    case Class::kCredentialAdded:
    case Class::kCredentialRemoved:
    case Class::kCredentialRotated: return kOwaspSecrets;
    case Class::kConsent: return kOwaspPrivilege;
    case Class::kRemoteHttp: return kOwaspAuth;
    default: return kOwaspSupplyChain;
  }
}

}  // namespace

RuleInfo Rule(Class c) {
  switch (c) {
    case Class::kUnapproved: return {"MCPG-DRIFT-001", "unapproved-server"};
    case Class::kGone: return {"MCPG-DRIFT-002", "approved-server-gone"};
    case Class::kLaunch: return {"MCPG-DRIFT-003", "launch-changed"};
    case Class::kArtifact: return {"MCPG-DRIFT-004", "artifact-changed"};
    case Class::kSurface: return {"MCPG-DRIFT-005", "surface-changed"};
    case Class::kCredentialAdded: return {"MCPG-DRIFT-006", "credential-added"};
    case Class::kCredentialRemoved: return {"MCPG-DRIFT-007", "credential-removed"};
    case Class::kCredentialRotated: return {"MCPG-DRIFT-008", "credential-rotated"};
    case Class::kConsent: return {"MCPG-DRIFT-009", "consent-widened"};
    case Class::kRemoteOrigin: return {"MCPG-REDIRECT-001", "remote-origin-changed"};
    case Class::kRemoteHttp: return {"MCPG-REDIRECT-002", "remote-plain-http"};
    case Class::kRemoteIp: return {"MCPG-REDIRECT-003", "remote-raw-ip"};
    case Class::kRemoteTunnel: return {"MCPG-REDIRECT-004", "remote-tunnel-host"};
    case Class::kPackage: return {"MCPG-REDIRECT-005", "package-swapped"};
    case Class::kCommandPath: return {"MCPG-REDIRECT-006", "command-path-changed"};
    case Class::kBridge: return {"MCPG-REDIRECT-007", "bridge-retargeted"};
    case Class::kEndpointEnv: return {"MCPG-REDIRECT-008", "endpoint-env-redirect"};
    case Class::kProxyEnv: return {"MCPG-REDIRECT-009", "proxy-or-ca-env"};
    case Class::kRenamed: return {"MCPG-REDIRECT-010", "renamed-or-copied"};
  }
  return {"MCPG-DRIFT-000", "drift"};
}

std::vector<DriftItem> Items(const model::Baseline& baseline, const model::Snapshot& current,
                             const model::Snapshot* previous, const Options& options) {
  std::vector<DriftItem> out;
  Comparer cmp(options, out);
  std::set<std::string> seen;      // baseline keys configured now
  std::set<std::string> projects;  // project roots scanned now, portable
  struct Unapproved {
    ApprovedServer form;
    const model::Server* server;
  };
  std::vector<Unapproved> unapproved;
  for (const model::ConfigFile& cf : current.configs) {
    if (!cf.project.empty()) projects.insert(Portable(cf.project, options.home));
    for (const model::Server& s : cf.servers) {
      ApprovedServer now = ApprovedForm(s, options.home);
      const ApprovedServer* was = baseline.Find(now.Key());
      if (was == nullptr) {
        unapproved.push_back({std::move(now), &s});
        continue;
      }
      seen.insert(was->Key());
      cmp.Compare(*was, now, s);
    }
  }
  // Where the previous scan saw each server: a gone server is placed there.
  std::map<std::string, const model::Server*> before;
  if (previous != nullptr) {
    for (const model::ConfigFile& cf : previous->configs) {
      for (const model::Server& s : cf.servers) before.emplace(ApprovedForm(s, options.home).Key(), &s);
    }
  }
  std::set<std::string> hosts_seen;
  for (const model::ConfigFile& cf : current.configs) hosts_seen.insert(cf.host);
  // Approved servers not configured now, in what was looked at. An
  // organisation's baseline approves servers of hosts this machine may not
  // use: those are gone only if the host has a config here, or the last scan
  // saw the server.
  std::vector<const ApprovedServer*> gone;
  for (const ApprovedServer& a : baseline.servers) {
    if (seen.count(a.Key()) || !InScope(options, a.host)) continue;
    if (!a.project.empty() && !projects.count(a.project)) continue;  // the project was not scanned
    if (!hosts_seen.count(a.host) && !before.count(a.Key())) continue;
    gone.push_back(&a);
  }
  std::set<std::string> renamed_from;
  for (const Unapproved& u : unapproved) {
    const std::string id = Identity(u.form);
    const ApprovedServer* match = nullptr;
    for (const ApprovedServer& a : baseline.servers) {
      if (!id.empty() && Identity(a) == id) {
        match = &a;
        break;
      }
    }
    if (match == nullptr) {
      DriftItem& d = cmp.Add(Class::kUnapproved, Severity::kHigh, u.form, u.server, "", "",
                             u.form.url.empty() ? Join({u.form.command, JoinArgs(u.form.args)}, " ") : u.form.url);
      d.detail = "not approved";
      continue;
    }
    const bool renamed = std::find(gone.begin(), gone.end(), match) != gone.end();
    if (renamed) renamed_from.insert(match->Key());
    DriftItem& d = cmp.Add(Class::kRenamed, renamed ? Severity::kInfo : Severity::kMedium, u.form, u.server, "",
                           match->Key(), u.form.Key());
    d.detail = renamed ? "renamed: the approved entry is gone" : "copied: the approved entry is still there";
  }
  for (const ApprovedServer* a : gone) {
    if (renamed_from.count(a->Key())) continue;
    DriftItem& d = cmp.Add(Class::kGone, Severity::kLow, *a, nullptr, "", a->url.empty() ? a->command : a->url, "");
    d.detail = "no longer configured";
    if (const auto it = before.find(a->Key()); it != before.end()) {
      d.config_path = it->second->config_path;
      d.pos = it->second->pos;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const DriftItem& x, const DriftItem& y) {
    return std::make_tuple(static_cast<int>(y.severity), x.key, x.field) <
           std::make_tuple(static_cast<int>(x.severity), y.key, y.field);
  });
  return out;
}

model::Finding ToFinding(const DriftItem& d) {
  const RuleInfo r = Rule(d.cls);
  model::Finding f = model::MakeFinding(r.id, r.name, d.severity, {d.host, d.config_path, d.pos, d.server},
                                        Remediation(d), {Reference(d.cls)});
  f.message = FindingMessage(d);
  std::string ev = d.field.empty() ? std::string() : d.field + ": ";
  if (!d.word_diff.empty() && d.word_diff.size() < 2000) {
    ev += d.word_diff;
  } else {
    ev += (d.before.empty() ? "(absent)" : d.before) + " -> " + (d.after.empty() ? "(absent)" : d.after);
  }
  if (!d.detail.empty()) ev += " (" + d.detail + ")";
  f.evidence = ev;
  return f;
}

std::vector<model::Finding> Compare(const model::Baseline& baseline, const model::Snapshot& current,
                                    const model::Snapshot* previous, const Options& options) {
  std::vector<model::Finding> out;
  for (const DriftItem& d : Items(baseline, current, previous, options)) out.push_back(ToFinding(d));
  return out;
}

}  // namespace mcpguard::drift

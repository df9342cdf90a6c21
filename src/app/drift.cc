#include "app/drift.h"

#include <nlohmann/json.hpp>

#include "app/baseline_store.h"
#include "app/record.h"
#include "app/settings.h"
#include "base/file.h"
#include "classify/findings.h"
#include "drift/approved_form.h"
#include "report/sarif.h"
#include "rules/redirects.h"
#include "rules/registry.h"

namespace mcpguard::app {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

model::SourcePos Pos(const json& j) {
  model::SourcePos p;
  if (const auto it = j.find("position"); it != j.end() && it->is_object()) {
    p.line = it->value("line", 0u);
    p.col = it->value("column", 0u);
  }
  return p;
}

std::vector<model::NamedValue> Named(const json& j, const char* key) {
  std::vector<model::NamedValue> out;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const json& e : *it) {
    if (!e.is_object()) continue;
    model::NamedValue v;
    v.name = Str(e, "name");
    v.reference = Str(e, "reference");
    out.push_back(std::move(v));
  }
  return out;
}

model::Transport ParseTransport(const std::string& name) {
  for (model::Transport t : {model::Transport::kStdio, model::Transport::kHttp, model::Transport::kSse,
                             model::Transport::kWs, model::Transport::kTcp, model::Transport::kBuiltin}) {
    if (model::TransportName(t) == name) return t;
  }
  return model::Transport::kUnknown;
}

model::Server RecordedServer(const json& j) {
  model::Server s;
  s.name = Str(j, "name");
  s.host = Str(j, "host");
  s.scope = model::ParseScope(Str(j, "scope")).value_or(model::Scope::kUser);
  s.config_path = Str(j, "config_path");
  s.project = Str(j, "project");
  s.transport = ParseTransport(Str(j, "transport"));
  if (const auto it = j.find("enabled"); it != j.end() && it->is_boolean()) s.enabled = it->get<bool>();
  s.redacted_command = Str(j, "command");
  s.command = s.redacted_command;
  if (const auto it = j.find("args"); it != j.end() && it->is_array()) {
    for (const json& a : *it) {
      if (a.is_string()) s.redacted_args.push_back(a.get<std::string>());
    }
  }
  s.cwd = Str(j, "cwd");
  s.redacted_url = Str(j, "url");
  s.env = Named(j, "env");
  s.headers = Named(j, "headers");
  if (const auto it = j.find("auto_approve"); it != j.end() && it->is_array()) {
    for (const json& a : *it) {
      if (a.is_string()) s.auto_approve.push_back(a.get<std::string>());
    }
  }
  s.trust = j.value("trust", false);
  if (const auto it = j.find("credentials"); it != j.end() && it->is_array()) {
    for (const json& c : *it) {
      if (!c.is_object()) continue;
      model::Credential cred;
      cred.location = Str(c, "location");
      cred.reference = Str(c, "reference");
      cred.fingerprint = Str(c, "fingerprint");
      s.credentials.push_back(std::move(cred));
    }
  }
  if (const auto it = j.find("artifact"); it != j.end() && it->is_object()) {
    model::Artifact a;
    a.kind = Str(*it, "kind");
    a.name = Str(*it, "name");
    a.version = Str(*it, "version");
    a.pin = Str(*it, "pin");
    a.pinned = it->value("pinned", false);
    a.digest = Str(*it, "digest");
    a.remote_url = Str(*it, "remote_url");
    a.installed_version = Str(*it, "installed_version");
    a.integrity = Str(*it, "integrity");
    a.sha256 = Str(*it, "sha256");
    a.tree_sha256 = Str(*it, "tree_sha256");
    s.artifact = std::move(a);
  }
  if (const auto it = j.find("surface"); it != j.end() && it->is_object()) {
    try {
      s.surface = it->get<model::Surface>();
    } catch (const json::exception&) {
      // A surface this version cannot read is left out, not guessed.
    }
  }
  s.pos = Pos(j);
  return s;
}

drift::Options OptionsFor(const model::Snapshot& snap, const ScanOptions& scan, const rules::RedirectRules& rules) {
  drift::Options o;
  o.home = snap.homes.empty() ? std::string() : snap.homes.front();
  o.hosts = scan.hosts;
  o.redirects = &rules;
  return o;
}

// The last recorded scan, when there is a history: where a server that is
// gone was written. Never creates the history.
std::optional<model::Snapshot> LastRecorded(const Environment& env) {
  if (!Exists(HistoryDir(env))) return std::nullopt;
  auto store = OpenHistory(env);
  if (!store) return std::nullopt;
  auto files = store->Read("HEAD");
  if (!files) return std::nullopt;
  return RecordedSnapshot(*files);
}

std::string Tilde(const std::string& path, const std::string& home) {
  if (!home.empty() && path.compare(0, home.size(), home) == 0 && (path.size() == home.size() || path[home.size()] == '/')) {
    return "~" + path.substr(home.size());
  }
  return path;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return out;
}

}  // namespace

std::string DriftText(const DriftOutcome& outcome, const std::string& home) {
  const std::string what = outcome.against == "baseline"
                               ? "the baseline" + (outcome.signer.empty() ? std::string() : " (signed by " + outcome.signer + ")")
                               : "the scan recorded at " + outcome.against;
  std::string text;
  for (size_t i = 0; i < outcome.items.size(); ++i) {
    const drift::DriftItem& d = outcome.items[i];
    const model::Finding& f = outcome.findings[i];
    text += Upper(model::SeverityName(f.severity)) + "  " + f.id + " " + f.name + "  " + d.host + "/" + d.server +
            (d.field.empty() ? "" : "  " + d.field) + "\n";
    text += "  " + f.message + "\n";
    text += "  " + f.evidence + "\n";
    if (!f.config_path.empty()) {
      text += "  at " + Tilde(f.config_path, home);
      if (f.pos.line != 0) text += ":" + std::to_string(f.pos.line) + ":" + std::to_string(f.pos.col);
      text += "\n";
    }
    text += "  fix: " + f.remediation + "\n\n";
  }
  const size_t servers = outcome.snapshot.ServerCount();
  if (outcome.items.empty()) {
    text += "no drift: " + std::to_string(servers) + " server(s) as in " + what + "\n";
  } else {
    text += std::to_string(outcome.items.size()) + " change(s) against " + what + " across " + std::to_string(servers) +
            " configured server(s)\n";
  }
  return text;
}

json DriftJson(const DriftOutcome& outcome) {
  json items = json::array();
  for (const drift::DriftItem& d : outcome.items) {
    const drift::RuleInfo r = drift::Rule(d.cls);
    items.push_back({{"id", r.id},
                     {"class", r.name},
                     {"severity", model::SeverityName(d.severity)},
                     {"key", d.key},
                     {"host", d.host},
                     {"server", d.server},
                     {"field", d.field},
                     {"before", d.before},
                     {"after", d.after},
                     {"word_diff", d.word_diff},
                     {"detail", d.detail},
                     {"config_path", d.config_path},
                     {"line", d.pos.line},
                     {"column", d.pos.col}});
  }
  json out = {{"against", outcome.against}, {"servers", outcome.snapshot.ServerCount()}, {"drift", items},
              {"findings", outcome.findings}};
  if (!outcome.signer.empty()) out["signer"] = outcome.signer;
  return out;
}

Result<std::string> DriftSarif(const DriftOutcome& outcome, const std::string& signatures_dir,
                               const std::string& tool_version, const std::string& base_dir) {
  auto registry = rules::LoadRuleRegistry(signatures_dir);
  if (!registry) return tl::make_unexpected(registry.error());
  report::SarifOptions o;
  o.tool_version = tool_version;
  o.base_dir = base_dir;
  o.home = outcome.snapshot.homes.empty() ? std::string() : outcome.snapshot.homes.front();
  return report::RenderSarif(outcome.findings, *registry, o);
}

model::Snapshot RecordedSnapshot(const history::Files& files) {
  model::Snapshot snap;
  for (const auto& [path, bytes] : files) {
    if (path.rfind("configs/", 0) != 0) continue;
    const json j = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) continue;
    model::ConfigFile cf;
    cf.path = Str(j, "path");
    cf.host = Str(j, "host");
    cf.scope = model::ParseScope(Str(j, "scope")).value_or(model::Scope::kUser);
    cf.project = Str(j, "project");
    if (const auto it = j.find("servers"); it != j.end() && it->is_array()) {
      for (const json& s : *it) {
        if (s.is_object()) cf.servers.push_back(RecordedServer(s));
      }
    }
    snap.configs.push_back(std::move(cf));
  }
  return snap;
}

model::Baseline ReferenceFromScan(const model::Snapshot& recorded, const model::Snapshot& current,
                                  const std::string& home) {
  std::map<std::string, model::ApprovedServer> now;
  for (const model::ConfigFile& cf : current.configs) {
    for (const model::Server& s : cf.servers) {
      model::ApprovedServer a = drift::ApprovedForm(s, home);
      now.emplace(a.Key(), std::move(a));
    }
  }
  model::Baseline b;
  for (const model::ConfigFile& cf : recorded.configs) {
    for (const model::Server& s : cf.servers) {
      model::ApprovedServer a = drift::ApprovedForm(s, home);
      const auto it = now.find(a.Key());
      // The record names literal values without holding them.
      auto fill = [&](std::map<std::string, std::string>& was, const std::vector<model::NamedValue>& recorded_values,
                      const std::map<std::string, std::string>* current_values) {
        if (current_values == nullptr) return;  // gone: its values are not compared
        for (const model::NamedValue& v : recorded_values) {
          if (!v.reference.empty() || was[v.name] == "<credential>") continue;
          if (const auto cur = current_values->find(v.name); cur != current_values->end()) was[v.name] = cur->second;
        }
      };
      fill(a.env, s.env, it == now.end() ? nullptr : &it->second.env);
      fill(a.headers, s.headers, it == now.end() ? nullptr : &it->second.headers);
      b.servers.push_back(std::move(a));
    }
  }
  return b;
}

Result<DriftOutcome> Diff(const DriftOptions& options, const Environment& env, const ScanHooks& hooks) {
  auto redirects = rules::LoadRedirectRules(options.scan.signatures_dir);
  if (!redirects) return tl::make_unexpected(redirects.error());
  DriftOutcome out;
  out.against = options.against;
  model::Baseline reference;
  std::optional<model::Snapshot> recorded;
  if (options.against == "baseline") {
    // The signature first: nothing is compared against an unverified baseline.
    auto loaded = LoadVerifiedBaseline(BaselineFilesFor(PathsFor(env), options.scan.root));
    if (!loaded) return tl::make_unexpected(loaded.error());
    reference = std::move(loaded->baseline);
    out.signer = loaded->signer;
  } else {
    if (!Exists(HistoryDir(env))) {
      return Fail(Errc::kNotFound, "no history yet: 'mcpguard scan' records one", HistoryDir(env));
    }
    auto store = OpenHistory(env);
    if (!store) return tl::make_unexpected(store.error());
    auto files = store->Read(options.against);
    if (!files) return tl::make_unexpected(files.error());
    recorded = RecordedSnapshot(*files);
  }
  ScanOptions scan = options.scan;
  scan.findings = false;
  auto scanned = Scan(scan, env, hooks);
  if (!scanned) return tl::make_unexpected(scanned.error());
  out.snapshot = std::move(scanned->snapshot);
  out.interrupted = scanned->interrupted;
  const drift::Options o = OptionsFor(out.snapshot, options.scan, *redirects);
  std::optional<model::Snapshot> previous = recorded;
  if (recorded) {
    reference = ReferenceFromScan(*recorded, out.snapshot, o.home);
  } else {
    previous = LastRecorded(env);
  }
  out.items = drift::Items(reference, out.snapshot, previous ? &*previous : nullptr, o);
  for (const drift::DriftItem& d : out.items) out.findings.push_back(drift::ToFinding(d));
  return out;
}

Result<bool> AddBaselineDrift(model::Snapshot& snapshot, const ScanOptions& options, const Environment& env) {
  const BaselineFiles files = BaselineFilesFor(PathsFor(env), options.root);
  if (!Exists(files.baseline)) return false;
  auto loaded = LoadVerifiedBaseline(files);
  if (!loaded) return tl::make_unexpected(loaded.error());
  auto redirects = rules::LoadRedirectRules(options.signatures_dir);
  if (!redirects) return tl::make_unexpected(redirects.error());
  const std::optional<model::Snapshot> previous = LastRecorded(env);
  std::vector<model::Finding> drift = drift::Compare(loaded->baseline, snapshot, previous ? &*previous : nullptr,
                                                     OptionsFor(snapshot, options, *redirects));
  snapshot.findings.insert(snapshot.findings.end(), drift.begin(), drift.end());
  classify::SortFindings(snapshot.findings);
  return true;
}

}  // namespace mcpguard::app

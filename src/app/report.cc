#include "app/report.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "app/baseline_store.h"
#include "app/drift.h"
#include "app/history_diff.h"
#include "app/record.h"
#include "app/settings.h"
#include "base/clock.h"
#include "base/file.h"
#include "base/path.h"
#include "classify/findings.h"

namespace mcpguard::app {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

uint32_t Num(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number_unsigned() ? it->get<uint32_t>() : 0;
}

model::Severity SeverityOf(const json& j) {
  return model::ParseSeverity(Str(j, "severity")).value_or(model::Severity::kMedium);
}

// findings.json of a recorded scan back into Findings; anything malformed is
// skipped (the history is ours, but a report must not fail on one bad entry).
std::vector<model::Finding> FindingsOf(const history::Files& files) {
  std::vector<model::Finding> out;
  const auto it = files.find("findings.json");
  if (it == files.end()) return out;
  const json list = json::parse(it->second, nullptr, /*allow_exceptions=*/false);
  if (!list.is_array()) return out;
  for (const json& j : list) {
    if (!j.is_object() || Str(j, "id").empty()) continue;
    model::Finding f;
    f.id = Str(j, "id");
    f.name = Str(j, "name");
    f.severity = SeverityOf(j);
    f.host = Str(j, "host");
    f.config_path = Str(j, "config_path");
    f.pos.line = Num(j, "line");
    f.pos.col = Num(j, "column");
    f.server = Str(j, "server");
    f.message = Str(j, "message");
    f.evidence = Str(j, "evidence");
    f.remediation = Str(j, "remediation");
    if (const auto refs = j.find("references"); refs != j.end() && refs->is_array()) {
      for (const json& r : *refs) {
        if (r.is_string()) f.references.push_back(r.get<std::string>());
      }
    }
    out.push_back(std::move(f));
  }
  return out;  // sorted with the drift findings in BuildReport
}

// The config path a history file records ("path" inside it), home as "~".
std::string ConfigPathOf(const history::Files& before, const history::Files& after, const std::string& file,
                         const std::string& home) {
  for (const history::Files* files : {&after, &before}) {
    const auto it = files->find(file);
    if (it == files->end()) continue;
    const json j = json::parse(it->second, nullptr, /*allow_exceptions=*/false);
    if (j.is_object() && !Str(j, "path").empty()) return AbbreviateHome(Str(j, "path"), home);
  }
  return file;
}

// Inventory counts and credentials of the latest recorded scan.
void Inventory(const history::Files& files, report::PeriodReport& out) {
  std::set<std::string> hosts;
  std::map<std::string, report::CredentialReach> by_key;
  for (const auto& [file, bytes] : files) {
    if (file.rfind("configs/", 0) != 0) continue;
    const json c = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
    if (!c.is_object()) continue;
    ++out.configs;
    const std::string host = Str(c, "host");
    hosts.insert(host);
    const auto servers = c.find("servers");
    if (servers == c.end() || !servers->is_array()) continue;
    for (const json& s : *servers) {
      if (!s.is_object()) continue;
      ++out.servers;
      const auto creds = s.find("credentials");
      if (creds == s.end() || !creds->is_array()) continue;
      for (const json& cr : *creds) {
        if (!cr.is_object()) continue;
        const std::string fp = Str(cr, "fingerprint");
        const std::string location = Str(cr, "location");
        const std::string holder = host + "/" + Str(s, "name") + " (" + location + ")";
        // One entry per fingerprint; a reference with no value known is its own entry.
        const std::string key = fp.empty() ? "ref:" + holder + Str(cr, "reference") : fp;
        report::CredentialReach& reach = by_key[key];
        if (reach.holders.empty()) {
          reach.provider = Str(cr, "provider");
          reach.kind = Str(cr, "kind");
          reach.scope = Str(cr, "scope");
          reach.blast_radius = Str(cr, "blast_radius");
          reach.storage = Str(cr, "storage");
          reach.fingerprint = fp;
          reach.severity = SeverityOf(cr);
        }
        reach.severity = std::max(reach.severity, SeverityOf(cr));
        reach.holders.push_back(holder);
      }
    }
  }
  out.hosts = hosts.size();
  for (auto& [key, reach] : by_key) {
    std::sort(reach.holders.begin(), reach.holders.end());
    out.credentials.push_back(std::move(reach));
  }
  std::stable_sort(out.credentials.begin(), out.credentials.end(),
                   [](const report::CredentialReach& a, const report::CredentialReach& b) {
                     return a.severity > b.severity;
                   });
}

bool IsDriftId(const std::string& id) { return id.rfind("MCPG-DRIFT-", 0) == 0 || id.rfind("MCPG-REDIRECT-", 0) == 0; }

const char* ProblemKind(drift::Class c) {
  switch (c) {
    case drift::Class::kUnapproved:
    case drift::Class::kRenamed: return "unapproved";
    case drift::Class::kGone: return "gone";
    default: return "changed";
  }
}

// What is configured now against the signed baseline, by the drift engine
// (as `mcpguard diff` compares): its findings join the report's, and the
// approval section sums them up per server (unapproved, changed and in which
// fields, gone).
struct DriftNow {
  report::Approval approval;
  std::vector<model::Finding> findings;
};

DriftNow CompareNow(const ScanOptions& scan, const Environment& env) {
  DriftNow out;
  const BaselineFiles files = BaselineFilesFor(PathsFor(env), scan.root);
  if (!Exists(files.baseline)) return out;
  DriftOptions options;
  options.scan = scan;
  options.against = "baseline";
  auto compared = Diff(options, env);
  if (!compared) {
    out.approval.state = report::Approval::State::kUnverifiable;
    out.approval.detail = compared.error().ToString();
    return out;
  }
  out.approval.state = report::Approval::State::kVerified;
  out.approval.detail = compared->signer;
  out.approval.checked = compared->snapshot.ServerCount();
  std::map<std::string, report::ApprovalProblem> by_server;  // "host/server", in name order
  for (const drift::DriftItem& d : compared->items) {
    report::ApprovalProblem& p = by_server[d.host + "/" + d.server];
    const std::string kind = ProblemKind(d.cls);
    if (p.server.empty() || kind != "changed") {  // unapproved or gone says it all
      p.server = d.host + "/" + d.server;
      p.kind = kind;
    }
    if (p.kind == "changed" && !d.field.empty() &&
        std::find(p.fields.begin(), p.fields.end(), d.field) == p.fields.end()) {
      p.fields.push_back(d.field);
    }
  }
  for (auto& [key, p] : by_server) {
    if (p.kind != "changed") p.fields.clear();
    out.approval.problems.push_back(std::move(p));
  }
  out.findings = std::move(compared->findings);
  return out;
}

}  // namespace

Result<report::PeriodReport> BuildReport(const ReportOptions& options, const Environment& env) {
  const std::string dir = HistoryDir(env);
  const std::string no_history = "no history yet: 'mcpguard scan' records one (" + dir + ")";
  // Reading must not create the repository.
  if (!Exists(dir)) return Fail(Errc::kNotFound, no_history);
  auto store = OpenHistory(env);
  if (!store) return tl::make_unexpected(store.error());
  auto log = store->Log();
  if (!log) return tl::make_unexpected(log.error());
  if (log->empty()) return Fail(Errc::kNotFound, no_history);

  report::PeriodReport out;
  out.tool_version = options.tool_version;
  out.generated_at = NowUtc();
  out.until = options.until != 0 ? options.until : static_cast<int64_t>(std::time(nullptr));
  out.since = options.since;
  out.machine = HostName();
  out.home = env.GetOr("HOME", "");
  out.last_scan = FormatUtc(log->front().time);

  // Oldest first, each recorded scan against the one before it. The history
  // is linear (every commit's parent is the previous tip), so the files read
  // for one commit are the "before" of the next.
  std::optional<history::Files> previous;
  for (auto it = log->rbegin(); it != log->rend(); ++it) {
    const history::CommitInfo& c = *it;
    if (c.time < out.since || c.time > out.until) {
      previous.reset();
      continue;
    }
    auto after = store->Read(c.id);
    if (!after) return tl::make_unexpected(after.error());
    history::Files before;  // the first scan has no parent: everything in it is added
    if (previous) {
      before = std::move(*previous);
    } else if (auto parent = store->Read(c.id + "~1")) {
      before = std::move(*parent);
    }
    report::ChangeEvent event;
    event.commit = c.id;
    event.time = c.time;
    event.summary = c.message.substr(0, c.message.find('\n'));
    for (ServerDiff& d : DiffServers(before, *after)) {
      event.changes.push_back(report::ServerChange{std::string(KindName(d.kind)), d.host,
                                                   ConfigPathOf(before, *after, d.config, out.home), d.name,
                                                   std::move(d.fields)});
    }
    out.events.push_back(std::move(event));
    previous = std::move(*after);
  }

  auto head = store->Read("HEAD");
  if (!head) return tl::make_unexpected(head.error());
  out.findings = FindingsOf(*head);
  Inventory(*head, out);
  // Drift is reported as it is now, not as the latest scan saw it: the
  // recorded drift findings give way to a fresh comparison.
  std::erase_if(out.findings, [](const model::Finding& f) { return IsDriftId(f.id); });
  DriftNow now = CompareNow(options.scan, env);
  out.approval = std::move(now.approval);
  out.findings.insert(out.findings.end(), now.findings.begin(), now.findings.end());
  classify::SortFindings(out.findings);
  return out;
}

}  // namespace mcpguard::app

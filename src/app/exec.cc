#include "app/exec.h"

#include "app/audit.h"
#include "app/baseline_store.h"
#include "app/settings.h"
#include "base/path.h"
#include "base/text.h"
#include "inventory/interpolation.h"
#include "probe/launch.h"

namespace mcpguard::app {
namespace {

// True when `text` matches the literal pieces in order, with anything
// between them (the pieces around each variable reference).
bool MatchPieces(const std::vector<std::string>& pieces, std::string_view text) {
  if (pieces.size() == 1) return text == pieces.front();
  if (!StartsWith(text, pieces.front())) return false;
  size_t at = pieces.front().size();
  for (size_t i = 1; i + 1 < pieces.size(); ++i) {
    const size_t found = text.find(pieces[i], at);
    if (found == std::string_view::npos) return false;
    at = found + pieces[i].size();
  }
  const std::string& last = pieces.back();
  return text.size() >= at + last.size() && EndsWith(text.substr(at), last);
}

bool LaunchMatches(const model::Server& s, const std::vector<std::string>& argv) {
  if (argv.empty() || argv.size() != s.args.size() + 1) return false;
  if (!ArgMatches(s.command, argv.front())) return false;
  for (size_t i = 0; i < s.args.size(); ++i) {
    if (!ArgMatches(s.args[i], argv[i + 1])) return false;
  }
  return true;
}

ExecDecision Deny(std::string reason, std::string key = {}) {
  ExecDecision d;
  d.reason = std::move(reason);
  d.key = std::move(key);
  return d;
}

// The configured server this command line launches, from a scan of its host.
struct Found {
  Result<ScanOutcome> scanned = Fail(Errc::kNotFound, "not scanned");
  bool named = false;                        // a server of that name is configured
  const model::Server* launched = nullptr;   // the one whose command line this is
};

Found FindLaunched(const ExecOptions& o, const Environment& env) {
  ScanOptions scan = o.scan;
  scan.hosts = {o.host};
  scan.only_servers = {o.server};
  scan.findings = false;
  const std::string config = o.config.empty() ? std::string() : CleanPath(o.config);
  // A project's config is found from the directory the host started us in;
  // when that is elsewhere, from the directories above the named file
  // (<project>/.cursor/mcp.json, <project>/.kiro/settings/mcp.json).
  std::vector<std::string> cwds{scan.cwd};
  for (std::string d = Dirname(config); !config.empty() && cwds.size() < 4 && d != "/" && d != "."; d = Dirname(d)) {
    cwds.push_back(d);
  }
  Found f;
  // The same name can be configured several times (user and project scope,
  // several projects in ~/.claude.json): the one launched is the one whose
  // command line this is.
  for (const std::string& cwd : cwds) {
    scan.cwd = cwd;
    f.scanned = Scan(scan, env);
    if (!f.scanned) return f;
    for (const model::ConfigFile& cf : f.scanned->snapshot.configs) {
      if (cf.host != o.host || (!config.empty() && CleanPath(cf.path) != config)) continue;
      for (const model::Server& s : cf.servers) {
        if (s.name != o.server) continue;
        f.named = true;
        if (f.launched == nullptr && LaunchMatches(s, o.argv)) f.launched = &s;
      }
    }
    if (f.named) break;
  }
  return f;
}

ExecDecision Decide(const ExecOptions& o, const Environment& env) {
  const std::string label = o.host + "/" + o.server;
  if (o.argv.empty()) return Deny("no command to run after '--'");
  const BaselineFiles files = BaselineFilesFor(PathsFor(env), o.scan.root);
  auto pending = LoadVerifiedBaselineAsync(files);
  const Found found = FindLaunched(o, env);
  // A baseline that cannot be verified is the first reason to refuse,
  // whatever the scan found.
  auto loaded = pending.get();
  if (!loaded) return Deny("cannot verify: " + loaded.error().ToString());
  if (!found.scanned) return Deny("cannot verify: " + found.scanned.error().ToString());
  const model::Snapshot& snap = found.scanned->snapshot;
  const std::string home = snap.homes.empty() ? std::string() : snap.homes.front();
  if (!found.named) {
    return Deny("no server '" + o.server + "' in " +
                (o.config.empty() ? o.host + "'s configuration" : CleanPath(o.config)));
  }
  const model::Server* launched = found.launched;
  if (launched == nullptr) {
    return Deny("the command line is not the one configured for " + label + ": refusing to run it");
  }
  const model::ApprovedServer now = ApprovedForm(*launched, home);
  const model::ApprovedServer* was = loaded->baseline.Find(now.Key());
  if (was == nullptr) return Deny(label + " is not approved (run 'mcpguard approve " + o.server + "')", now.Key());
  if (auto diff = Differences(*was, now); !diff.empty()) {
    return Deny(label + " changed since it was approved: " + Join(diff, ", "), now.Key());
  }
  ExecDecision d;
  d.allowed = true;
  d.key = now.Key();
  d.reason = "approved and unchanged (signed by " + loaded->signer + ")";
  d.approved = *was;
  // The values the probe would hand over with --with-credentials: the same
  // scrubbing as the probe's, so the pins of the two agree.
  probe::ProbeOptions real;
  real.with_credentials = true;
  real.sandbox = false;
  real.home = home;
  real.env = env;
  if (auto plan = probe::PlanLaunch(*launched, real)) d.secrets = std::move(plan->secrets);
  return d;
}

}  // namespace

bool ArgMatches(const std::string& configured, const std::string& actual) {
  if (configured == actual) return true;
  const std::vector<model::Interpolation> refs = inventory::FindInterpolations(configured, "");
  if (refs.empty()) return false;
  std::vector<std::string> pieces;
  size_t at = 0;
  for (const model::Interpolation& r : refs) {
    // ${X:-default} is reported as "${X:-…}" (the default may be a secret):
    // find its opening, then its closing brace.
    const bool dflt = EndsWith(r.syntax, ":-…}");
    const std::string open = dflt ? r.syntax.substr(0, r.syntax.find(":-") + 2) : r.syntax;
    const size_t found = configured.find(open, at);
    if (found == std::string::npos) return false;
    const size_t end = dflt ? configured.find('}', found + open.size()) : found + open.size() - 1;
    if (end == std::string::npos) return false;
    pieces.push_back(configured.substr(at, found - at));
    at = end + 1;
  }
  pieces.push_back(configured.substr(at));
  return MatchPieces(pieces, actual);
}

ExecDecision CheckExec(const ExecOptions& options, const Environment& env) {
  ExecDecision d = Decide(options, env);
  // A log that cannot be written does not block a launch the baseline allows:
  // the decision itself is what protects the user.
  (void)AppendAudit(PathsFor(env), AuditEntry{"exec", options.host, options.server, d.allowed ? "allow" : "deny",
                                              d.reason});
  return d;
}

}  // namespace mcpguard::app

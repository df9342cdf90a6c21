#include "app/verify.h"

#include "app/audit.h"
#include "app/baseline_store.h"
#include "app/settings.h"
#include "base/path.h"
#include "base/text.h"

namespace mcpguard::app {
namespace {

Result<VerifyOutcome> Run(const VerifyOptions& options, const Environment& env) {
  const BaselineFiles files = BaselineFilesFor(PathsFor(env), options.scan.root);
  auto pending = LoadVerifiedBaselineAsync(files);
  ScanOptions scan = options.scan;
  scan.findings = false;
  auto scanned = Scan(scan, env);
  // The signature's verdict first: nothing is compared against an unverified
  // baseline, and a baseline that cannot be verified is the error reported.
  auto loaded = pending.get();
  if (!loaded) return tl::make_unexpected(loaded.error());
  if (!scanned) return tl::make_unexpected(scanned.error());
  const model::Snapshot& snap = scanned->snapshot;
  const std::string home = snap.homes.empty() ? std::string() : snap.homes.front();
  VerifyOutcome out;
  out.signer = loaded->signer;
  out.trusted_comment = loaded->signature.trusted_comment;
  const std::string config = options.config.empty() ? std::string() : CleanPath(options.config);
  for (const model::ConfigFile& cf : snap.configs) {
    if (!config.empty() && CleanPath(cf.path) != config) continue;
    for (const model::Server& s : cf.servers) {
      if (!options.server.empty() && s.name != options.server) continue;
      ++out.checked;
      const model::ApprovedServer now = ApprovedForm(s, home);
      const model::ApprovedServer* was = loaded->baseline.Find(now.Key());
      const std::string label = s.host + "/" + s.name;
      if (was == nullptr) {
        out.problems.push_back(VerifyProblem{label, "unapproved", {}});
      } else if (auto diff = Differences(*was, now); !diff.empty()) {
        out.problems.push_back(VerifyProblem{label, "changed", std::move(diff)});
      }
    }
  }
  // A hook that names a server or config that is not there must not pass by
  // checking nothing.
  if (out.checked == 0 && (!options.server.empty() || !options.config.empty())) {
    return Fail(Errc::kNotFound, "nothing to verify: no configured server matches" +
                                     (options.server.empty() ? std::string() : " --server " + options.server) +
                                     (options.config.empty() ? std::string() : " --config " + options.config));
  }
  return out;
}

// One audit line per run: the hosts and server in scope, and what was found
// (names and field names only).
void Audit(const VerifyOptions& options, const Environment& env, const Result<VerifyOutcome>& out) {
  AuditEntry e{"verify", Join(options.scan.hosts, ","), options.server, "allow", {}};
  if (!out) {
    e.decision = "error";
    e.reason = out.error().ToString();
  } else if (!out->problems.empty()) {
    e.decision = "deny";
    std::vector<std::string> parts;
    for (const VerifyProblem& p : out->problems) {
      parts.push_back(p.server + (p.kind == "unapproved" ? " not approved" : " changed (" + Join(p.fields, ", ") + ")"));
    }
    e.reason = Join(parts, "; ");
  } else {
    e.reason = std::to_string(out->checked) + " server(s) approved and unchanged";
  }
  (void)AppendAudit(PathsFor(env), e);
}

}  // namespace

Result<VerifyOutcome> Verify(const VerifyOptions& options, const Environment& env) {
  Result<VerifyOutcome> out = Run(options, env);
  Audit(options, env, out);
  return out;
}

}  // namespace mcpguard::app

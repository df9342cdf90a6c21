#include "app/approve.h"

#include <unistd.h>

#include <algorithm>
#include <ctime>

#include "app/baseline_store.h"
#include "app/guard.h"
#include "app/settings.h"
#include "base/clock.h"
#include "base/file.h"
#include "base/text.h"

namespace mcpguard::app {
namespace {

// The baseline so far: empty when there is none yet, an error when there is
// one that does not verify (never extend what may have been tampered with).
Result<model::Baseline> CurrentBaseline(const BaselineFiles& files) {
  if (!Exists(files.baseline)) return model::Baseline{};
  auto loaded = LoadVerifiedBaseline(files);
  if (!loaded) return tl::make_unexpected(loaded.error());
  return loaded->baseline;
}

std::string Label(const model::ApprovedServer& s) { return s.host + "/" + s.name; }

}  // namespace

std::string Approver(const Environment& env) { return UserName(env); }

Result<signing::SecretKey> LoadSigningKey(const std::string& path,
                                          const std::function<Result<std::string>()>& passphrase) {
  auto text = ReadFileCapped(path, 4096);
  if (!text) {
    if (text.error().code == Errc::kNotFound) {
      return Fail(Errc::kNotFound, "no signing key: run 'mcpguard keygen' first", path);
    }
    return tl::make_unexpected(text.error());
  }
  // minisign -W keys start "RWQAA" ("Ed" then a zero KDF id); encrypted ones "RWRTY0Iy".
  const size_t line2 = text->find('\n');
  const bool encrypted = line2 == std::string::npos || text->compare(line2 + 1, 5, "RWQAA") != 0;
  if (!encrypted) {
    auto key = signing::ParseSecretKey(*text, path, std::nullopt);
    signing::Wipe(*text);
    return key;
  }
  if (!passphrase) return Fail(Errc::kInvalidArgument, "the signing key needs a passphrase", path);
  auto pass = passphrase();
  if (!pass) return tl::make_unexpected(pass.error());
  auto key = signing::ParseSecretKey(*text, path, std::string_view(*pass));
  signing::Wipe(*pass);
  signing::Wipe(*text);
  return key;
}

Result<ApproveOutcome> Approve(const ApproveOptions& options, const Environment& env) {
  if (options.servers.empty() && !options.all) {
    return Fail(Errc::kInvalidArgument, "name the servers to approve, or pass --all");
  }
  auto scanned = Scan(options.scan, env);
  if (!scanned) return tl::make_unexpected(scanned.error());
  const model::Snapshot& snap = scanned->snapshot;
  const std::string home = snap.homes.empty() ? std::string() : snap.homes.front();
  const BaselineFiles files = BaselineFilesFor(PathsFor(env), options.scan.root, true);
  auto baseline = CurrentBaseline(files);
  if (!baseline) return tl::make_unexpected(baseline.error());

  ApproveOutcome out;
  out.baseline_path = files.baseline;
  std::vector<model::ApprovedServer> chosen;
  std::vector<std::string> lines;
  std::vector<std::string> missing = options.servers;
  for (const model::ConfigFile& cf : snap.configs) {
    for (const model::Server& s : cf.servers) {
      const bool named = std::find(options.servers.begin(), options.servers.end(), s.name) != options.servers.end();
      if (!options.all && !named) continue;
      missing.erase(std::remove(missing.begin(), missing.end(), s.name), missing.end());
      // Asked to pin what it serves, a server that could not be probed is not approved half-way.
      if (s.surface && !s.surface->Ok()) {
        return Fail(Errc::kProtocol, "cannot approve " + s.host + "/" + s.name + ": probe failed: " + s.surface->error);
      }
      model::ApprovedServer a = ApprovedForm(s, home);
      a.approved_at = NowUtc();
      a.approved_by = Approver(env);
      const model::ApprovedServer* was = baseline->Find(a.Key());
      // Approved without --probe, a server keeps the surface it was approved
      // with, or takes the one the exec guard recorded for it (app/guard.h).
      if (!a.surface) {
        if (auto pending = LoadPendingSurface(PathsFor(env).state_dir, a.Key())) a.surface = std::move(pending);
        else if (was != nullptr) a.surface = was->surface;
      }
      if (was == nullptr) {
        out.added.push_back(Label(a));
        lines.push_back("+ " + Label(a) + "  " + a.transport + "  " + (a.url.empty() ? a.command : a.url));
      } else if (auto diff = Differences(*was, a); !diff.empty()) {
        out.changed.push_back(Label(a) + ": " + Join(diff, ", "));
        lines.push_back("~ " + Label(a) + "  changed: " + Join(diff, ", "));
      } else {
        out.unchanged.push_back(Label(a));
        continue;
      }
      chosen.push_back(std::move(a));
    }
  }
  if (!missing.empty()) {
    return Fail(Errc::kNotFound, "no configured server named " + Join(missing, ", ") +
                                     (options.scan.hosts.empty() ? "" : " in the chosen hosts"));
  }
  if (chosen.empty()) return out;  // everything asked for is approved already
  if (options.confirm && !options.confirm(lines)) {
    out.cancelled = true;
    return out;
  }
  auto key = LoadSigningKey(files.secret_key, options.passphrase);
  if (!key) return tl::make_unexpected(key.error());
  for (model::ApprovedServer& a : chosen) {
    auto& list = baseline->servers;
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const model::ApprovedServer& x) { return x.Key() == a.Key(); }),
               list.end());
    list.push_back(std::move(a));
  }
  if (auto w = WriteSignedBaseline(files, *baseline, *key, Approver(env)); !w) return tl::make_unexpected(w.error());
  return out;
}

Result<std::vector<std::string>> Revoke(const RevokeOptions& options, const Environment& env) {
  if (options.servers.empty()) return Fail(Errc::kInvalidArgument, "name the servers to revoke");
  const BaselineFiles files = BaselineFilesFor(PathsFor(env), options.root, true);
  auto loaded = LoadVerifiedBaseline(files);
  if (!loaded) return tl::make_unexpected(loaded.error());
  model::Baseline b = loaded->baseline;
  std::vector<std::string> removed;
  auto matches = [&](const model::ApprovedServer& s) {
    if (!options.host.empty() && s.host != options.host) return false;
    return std::any_of(options.servers.begin(), options.servers.end(),
                       [&](const std::string& n) { return n == s.name || n == s.Key(); });
  };
  for (const model::ApprovedServer& s : b.servers) {
    if (matches(s)) removed.push_back(s.Key());
  }
  if (removed.empty()) return Fail(Errc::kNotFound, "no approved server named " + Join(options.servers, ", "));
  b.servers.erase(std::remove_if(b.servers.begin(), b.servers.end(), matches), b.servers.end());
  auto key = LoadSigningKey(files.secret_key, options.passphrase);
  if (!key) return tl::make_unexpected(key.error());
  if (auto w = WriteSignedBaseline(files, b, *key, Approver(env)); !w) return tl::make_unexpected(w.error());
  return removed;
}

}  // namespace mcpguard::app

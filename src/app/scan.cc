#include "app/scan.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <optional>
#include <set>

#include "app/resolver.h"
#include "app/settings.h"
#include "base/clock.h"
#include "base/file.h"
#include "base/path.h"
#include "base/text.h"
#include "classify/credentials.h"
#include "classify/findings.h"
#include "classify/redact.h"
#include "crypto/fingerprint.h"
#include "discovery/candidates.h"
#include "history/tracked.h"
#include "pinning/checks.h"
#include "pinning/launch.h"
#include "pinning/packages.h"
#include "pinning/resolve.h"
#include "pinning/stat_cache.h"
#include "poisoning/checks.h"
#include "discovery/projects.h"
#include "inventory/load.h"
#include "rules/catalog.h"
#include "rules/credentials.h"

namespace mcpguard::app {
namespace {

// Homes of the accounts in <root>/etc/passwd that can log in: uid 0 and
// uid >= 1000, with an existing home directory.
std::vector<std::string> PasswdHomes(const std::string& root) {
  std::vector<std::string> homes;
  auto text = ReadFileCapped(root + "/etc/passwd");
  if (!text) return homes;
  for (const std::string& line : Split(*text, '\n')) {
    std::vector<std::string> f = Split(line, ':');
    if (f.size() < 7) continue;
    char* end = nullptr;
    const long uid = std::strtol(f[2].c_str(), &end, 10);
    if (end == f[2].c_str() || (uid != 0 && (uid < 1000 || uid == 65534))) continue;
    const std::string home = root + f[5];
    if (IsAbsolutePath(f[5]) && IsDirectory(home)) homes.push_back(CleanPath(home));
  }
  std::sort(homes.begin(), homes.end());
  homes.erase(std::unique(homes.begin(), homes.end()), homes.end());
  return homes;
}

// The environment a host would see for another user's home: only HOME (and
// USERPROFILE) differ; our own XDG_* settings do not apply to them.
Environment EnvFor(const std::string& home, const Environment& own, const std::string& own_home) {
  if (home == own_home) return own;
  Environment env;
  env.Set("HOME", home);
  env.Set("USERPROFILE", home);
  return env;
}

// The credentials of every server, and the findings about them. A key that
// cannot be kept (a read-only config dir) gives per-run fingerprints and a
// warning rather than no scan.
Result<void> ClassifyCredentials(const ScanOptions& options, const Environment& env, model::Snapshot& snap) {
  auto rules = rules::LoadCredentialRules(options.signatures_dir);
  if (!rules) return tl::make_unexpected(rules.error());
  const Paths paths = PathsFor(env);
  auto settings = LoadSettings(paths);
  if (!settings) return tl::make_unexpected(settings.error());
  auto key = FingerprintKeyFor(paths, *settings);
  if (!key) {
    if (!settings->fingerprint_key.empty()) return tl::make_unexpected(key.error());
    snap.diagnostics.push_back(model::Diagnostic{model::Diagnostic::Severity::kWarning, key.error().path, {},
                                                 key.error().message + "; fingerprints are valid for this run only"});
    key = crypto::RandomFingerprintKey();
  }
  classify::ClassifyContext ctx{&*rules, &*key, &env, options.now_unix != 0 ? options.now_unix : std::time(nullptr)};
  for (model::ConfigFile& cf : snap.configs) {
    bool plaintext = false;
    for (model::Server& s : cf.servers) {
      classify::ClassifyServer(s, ctx);
      for (const model::Credential& c : s.credentials) plaintext |= c.storage == "plaintext";
    }
    // Only where it matters: a committed file with secrets in it.
    if (plaintext && options.findings) cf.git_tracked = history::IsTrackedByGit(cf.path);
  }
  if (options.findings) snap.findings = classify::CredentialFindings(snap.configs, *rules);
  return {};
}

// Stat facts about the file a server runs, for the "writable by others" checks.
pinning::PathFacts FactsOf(const std::string& path) {
  pinning::PathFacts facts{};
  struct stat st {};
  if (path.empty() || ::stat(path.c_str(), &st) != 0) return facts;
  // Anyone who can write to a directory above the file can replace what is
  // below it, unless the sticky bit protects the entries (as on /tmp).
  bool writable_above = false;
  for (std::string dir = Dirname(path); !writable_above; dir = Dirname(dir)) {
    struct stat d {};
    writable_above = ::stat(dir.c_str(), &d) == 0 && (d.st_mode & 0002) != 0 && (d.st_mode & S_ISVTX) == 0;
    if (dir == "/" || dir == ".") break;
  }
  facts.world_writable = (st.st_mode & 0002) != 0 || writable_above;
  facts.other_owner = st.st_uid != 0 && st.st_uid != ::geteuid();
  return facts;
}

// Pinning, once the Resolver has found and hashed what each server runs and
// the credentials are known: what is shown of each artifact is redacted like
// the server's arguments, and checked.
Result<void> PinArtifacts(const ScanOptions& options, Resolved resolved, model::Snapshot& snap) {
  std::optional<pinning::PackageRules> packages;
  if (options.findings) {
    auto loaded = pinning::LoadPackageRules(options.signatures_dir);
    if (!loaded) return tl::make_unexpected(loaded.error());
    packages = std::move(*loaded);
  }
  size_t i = 0;
  for (model::ConfigFile& cf : snap.configs) {
    for (model::Server& s : cf.servers) {
      std::optional<model::Artifact>& a = resolved.artifacts.at(i++);
      if (!a) continue;
      classify::RedactArtifact(*a, s);
      if (packages) {
        const pinning::PathFacts facts = FactsOf(a->path);
        for (model::Finding& f : pinning::LaunchFindings(cf, s, *a, *packages, a->path.empty() ? nullptr : &facts)) {
          snap.findings.push_back(std::move(f));
        }
      }
      s.artifact = std::move(*a);
    }
  }
  if (const std::optional<Error>& e = resolved.cache_not_saved) {
    snap.diagnostics.push_back(
        model::Diagnostic{model::Diagnostic::Severity::kWarning, e->path, {}, "hash cache not saved: " + e->message});
  }
  snap.files_hashed = resolved.stats.files_hashed;
  snap.files_from_cache = resolved.stats.files_from_cache;
  return {};
}

}  // namespace

Result<ScanOutcome> Scan(const ScanOptions& options, const Environment& env, const ScanHooks& hooks) {
  auto catalog = rules::LoadCatalog(options.signatures_dir);
  if (!catalog) return tl::make_unexpected(catalog.error());
  for (const std::string& id : options.hosts) {
    if (catalog->FindHost(id) == nullptr) {
      std::vector<std::string> ids;
      for (const rules::HostSpec& h : catalog->hosts) ids.push_back(h.id);
      return Fail(Errc::kInvalidArgument, "unknown host '" + id + "' (known: " + Join(ids, ", ") + ")");
    }
  }
  const Os os = options.os.value_or(CurrentOs());
  // A probe runs the servers here, as us: not those of another OS's layout,
  // nor, as root, other users' servers.
  if (options.probe && os != CurrentOs()) {
    return Fail(Errc::kInvalidArgument, "--probe starts servers on this machine: it cannot be used with --os " +
                                            std::string(OsName(os)));
  }
  if (options.probe && options.all_users) {
    return Fail(Errc::kInvalidArgument, "--probe would run other users' servers as this user: not with --all-users");
  }
  const std::string own_home = discovery::HomeOf(env, os);
  std::vector<std::string> homes{own_home};
  if (options.all_users) {
    if (::geteuid() != 0 && options.root.empty()) {
      return Fail(Errc::kPermission, "--all-users reads every user's files: run it as root");
    }
    for (std::string& h : PasswdHomes(options.root)) homes.push_back(std::move(h));
    std::sort(homes.begin(), homes.end());
    homes.erase(std::unique(homes.begin(), homes.end()), homes.end());
  }

  ScanOutcome outcome;
  model::Snapshot& snap = outcome.snapshot;
  // libsodium picks its fastest code in sodium_init: once, before the
  // resolver's thread uses it. The resolver is declared after the snapshot
  // it reads, so it is joined before the snapshot goes.
  if (auto r = crypto::InitSodium(); !r) return tl::make_unexpected(r.error());
  Resolver resolver(env, os, own_home, catalog->path_fallbacks);
  snap.tool_version = options.tool_version;
  snap.generated_at = NowUtc();
  snap.os = std::string(OsName(os));
  snap.homes = homes;

  std::vector<discovery::Candidate> candidates;
  std::set<std::string> project_roots;
  auto add_project = [&](const std::string& root, const std::string& found_by) {
    if (!project_roots.insert(root).second) return;
    auto more = discovery::ProjectCandidates(*catalog, root, found_by, options.hosts);
    candidates.insert(candidates.end(), more.begin(), more.end());
  };
  for (const std::string& home : homes) {
    discovery::Context ctx{os, EnvFor(home, env, own_home), home, options.root};
    if (hooks.progress) hooks.progress("looking in " + home);
    auto user = discovery::UserCandidates(*catalog, ctx, options.hosts);
    candidates.insert(candidates.end(), user.begin(), user.end());
    for (const discovery::ProjectRoot& p : discovery::RememberedProjects(*catalog, ctx)) add_project(p.path, p.found_by);
  }
  if (!options.cwd.empty()) {
    for (const discovery::ProjectRoot& p : discovery::CwdProjects(options.cwd)) add_project(p.path, p.found_by);
  }
  for (const std::string& dir : options.deep_dirs) {
    discovery::WalkOptions wo;
    wo.host_ids = options.hosts;
    wo.interrupted = hooks.interrupted;
    if (hooks.progress) {
      wo.progress = [&](const discovery::WalkStats& s) {
        hooks.progress("walking " + dir + " (" + std::to_string(s.directories) + " directories)");
      };
    }
    auto stats = discovery::DeepWalk(dir, *catalog, wo, [&](discovery::Candidate c) {
      project_roots.insert(c.project);
      candidates.push_back(std::move(c));
    });
    if (!stats) {
      const Error& e = stats.error();
      snap.diagnostics.push_back(model::Diagnostic{model::Diagnostic::Severity::kError, dir, {},
                                                   "--deep: " + e.message});
      continue;
    }
    outcome.walk.directories += stats->directories;
    outcome.walk.entries += stats->entries;
    outcome.walk.unreadable += stats->unreadable;
  }
  if (hooks.interrupted != nullptr && hooks.interrupted->load()) {
    outcome.interrupted = true;
    snap.diagnostics.push_back(model::Diagnostic{model::Diagnostic::Severity::kError, {}, {}, "interrupted"});
  }
  if (hooks.progress) hooks.progress("reading " + std::to_string(candidates.size()) + " config files");
  snap.configs = inventory::LoadConfigs(candidates, *catalog);
  if (!options.only_servers.empty()) {
    for (model::ConfigFile& cf : snap.configs) {
      std::erase_if(cf.servers, [&](const model::Server& s) {
        return std::find(options.only_servers.begin(), options.only_servers.end(), s.name) == options.only_servers.end();
      });
    }
  }
  if (hooks.progress) hooks.progress("pinning what each server runs");
  // The classifier writes only each server's credential fields, which
  // resolving does not read; snap.configs keeps its shape until Finish.
  resolver.Submit(snap);
  auto classified = ClassifyCredentials(options, env, snap);
  Resolved resolved = resolver.Finish();
  if (!classified) return tl::make_unexpected(classified.error());
  auto pinned = PinArtifacts(options, std::move(resolved), snap);
  if (!pinned) return tl::make_unexpected(pinned.error());
  if (options.probe) {
    auto probed = ProbeSnapshot(*options.probe, env, own_home, options.tool_version, snap, hooks.progress,
                                hooks.interrupted);
    if (!probed) return tl::make_unexpected(probed.error());
    if (hooks.interrupted != nullptr && hooks.interrupted->load()) outcome.interrupted = true;
  }
  // Poisoning checks over what probed servers serve; nothing to load when
  // no server was probed.
  bool surfaces = false;
  for (const model::ConfigFile& cf : snap.configs) {
    for (const model::Server& server : cf.servers) {
      if (server.surface) surfaces = true;
    }
  }
  if (surfaces && options.findings) {
    auto checked = poisoning::CheckSnapshot(snap, options.signatures_dir);
    if (!checked) return tl::make_unexpected(checked.error());
  }
  classify::SortFindings(snap.findings);
  return outcome;
}

}  // namespace mcpguard::app

#include "pinning/resolve.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include "base/file.h"
#include "base/path.h"
#include "base/text.h"
#include "pinning/hash.h"
#include "pinning/launch.h"
#include "pinning/npx.h"
#include "pinning/pypi.h"

namespace mcpguard::pinning {
namespace {

std::string ExpandHome(const std::string& p, const std::string& home) {
  if (p == "~" || StartsWith(p, "~/")) return home + p.substr(1);
  return p;
}

bool IsExecutableFile(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111) != 0;
}

// Every directory a (possibly globbed) entry names, newest-looking last
// component first: ~/.nvm/versions/node/v22.1.0/bin before v20...
std::vector<std::string> ExpandDir(const std::string& dir) {
  if (dir.find('*') == std::string::npos) return {dir};
  const size_t star = dir.find('*');
  const size_t slash = dir.rfind('/', star);
  const size_t next = dir.find('/', star);
  const std::string parent = dir.substr(0, slash);
  const std::string pattern = dir.substr(slash + 1, next == std::string::npos ? std::string::npos : next - slash - 1);
  const std::string rest = next == std::string::npos ? "" : dir.substr(next);
  std::vector<std::string> out;
  auto names = ListDir(parent);
  if (!names) return out;
  std::vector<std::string> matches;
  for (const std::string& n : *names) {
    if (GlobMatch(pattern, n)) matches.push_back(n);
  }
  std::reverse(matches.begin(), matches.end());
  for (const std::string& m : matches) out.push_back(parent + "/" + m + rest);
  return out;
}

// A path written for Windows ("C:\tools\x.exe") names nothing here.
bool ForeignPath(const std::string& p) {
  return p.find('\\') != std::string::npos || (p.size() > 1 && p[1] == ':');
}

void HashFile(model::Artifact& a, const std::string& path, const ResolveContext& ctx, ResolveStats& stats) {
  char real[PATH_MAX];
  a.path = ::realpath(path.c_str(), real) != nullptr ? std::string(real) : path;
  bool hashed = false;
  auto sha = Sha256FileCached(a.path, ctx.cache, &hashed);
  if (!sha) {
    a.resolution = "unreadable: " + sha.error().message;
    return;
  }
  (hashed ? stats.files_hashed : stats.files_from_cache) += 1;
  a.sha256 = *sha;
  a.resolution = "resolved";
}

// The tree hash of the installed directory at a.path.
void HashInstalledTree(model::Artifact& a, const ResolveContext& ctx, ResolveStats& stats,
                       const TreeOptions& options) {
  auto tree = HashTree(a.path, ctx.cache, options);
  if (!tree) {
    a.resolution = "unreadable: " + tree.error().message;
    return;
  }
  a.tree_sha256 = tree->sha256;
  a.files = tree->files;
  stats.files_hashed += tree->hashed;
  stats.files_from_cache += tree->files - tree->hashed;
  a.resolution = "resolved";
}

void ResolveNpm(model::Artifact& a, const model::Server& s, const ResolveContext& ctx, ResolveStats& stats) {
  // Only npx (npm exec) keeps packages in <npm cache>/_npx; pnpm, yarn and
  // bun have caches of their own, not read yet.
  if (a.launcher != "npx" && a.launcher != "npm exec" && a.launcher != "npm x") {
    a.resolution = "not resolved: the " + a.launcher + " cache is not read yet";
    return;
  }
  // The server's own npm_config_cache wins: that is the environment npx runs in.
  Environment env = ctx.env != nullptr ? *ctx.env : Environment();
  for (const model::NamedValue& v : s.env) {
    if ((v.name == "npm_config_cache" || v.name == "NPM_CONFIG_CACHE") && v.reference.empty()) env.Set(v.name, v.value);
  }
  // Server env first, as above, for the global prefix too.
  for (const model::NamedValue& v : s.env) {
    if ((v.name == "npm_config_prefix" || v.name == "NPM_CONFIG_PREFIX") && v.reference.empty()) env.Set(v.name, v.value);
  }
  const std::string npx_path = FindExecutable(s.command, SearchPath(s, ctx));
  if (auto global = FindGlobalInstall(NpmGlobalPrefixes(env, ctx.home, npx_path, ctx.os), a.name, ctx.os)) {
    // npx runs a global install whose version the spec accepts instead of
    // anything in its cache. Offline, only an exact pin can be checked; for
    // a bare name or a tag it depends on the registry's latest version.
    if (a.pin == "exact" && global->version == a.version) {
      a.path = global->package_dir;
      a.installed_version = global->version;
      a.integrity = global->integrity;
      HashInstalledTree(a, ctx, stats, {});
      if (a.resolution == "resolved") a.resolution = "resolved: the global install, which npx runs before its cache";
      return;
    }
    if (a.pin != "exact") a.global_shadow = a.name + "@" + global->version + " at " + global->package_dir;
  }
  const std::string cache = NpmCacheDir(env, ctx.home, ctx.os);
  NpxInstall install = FindNpxInstall(cache, a.spec, a.name);
  if (!install.present) {
    a.resolution = "not installed: npx downloads it at first launch";
    return;
  }
  a.path = install.package_dir;
  a.installed_version = install.version;
  a.integrity = install.integrity;
  HashInstalledTree(a, ctx, stats, {});
}

void ResolvePypi(model::Artifact& a, const ResolveContext& ctx, ResolveStats& stats) {
  const Environment env = ctx.env != nullptr ? *ctx.env : Environment();
  // An exact pin must find that version; anything else takes what uvx/pipx reuses.
  PypiInstall install = FindPypiInstall(env, ctx.home, a.launcher, a.name, a.pin == "exact" ? a.version : "");
  if (install.env_dir.empty()) {
    a.resolution = "not installed: " + a.launcher + " installs it at first launch";
    return;
  }
  a.path = install.env_dir;
  a.installed_version = install.version;
  // The whole environment runs (the package and its dependencies); byte
  // code caches change on every run and are not code that was installed.
  TreeOptions options;
  options.skip_names = {"__pycache__"};
  HashInstalledTree(a, ctx, stats, options);
}

}  // namespace

std::string FindExecutable(const std::string& command, const std::vector<std::string>& dirs) {
  if (command.find('/') != std::string::npos) return IsExecutableFile(command) ? command : std::string();
  for (const std::string& entry : dirs) {
    for (const std::string& dir : ExpandDir(entry)) {
      const std::string candidate = JoinPath(dir, command);
      if (IsExecutableFile(candidate)) return candidate;
    }
  }
  return {};
}

std::vector<std::string> SearchPath(const model::Server& server, const ResolveContext& ctx) {
  std::vector<std::string> dirs;
  auto add = [&](const std::string& path_var) {
    for (const std::string& d : Split(path_var, ':')) {
      if (IsAbsolutePath(d)) dirs.push_back(d);
    }
  };
  for (const model::NamedValue& v : server.env) {
    if (v.name == "PATH" && v.reference.empty()) add(v.value);
  }
  if (ctx.env != nullptr) {
    if (auto p = ctx.env->Get("PATH")) add(*p);
  }
  for (const std::string& f : ctx.path_fallbacks) dirs.push_back(ExpandHome(f, ctx.home));
  return dirs;
}

void ResolveArtifact(model::Artifact& a, const model::Server& s, const ResolveContext& ctx, ResolveStats& stats) {
  // A bridge run by npx (mcp-remote) is an npm package too: its code runs.
  if (a.kind == "npm" || (a.kind == "remote" && ArtifactEcosystem(a) == "npm")) {
    ResolveNpm(a, s, ctx, stats);
    return;
  }
  if (a.kind == "binary" || a.kind == "script" || a.kind == "jar") {
    std::string target = a.kind == "binary" ? s.command : a.spec;
    if (target.empty() || StartsWith(target, "-")) {
      a.resolution = "not resolved";
      return;
    }
    if (ForeignPath(target)) {
      a.resolution = "not found: a Windows path";
      return;
    }
    target = ExpandHome(target, ctx.home);
    std::string found;
    if (a.kind == "binary") {
      found = FindExecutable(target, SearchPath(s, ctx));
    } else {
      // A script is relative to the server's working directory, else to
      // where the host starts it: the project, else the config's directory.
      const std::string base = !s.cwd.empty() ? ExpandHome(s.cwd, ctx.home)
                                              : (!s.project.empty() ? s.project : Dirname(s.config_path));
      found = ResolvePath(base, target);
      if (!Exists(found)) found.clear();
    }
    if (found.empty()) {
      a.resolution = "not found";
      return;
    }
    HashFile(a, found, ctx, stats);
    return;
  }
  if (a.kind == "docker") {
    a.resolution = a.pinned ? "pinned by digest" : "not resolved offline: the tag can move";
    return;
  }
  if (a.kind == "pypi") {
    ResolvePypi(a, ctx, stats);
    return;
  }
  a.resolution = "nothing to resolve";
}

}  // namespace mcpguard::pinning

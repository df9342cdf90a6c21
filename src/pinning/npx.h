// Where npx (npm exec) keeps the package it runs, and what is there
// (threats.md §6.1): <npm cache>/_npx/<first 16 hex of SHA-512 of the spec as
// typed>/, holding package.json, package-lock.json and node_modules/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/environment.h"

namespace mcpguard::pinning {

// "3dfbf5a9eea4a1b3" for "@modelcontextprotocol/server-github".
std::string NpxCacheKey(const std::string& spec);

// The npm cache root: npm_config_cache (server env first, then `env`), else
// ~/.npm (%LOCALAPPDATA%/npm-cache on Windows layouts).
std::string NpmCacheDir(const Environment& env, const std::string& home, Os os);

struct NpxInstall {
  std::string dir;              // <cache>/_npx/<key>
  bool present = false;
  std::string package_dir;      // <dir>/node_modules/<name>
  std::string version;          // from package-lock.json
  std::string integrity;        // sha512-... of the tarball, from package-lock.json
};

// Reads the npx install for `spec` (package `name`) under `cache_dir`.
NpxInstall FindNpxInstall(const std::string& cache_dir, const std::string& spec, const std::string& name);

// npx looks for the package among the global installs before its cache
// (libnpmexec; threats.md §6.1), so a global copy can shadow the one a pin
// names. The global prefixes, most specific first: npm_config_prefix (from
// `env`, which holds the server's own env over the user's), `prefix=` in
// ~/.npmrc, and the prefix of the npm that `npx_path` belongs to.
std::vector<std::string> NpmGlobalPrefixes(const Environment& env, const std::string& home,
                                           const std::string& npx_path, Os os);

struct GlobalInstall {
  std::string package_dir;  // <prefix>/lib/node_modules/<name>
  std::string version;      // its package.json "version"
  std::string integrity;    // from the prefix's hidden lockfile, when it has one
};

// The first global install of `name` under `prefixes`; nullopt when none.
std::optional<GlobalInstall> FindGlobalInstall(const std::vector<std::string>& prefixes, const std::string& name,
                                               Os os);

}  // namespace mcpguard::pinning

// Where npx (npm exec) keeps the package it runs, and what is there
// (threats.md §6.1): <npm cache>/_npx/<first 16 hex of SHA-512 of the spec as
// typed>/, holding package.json, package-lock.json and node_modules/.
#pragma once

#include <string>

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

}  // namespace mcpguard::pinning

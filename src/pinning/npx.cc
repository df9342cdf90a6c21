#include "pinning/npx.h"

#include <limits.h>
#include <stdlib.h>

#include <algorithm>

#include "base/file.h"
#include "base/path.h"
#include "base/text.h"
#include "crypto/sha256.h"
#include "pinning/hash.h"
#include "formats/parse.h"

namespace mcpguard::pinning {

std::string NpxCacheKey(const std::string& spec) {
  // libsodium, not OpenSSL: no provider start-up for a 30-byte input.
  return crypto::Sha512Hex(spec).substr(0, 16);
}

std::string NpmCacheDir(const Environment& env, const std::string& home, Os os) {
  for (const char* var : {"npm_config_cache", "NPM_CONFIG_CACHE"}) {
    if (auto v = env.Get(var); v && IsAbsolutePath(*v)) return *v;
  }
  if (os == Os::kWindows) {
    return JoinPath(env.GetOr("LOCALAPPDATA", JoinPath(home, "AppData/Local")), "npm-cache");
  }
  return JoinPath(home, ".npm");
}

NpxInstall FindNpxInstall(const std::string& cache_dir, const std::string& spec, const std::string& name) {
  NpxInstall out;
  out.dir = JoinPath(JoinPath(cache_dir, "_npx"), NpxCacheKey(spec));
  if (!IsDirectory(out.dir)) return out;
  out.present = true;
  out.package_dir = JoinPath(JoinPath(out.dir, "node_modules"), name);
  auto text = ReadFileCapped(JoinPath(out.dir, "package-lock.json"));
  if (!text) return out;
  auto doc = formats::Parse(*text, formats::Format::kJson);
  if (!doc) return out;
  const formats::Node* packages = doc->root.Find("packages");
  if (packages == nullptr) return out;
  const formats::Node* entry = packages->Find("node_modules/" + name);
  if (entry == nullptr) return out;
  if (const formats::Node* v = entry->Find("version"); v != nullptr && v->IsString()) out.version = v->str;
  if (const formats::Node* i = entry->Find("integrity"); i != nullptr && i->IsString()) out.integrity = i->str;
  return out;
}

namespace {

std::string StringField(const formats::Node* table, std::string_view key) {
  const formats::Node* v = table != nullptr ? table->Find(key) : nullptr;
  return v != nullptr && v->IsString() ? v->str : std::string();
}

// `prefix=` in an npmrc file (ini: `key = value`, `;` and `#` comments).
std::string NpmrcPrefix(const std::string& npmrc, const std::string& home) {
  auto text = ReadFileCapped(npmrc, 1 << 20);
  if (!text) return {};
  for (std::string line : Split(*text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = line.substr(0, eq);
    std::string value = line.substr(eq + 1);
    key.erase(0, key.find_first_not_of(" \t"));
    key.erase(key.find_last_not_of(" \t") + 1);
    if (key != "prefix") continue;
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t") + 1);
    if (StartsWith(value, "~/")) value = home + value.substr(1);
    return IsAbsolutePath(value) ? value : std::string();
  }
  return {};
}

}  // namespace

std::vector<std::string> NpmGlobalPrefixes(const Environment& env, const std::string& home,
                                           const std::string& npx_path, Os os) {
  std::vector<std::string> out;
  auto add = [&](const std::string& p) {
    if (!p.empty() && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  };
  for (const char* var : {"npm_config_prefix", "NPM_CONFIG_PREFIX"}) {
    if (auto v = env.Get(var); v && IsAbsolutePath(*v)) add(*v);
  }
  add(NpmrcPrefix(JoinPath(home, ".npmrc"), home));
  if (!npx_path.empty()) {
    // <prefix>/bin/npx -> <prefix>/lib/node_modules/npm/bin/npx-cli.js; on
    // Windows npx.cmd sits in the prefix itself.
    char real[PATH_MAX];
    const std::string target = ::realpath(npx_path.c_str(), real) != nullptr ? std::string(real) : npx_path;
    const std::string marker = "/lib/node_modules/npm/";
    if (const size_t at = target.find(marker); at != std::string::npos) {
      add(target.substr(0, at));
    } else {
      add(os == Os::kWindows ? Dirname(npx_path) : Dirname(Dirname(npx_path)));
    }
  }
  return out;
}

std::optional<GlobalInstall> FindGlobalInstall(const std::vector<std::string>& prefixes, const std::string& name,
                                               Os os) {
  for (const std::string& prefix : prefixes) {
    const std::string modules = os == Os::kWindows ? JoinPath(prefix, "node_modules")
                                                   : JoinPath(prefix, "lib/node_modules");
    const std::string dir = JoinPath(modules, name);
    auto text = ReadFileCapped(JoinPath(dir, "package.json"), 4 << 20);
    if (!text) continue;
    auto doc = formats::Parse(*text, formats::Format::kJson);
    if (!doc || StringField(&doc->root, "name") != name) continue;
    GlobalInstall g;
    g.package_dir = dir;
    g.version = StringField(&doc->root, "version");
    // npm keeps a hidden lockfile for the global tree, as for a project.
    if (auto lock = ReadFileCapped(JoinPath(modules, ".package-lock.json"))) {
      if (auto ldoc = formats::Parse(*lock, formats::Format::kJson)) {
        const formats::Node* packages = ldoc->root.Find("packages");
        const formats::Node* entry = packages != nullptr ? packages->Find("node_modules/" + name) : nullptr;
        if (StringField(entry, "version") == g.version) g.integrity = StringField(entry, "integrity");
      }
    }
    return g;
  }
  return std::nullopt;
}

}  // namespace mcpguard::pinning

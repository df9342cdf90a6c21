#include "pinning/npx.h"

#include "base/file.h"
#include "base/path.h"
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

}  // namespace mcpguard::pinning

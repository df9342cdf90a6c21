#include "pinning/npx.h"

#include <openssl/evp.h>

#include "base/file.h"
#include "base/path.h"
#include "pinning/hash.h"
#include "formats/parse.h"

namespace mcpguard::pinning {

std::string NpxCacheKey(const std::string& spec) {
  InitOpenSsl();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(spec.data(), spec.size(), digest, &len, EVP_sha512(), nullptr) != 1) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < 8 && i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
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

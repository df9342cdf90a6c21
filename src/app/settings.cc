#include "app/settings.h"

#include <utility>

#include "base/file.h"
#include "base/path.h"
#include "formats/parse.h"

namespace mcpguard::app {
namespace {

std::string XdgDir(const Environment& env, const char* var, const char* fallback) {
  if (auto v = env.Get(var); v && IsAbsolutePath(*v)) return JoinPath(*v, "mcpguard");
  return JoinPath(JoinPath(env.GetOr("HOME", "/"), fallback), "mcpguard");
}

}  // namespace

Paths PathsFor(const Environment& env) {
  return Paths{XdgDir(env, "XDG_CONFIG_HOME", ".config"), XdgDir(env, "XDG_STATE_HOME", ".local/state"),
               XdgDir(env, "XDG_CACHE_HOME", ".cache")};
}

Result<Settings> LoadSettings(const Paths& paths) {
  Settings s;
  const std::string path = JoinPath(paths.config_dir, "config.toml");
  auto text = ReadFileCapped(path, 1u << 20);
  if (!text) {
    if (text.error().code == Errc::kNotFound) return s;
    return tl::make_unexpected(text.error());
  }
  auto doc = formats::Parse(*text, formats::Format::kToml);
  if (!doc) {
    Error e = doc.error();
    e.path = path;
    return tl::make_unexpected(e);
  }
  s.path = path;
  if (const formats::Node* key = doc->root.Find("fingerprint_key")) {
    if (!key->IsString()) {
      return Fail(Errc::kParse, "fingerprint_key must be a string of 64 hexadecimal digits", path,
                  static_cast<int>(key->pos.line), static_cast<int>(key->pos.col));
    }
    s.fingerprint_key = key->str;
  }
  for (auto [name, field] : {std::pair{"machine_id", &s.machine_id}, std::pair{"history_remote", &s.history_remote}}) {
    if (const formats::Node* node = doc->root.Find(name)) {
      if (!node->IsString()) {
        return Fail(Errc::kParse, std::string(name) + " must be a string", path, static_cast<int>(node->pos.line),
                    static_cast<int>(node->pos.col));
      }
      *field = node->str;
    }
  }
  return s;
}

Result<crypto::FingerprintKey> FingerprintKeyFor(const Paths& paths, const Settings& settings) {
  if (auto r = crypto::InitSodium(); !r) return tl::make_unexpected(r.error());
  if (!settings.fingerprint_key.empty()) {
    auto key = crypto::FingerprintKeyFromHex(settings.fingerprint_key);
    if (!key) return Fail(Errc::kParse, "fingerprint_key: " + key.error().message, settings.path);
    return key;
  }
  return crypto::LoadOrCreateFingerprintKey(JoinPath(paths.config_dir, "fingerprint.key"));
}

}  // namespace mcpguard::app

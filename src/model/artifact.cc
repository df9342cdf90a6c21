#include "model/artifact.h"

#include <nlohmann/json.hpp>

namespace mcpguard::model {

void to_json(nlohmann::json& j, const Artifact& a) {
  j = nlohmann::json::object();
  j["kind"] = a.kind;
  auto put = [&](const char* key, const std::string& v) {
    if (!v.empty()) j[key] = v;
  };
  put("launcher", a.launcher);
  put("spec", a.spec);
  put("name", a.name);
  put("version", a.version);
  j["pin"] = a.pin;
  j["pinned"] = a.pinned;
  put("digest", a.digest);
  put("remote_url", a.remote_url);
  if (!a.flags.empty()) j["flags"] = a.flags;
  put("wrapper", a.wrapper);
  put("path", a.path);
  put("installed_version", a.installed_version);
  put("integrity", a.integrity);
  put("sha256", a.sha256);
  put("tree_sha256", a.tree_sha256);
  if (a.files > 0) j["files"] = a.files;
  put("resolution", a.resolution);
  put("global_shadow", a.global_shadow);
}

}  // namespace mcpguard::model

#include "model/surface.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace mcpguard::model {

const SurfaceItem* Surface::Find(std::string_view kind, std::string_view name) const {
  auto it = std::find_if(items.begin(), items.end(),
                         [&](const SurfaceItem& i) { return i.kind == kind && i.name == name; });
  return it == items.end() ? nullptr : &*it;
}

namespace {

template <typename T>
void Get(const nlohmann::json& j, const char* key, T& out) {
  if (auto it = j.find(key); it != j.end() && !it->is_null()) it->get_to(out);
}

}  // namespace

void to_json(nlohmann::json& j, const SurfaceItem& i) {
  j = {{"kind", i.kind}, {"name", i.name}, {"sha256", i.sha256}, {"definition", i.definition}};
}

void from_json(const nlohmann::json& j, SurfaceItem& i) {
  Get(j, "kind", i.kind);
  Get(j, "name", i.name);
  Get(j, "sha256", i.sha256);
  Get(j, "definition", i.definition);
}

void to_json(nlohmann::json& j, const Surface& s) {
  j = nlohmann::json::object();
  j["protocol_version"] = s.protocol_version;
  j["server_name"] = s.server_name;
  j["server_version"] = s.server_version;
  if (!s.server_title.empty()) j["server_title"] = s.server_title;
  j["capabilities"] = s.capabilities;
  j["items"] = s.items;
  j["digest"] = s.digest;
  j["probed_at"] = s.probed_at;
  if (!s.error.empty()) j["error"] = s.error;
}

void from_json(const nlohmann::json& j, Surface& s) {
  Get(j, "protocol_version", s.protocol_version);
  Get(j, "server_name", s.server_name);
  Get(j, "server_version", s.server_version);
  Get(j, "server_title", s.server_title);
  Get(j, "capabilities", s.capabilities);
  Get(j, "items", s.items);
  Get(j, "digest", s.digest);
  Get(j, "probed_at", s.probed_at);
  Get(j, "error", s.error);
}

std::string CanonicalJson(const nlohmann::json& value) {
  // nlohmann's object is a std::map, so keys come out sorted; dump() without
  // indent has no insignificant whitespace and escapes only what JSON
  // requires (ensure_ascii off). Invalid UTF-8 from a hostile server is
  // replaced rather than thrown on.
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace mcpguard::model

#include "probe/surface.h"

#include <algorithm>
#include <set>
#include <utility>

#include "pinning/hash.h"
#include "probe/printable.h"

namespace mcpguard::probe {

namespace {

// A hostile server may send a capabilities object of any size or depth.
constexpr int kMaxCapabilityDepth = 4;
constexpr size_t kMaxCapabilities = 256;

const char* IdentityField(std::string_view kind) {
  if (kind == "tool" || kind == "prompt") return "name";
  if (kind == "resource") return "uri";
  if (kind == "resource_template") return "uriTemplate";
  return nullptr;
}

Result<std::string> ItemSha(const std::string& definition) {
  return pinning::Sha256Bytes(std::string(model::kSurfaceItemTag) + "\n" + definition);
}

void Flatten(const nlohmann::json& object, const std::string& prefix, int depth,
             std::set<std::string>& out) {
  for (const auto& [key, value] : object.items()) {
    if (out.size() >= kMaxCapabilities) return;
    // Top-level keys count whatever their value ({} is the usual "yes");
    // below, an explicit false or null says "no".
    if (depth > 0 && (value.is_null() || (value.is_boolean() && !value.get<bool>()))) continue;
    std::string name = prefix.empty() ? key : prefix + "." + key;
    out.insert(name);
    if (value.is_object() && depth + 1 < kMaxCapabilityDepth) Flatten(value, name, depth + 1, out);
  }
}

std::string StringField(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<model::SurfaceItem> MakeItem(std::string_view kind, const nlohmann::json& definition) {
  const char* field = IdentityField(kind);
  if (field == nullptr) return Fail(Errc::kInvalidArgument, "unknown surface kind '" + std::string(kind) + "'");
  std::string what(kind);
  std::replace(what.begin(), what.end(), '_', ' ');
  if (!definition.is_object()) return Fail(Errc::kProtocol, "a " + what + " definition is not an object");
  auto id = definition.find(field);
  if (id == definition.end() || !id->is_string() || id->get<std::string>().empty()) {
    return Fail(Errc::kProtocol, "a " + what + " has no " + field);
  }
  // Only the top-level _meta is protocol metadata; a schema property that
  // happens to be called "_meta" is part of what the model reads.
  nlohmann::json pinned = definition;
  pinned.erase("_meta");
  model::SurfaceItem item;
  item.kind = std::string(kind);
  item.name = id->get<std::string>();
  item.definition = model::CanonicalJson(pinned);
  auto sha = ItemSha(item.definition);
  if (!sha) return tl::make_unexpected(sha.error());
  item.sha256 = std::move(*sha);
  return item;
}

model::SurfaceItem MakeInstructionsItem(const std::string& instructions) {
  model::SurfaceItem item;
  item.kind = "instructions";
  item.definition = model::CanonicalJson(nlohmann::json(instructions));
  // Hashing a buffer in memory cannot fail short of OpenSSL being broken.
  item.sha256 = ItemSha(item.definition).value_or(std::string());
  return item;
}

std::vector<std::string> FlattenCapabilities(const nlohmann::json& capabilities) {
  std::set<std::string> out;
  if (capabilities.is_object()) Flatten(capabilities, "", 0, out);
  return {out.begin(), out.end()};
}

Result<std::string> SurfaceDigest(const model::Surface& surface) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : surface.items) items.push_back({item.Key(), item.sha256});
  nlohmann::json whole = {
      {"server", surface.server_name}, {"capabilities", surface.capabilities}, {"items", std::move(items)}};
  return pinning::Sha256Bytes(std::string(model::kSurfaceTag) + "\n" + model::CanonicalJson(whole));
}

Result<model::Surface> SurfaceFromLists(const ServedSurface& served) {
  model::Surface surface;
  surface.protocol_version = served.protocol_version;
  surface.server_name = StringField(served.server_info, "name");
  surface.server_version = StringField(served.server_info, "version");
  surface.server_title = StringField(served.server_info, "title");
  surface.capabilities = FlattenCapabilities(served.capabilities);

  const std::pair<const char*, const std::vector<nlohmann::json>*> lists[] = {
      {"tool", &served.tools},
      {"prompt", &served.prompts},
      {"resource", &served.resources},
      {"resource_template", &served.resource_templates}};
  for (const auto& [kind, list] : lists) {
    for (const auto& definition : *list) {
      auto item = MakeItem(kind, definition);
      if (!item) return tl::make_unexpected(item.error());
      surface.items.push_back(std::move(*item));
    }
  }
  if (served.instructions) surface.items.push_back(MakeInstructionsItem(*served.instructions));

  std::sort(surface.items.begin(), surface.items.end(), [](const auto& a, const auto& b) {
    return std::tie(a.kind, a.name) < std::tie(b.kind, b.name);
  });
  auto dup = std::adjacent_find(surface.items.begin(), surface.items.end(), [](const auto& a, const auto& b) {
    return a.kind == b.kind && a.name == b.name;
  });
  if (dup != surface.items.end()) {
    std::string what = dup->kind;
    std::replace(what.begin(), what.end(), '_', ' ');
    return Fail(Errc::kProtocol, "the server lists two " + what + "s named '" + Printable(dup->name) + "'");
  }
  auto digest = SurfaceDigest(surface);
  if (!digest) return tl::make_unexpected(digest.error());
  surface.digest = std::move(*digest);
  return surface;
}

}  // namespace mcpguard::probe

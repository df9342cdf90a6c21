// From what a server serves (the JSON of each tool, prompt, resource and
// resource template, and its instructions) to the pinned model::Surface.
// Pure functions: the probe and the exec guard's relay both use them, so a
// definition pinned by one is pinned identically by the other.
//
// Item pin: SHA-256 (hex) of
//   mcpguard.surface-item/1 "\n" CanonicalJson(definition minus top-level _meta)
// where the instructions' definition is the JSON string itself.
//
// Surface digest: SHA-256 (hex) of
//   mcpguard.surface/1 "\n" CanonicalJson({"server": serverInfo.name,
//       "capabilities": [flattened, sorted],
//       "items": [[Key, sha256], ...] in item order})
// JSON rather than lines, because names come from an untrusted server and
// may hold any character.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "model/surface.h"

namespace mcpguard::probe {

// What a server served, as received: the `result` pieces of initialize and
// of the four list calls (pages concatenated).
struct ServedSurface {
  std::string protocol_version;
  nlohmann::json server_info = nlohmann::json::object();
  nlohmann::json capabilities = nlohmann::json::object();
  std::optional<std::string> instructions;  // absent when not sent
  std::vector<nlohmann::json> tools;
  std::vector<nlohmann::json> prompts;
  std::vector<nlohmann::json> resources;
  std::vector<nlohmann::json> resource_templates;
};

// kind: "tool", "prompt", "resource" or "resource_template". kProtocol when
// the definition is not an object or lacks its identity (name, uri,
// uriTemplate) as a non-empty string.
Result<model::SurfaceItem> MakeItem(std::string_view kind, const nlohmann::json& definition);
model::SurfaceItem MakeInstructionsItem(const std::string& instructions);

// "tools", "tools.listChanged", ...: every top-level capability, and nested
// keys whose value is not false/null, depth-first, sorted and unique. Bounded
// (depth and count), because a hostile server controls the object.
std::vector<std::string> FlattenCapabilities(const nlohmann::json& capabilities);

// The digest of a surface whose items are already sorted (see above).
Result<std::string> SurfaceDigest(const model::Surface& surface);

// All of the above: items made and sorted by (kind, name), serverInfo and
// capabilities kept, digest set; probed_at is the caller's. A malformed item
// or two items of one kind with one name is kProtocol: a pin must name one
// definition.
Result<model::Surface> SurfaceFromLists(const ServedSurface& served);

}  // namespace mcpguard::probe

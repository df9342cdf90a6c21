// What a server serves once started: its tools, prompts, resources, resource
// templates and instructions (MCP `tools/list` & co.), each pinned by a
// SHA-256 over the canonical JSON of its whole definition (threats.md §2.3),
// plus one digest over the lot. Filled by probe (the only code that starts a
// server), compared by drift, enforced by the exec guard. Plain values.
//
// The definitions are the servers' own public texts, kept whole so a later
// change can be shown as a word-level diff. They hold no secret of ours: the
// probe runs servers with decoy credentials unless told otherwise.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace mcpguard::model {

inline constexpr const char* kSurfaceItemTag = "mcpguard.surface-item/1";
inline constexpr const char* kSurfaceTag = "mcpguard.surface/1";

struct SurfaceItem {
  // "tool", "prompt", "resource", "resource_template", "instructions".
  std::string kind;
  // The item's identity within its kind: tool or prompt name, resource uri,
  // template uriTemplate; "" for instructions.
  std::string name;
  // The whole definition as canonical JSON (CanonicalJson below): name,
  // title, description, inputSchema, outputSchema, annotations, arguments,
  // uri, mimeType... exactly as served, minus `_meta`.
  std::string definition;
  std::string sha256;  // hex, of kSurfaceItemTag "\n" definition

  // "tool/read_file", "instructions/".
  std::string Key() const { return kind + "/" + name; }
};

struct Surface {
  std::string protocol_version;  // negotiated
  std::string server_name;       // serverInfo.name
  std::string server_version;    // serverInfo.version
  std::string server_title;      // serverInfo.title
  // Declared capabilities, flattened and sorted: "tools", "tools.listChanged",
  // "prompts", "resources", "resources.subscribe", "logging", ...
  std::vector<std::string> capabilities;
  std::vector<SurfaceItem> items;  // sorted by (kind, name); instructions is an item
  // hex SHA-256 over kSurfaceTag, serverInfo name, the capabilities and every
  // item's Key and sha256 in order. serverInfo.version is left out on purpose:
  // a version bump with an identical surface is the artifact pin's business.
  std::string digest;
  std::string probed_at;  // RFC 3339, UTC
  // The probe failed (timeout, bad JSON-RPC, refused to start): why. Items
  // may hold what was listed before the failure; digest is then empty.
  std::string error;

  const SurfaceItem* Find(std::string_view kind, std::string_view name) const;
  bool Ok() const { return error.empty(); }
};

void to_json(nlohmann::json& j, const SurfaceItem& i);
void from_json(const nlohmann::json& j, SurfaceItem& i);
void to_json(nlohmann::json& j, const Surface& s);
void from_json(const nlohmann::json& j, Surface& s);

// RFC 8785 style canonical JSON: object keys sorted (by UTF-8 bytes, which
// matches JCS's UTF-16 order except between U+E000-U+FFFF and astral
// characters), no insignificant whitespace, strings as UTF-8 with only the
// mandatory escapes, integers as integers. What every pin hashes.
std::string CanonicalJson(const nlohmann::json& value);

}  // namespace mcpguard::model

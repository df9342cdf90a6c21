// Test helpers: Surfaces built by hand or from tests/servers/dump-surface.mjs
// output (a small local converter; the probe's own one is tested with it),
// and the rule ids of a list of findings.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/finding.h"
#include "model/surface.h"
#include "poisoning/checks.h"

namespace mcpguard::poisoning::test {

inline model::SurfaceItem Item(const std::string& kind, const nlohmann::json& definition) {
  model::SurfaceItem item;
  item.kind = kind;
  if (kind == "tool" || kind == "prompt") item.name = definition.value("name", "");
  if (kind == "resource") item.name = definition.value("uri", "");
  if (kind == "resource_template") item.name = definition.value("uriTemplate", "");
  nlohmann::json d = definition;
  if (d.is_object()) d.erase("_meta");
  item.definition = model::CanonicalJson(d);
  return item;
}

inline model::SurfaceItem Tool(const std::string& name, const std::string& description,
                               const nlohmann::json& extra = nlohmann::json::object()) {
  nlohmann::json d = {{"name", name}, {"description", description},
                      {"inputSchema", {{"type", "object"}, {"properties", nlohmann::json::object()}}}};
  d.update(extra);
  return Item("tool", d);
}

// dump-surface.mjs's JSON as a Surface: capabilities flattened ("tools",
// "tools.listChanged" only when true), instructions as an item.
inline model::Surface SurfaceFromDump(const nlohmann::json& dump) {
  model::Surface s;
  s.server_name = dump["serverInfo"].value("name", "");
  for (const auto& [k, v] : dump["capabilities"].items()) {
    s.capabilities.push_back(k);
    if (!v.is_object()) continue;
    for (const auto& [sub, sv] : v.items()) {
      if (sv == true || sv.is_object()) s.capabilities.push_back(k + "." + sub);
    }
  }
  for (const auto& t : dump["tools"]) s.items.push_back(Item("tool", t));
  for (const auto& p : dump["prompts"]) s.items.push_back(Item("prompt", p));
  for (const auto& r : dump["resources"]) s.items.push_back(Item("resource", r));
  for (const auto& r : dump["resourceTemplates"]) s.items.push_back(Item("resource_template", r));
  if (dump["instructions"].is_string()) s.items.push_back(Item("instructions", dump["instructions"]));
  return s;
}

inline model::Surface SurfaceWith(std::vector<model::SurfaceItem> items, std::vector<std::string> caps = {"tools"}) {
  model::Surface s;
  s.capabilities = std::move(caps);
  s.items = std::move(items);
  return s;
}

inline std::set<std::string> Ids(const std::vector<model::Finding>& findings) {
  std::set<std::string> ids;
  for (const model::Finding& f : findings) ids.insert(f.id);
  return ids;
}

inline const model::Finding* FindingOf(const std::vector<model::Finding>& findings, const std::string& id) {
  for (const model::Finding& f : findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

inline ServerRef Ref(const std::string& name = "x") {
  return ServerRef{"cursor", "/home/u/.cursor/mcp.json", {3, 5}, name};
}

}  // namespace mcpguard::poisoning::test

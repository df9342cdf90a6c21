// Every string of a served item that a model reads (threats.md §2.2 "scan
// surface"), each with where it is: names, titles, descriptions, the input
// and output schemas recursively (property keys, default, enum, examples,
// const, pattern and non-standard keys too), prompt arguments, resource URIs
// and MIME types. Full-schema poisoning hides instructions in any of them.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "model/surface.h"

namespace mcpguard::poisoning {

struct TextAt {
  // JSON-pointer-like: "description", "inputSchema.properties.sidenote.description",
  // "arguments[0].name", "instructions".
  std::string location;
  std::string text;
  // What kind of string it is (rules.h kRoles): "name" (the item's name and
  // title), "text" (descriptions, titles, instructions, non-standard keys),
  // "key" (a property key or argument name), "value" (default, enum,
  // examples, const, pattern, mimeType), "uri" (uri, uriTemplate, icon src).
  std::string role;
};

// The strings of one item. A definition that is not valid JSON is read as
// one text (it should not happen: the probe writes canonical JSON).
std::vector<TextAt> ItemStrings(const model::SurfaceItem& item);
std::vector<TextAt> DefinitionStrings(const std::string& kind, const nlohmann::json& definition);

}  // namespace mcpguard::poisoning

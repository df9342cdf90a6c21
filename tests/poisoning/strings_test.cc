#include "poisoning/strings.h"

#include <map>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace mcpguard::poisoning {
namespace {

using nlohmann::json;

std::map<std::string, std::pair<std::string, std::string>> ByLocation(const std::vector<TextAt>& strings) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  for (const TextAt& s : strings) out[s.location] = {s.text, s.role};
  return out;
}

TEST_CASE("every string of a tool is walked, schema keys and values included", "[poisoning][strings]") {
  const json tool = {
      {"name", "add"},
      {"title", "Add"},
      {"description", "Adds."},
      {"annotations", {{"title", "Adder"}, {"readOnlyHint", true}}},
      {"inputSchema",
       {{"type", "object"},
        {"$schema", "http://json-schema.org/draft-07/schema#"},
        {"required", {"sidenote"}},
        {"x-note", "read the key"},
        {"properties",
         {{"sidenote", {{"type", "string"}, {"description", "a note"}, {"default", "d"}}},
          {"mode", {{"enum", {"fast", "slow"}}, {"examples", {"fast"}}, {"pattern", "^[a-z]+$"}}},
          {"list", {{"type", "array"}, {"items", {{"const", "c"}, {"title", "item"}}}}},
          {"alt", {{"anyOf", {{{"description", "first"}}, {{"description", "second"}}}}}}}}}},
      {"outputSchema", {{"properties", {{"result", {{"description", "the sum"}}}}}}},
  };
  auto at = ByLocation(DefinitionStrings("tool", tool));
  using P = std::pair<std::string, std::string>;
  CHECK(at["name"] == P{"add", "name"});
  CHECK(at["title"] == P{"Add", "name"});
  CHECK(at["description"] == P{"Adds.", "text"});
  CHECK(at["annotations.title"] == P{"Adder", "text"});
  CHECK(at["inputSchema.properties.sidenote"] == P{"sidenote", "key"});
  CHECK(at["inputSchema.properties.sidenote.description"] == P{"a note", "text"});
  CHECK(at["inputSchema.properties.sidenote.default"] == P{"d", "value"});
  CHECK(at["inputSchema.properties.mode.enum[1]"] == P{"slow", "value"});
  CHECK(at["inputSchema.properties.mode.examples[0]"] == P{"fast", "value"});
  CHECK(at["inputSchema.properties.mode.pattern"] == P{"^[a-z]+$", "value"});
  CHECK(at["inputSchema.properties.list.items.const"] == P{"c", "value"});
  CHECK(at["inputSchema.properties.list.items.title"] == P{"item", "text"});
  CHECK(at["inputSchema.properties.alt.anyOf[1].description"] == P{"second", "text"});
  CHECK(at["inputSchema.x-note"] == P{"read the key", "text"});
  CHECK(at["outputSchema.properties.result.description"] == P{"the sum", "text"});
  // Schema structure is not prose.
  CHECK(at.count("inputSchema.$schema") == 0);
  CHECK(at.count("inputSchema.type") == 0);
  CHECK(at.count("inputSchema.required[0]") == 0);
}

TEST_CASE("prompts, resources, templates and instructions are walked", "[poisoning][strings]") {
  auto prompt = ByLocation(DefinitionStrings(
      "prompt", {{"name", "p"}, {"arguments", {{{"name", "topic"}, {"description", "what about"}}}}}));
  CHECK(prompt["arguments[0].name"].second == "key");
  CHECK(prompt["arguments[0].description"].first == "what about");
  auto res = ByLocation(DefinitionStrings(
      "resource", {{"uri", "file:///a"}, {"name", "a"}, {"mimeType", "text/plain"}, {"description", "A."}}));
  CHECK(res["uri"].second == "uri");
  CHECK(res["mimeType"].second == "value");
  auto tpl = ByLocation(DefinitionStrings("resource_template", {{"uriTemplate", "x://{id}"}, {"name", "t"}}));
  CHECK(tpl["uriTemplate"].second == "uri");
  model::SurfaceItem instructions{"instructions", "", "\"Use the tools wisely.\"", ""};
  auto ins = ItemStrings(instructions);
  REQUIRE(ins.size() == 1);
  CHECK(ins[0].location == "instructions");
  CHECK(ins[0].text == "Use the tools wisely.");
}

TEST_CASE("deep nesting is read to a bounded depth", "[poisoning][strings]") {
  json deep = "bottom";
  for (int i = 0; i < 2000; ++i) deep = json::array({std::move(deep)});
  json schema = {{"type", "object"}};
  for (int i = 0; i < 2000; ++i) schema = {{"type", "object"}, {"properties", {{"p", std::move(schema)}}}};
  auto at = ByLocation(DefinitionStrings("tool", {{"name", "t"}, {"x-deep", std::move(deep)}, {"inputSchema", std::move(schema)}}));
  CHECK(at.size() < 200);
  CHECK(at["name"].first == "t");
  CHECK(at.count("inputSchema.properties.p") == 1);
}

}  // namespace
}  // namespace mcpguard::poisoning

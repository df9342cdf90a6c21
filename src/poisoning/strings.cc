#include "poisoning/strings.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mcpguard::poisoning {
namespace {

using nlohmann::json;

bool OneOf(std::initializer_list<std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string Join(const std::string& at, const std::string& key) { return at.empty() ? key : at + "." + key; }
std::string Index(const std::string& at, size_t i) { return at + "[" + std::to_string(i) + "]"; }

constexpr int kMaxDepth = 64;

class Walker {
 public:
  explicit Walker(std::vector<TextAt>& out) : out_(out) {}

  void Add(const std::string& at, const std::string& text, const char* role) {
    if (!text.empty()) out_.push_back({at, text, role});
  }

  // Every string in a value, keys of objects included. A hostile server can
  // nest without end: below kMaxDepth nothing is read (no model reads that deep).
  void Strings(const json& v, const std::string& at, const char* role, int depth = 0) {
    if (depth > kMaxDepth) return;
    if (v.is_string()) {
      Add(at, v.get<std::string>(), role);
    } else if (v.is_array()) {
      for (size_t i = 0; i < v.size(); ++i) Strings(v[i], Index(at, i), role, depth + 1);
    } else if (v.is_object()) {
      for (const auto& [k, child] : v.items()) {
        Add(Join(at, k), k, "key");
        Strings(child, Join(at, k), role, depth + 1);
      }
    }
  }

  // A JSON Schema: the keywords that hold schemas are walked as schemas, the
  // ones that hold data as values, and anything else (a non-standard key the
  // model will read anyway) as text.
  void Schema(const json& s, const std::string& at, int depth = 0) {
    if (!s.is_object() || depth > kMaxDepth) return;
    for (const auto& [k, v] : s.items()) {
      const std::string here = Join(at, k);
      if (OneOf({"properties", "patternProperties", "definitions", "$defs", "dependentSchemas"}, k) && v.is_object()) {
        for (const auto& [name, sub] : v.items()) {
          Add(Join(here, name), name, "key");
          Schema(sub, Join(here, name), depth + 1);
        }
      } else if (OneOf({"items", "additionalProperties", "not", "if", "then", "else", "contains",
                        "propertyNames", "unevaluatedProperties", "unevaluatedItems", "additionalItems"},
                       k)) {
        if (v.is_object()) Schema(v, here, depth + 1);
        if (v.is_array()) {
          for (size_t i = 0; i < v.size(); ++i) Schema(v[i], Index(here, i), depth + 1);
        }
      } else if (OneOf({"anyOf", "oneOf", "allOf", "prefixItems"}, k) && v.is_array()) {
        for (size_t i = 0; i < v.size(); ++i) Schema(v[i], Index(here, i), depth + 1);
      } else if (OneOf({"description", "title", "$comment"}, k)) {
        Strings(v, here, "text");
      } else if (OneOf({"default", "const", "enum", "examples", "pattern", "format", "contentMediaType"}, k)) {
        Strings(v, here, "value");
      } else if (OneOf({"type", "$schema", "$id", "$ref", "required", "$anchor", "contentEncoding"}, k)) {
        // Structure, not prose: JSON Schema keywords and references.
      } else if (!v.is_boolean() && !v.is_number() && !v.is_null()) {
        Add(here, k, "key");
        Strings(v, here, "text");
      }
    }
  }

  void Item(const std::string& kind, const json& d) {
    if (kind == "instructions" || d.is_string()) {
      Strings(d, "instructions", "text");
      return;
    }
    if (!d.is_object()) return;
    for (const auto& [k, v] : d.items()) {
      if (OneOf({"name", "title"}, k)) {
        Strings(v, k, "name");
      } else if (k == "version") {
        Strings(v, k, "value");
      } else if (k == "description") {
        Strings(v, k, "text");
      } else if (OneOf({"inputSchema", "outputSchema"}, k)) {
        Schema(v, k);
      } else if (OneOf({"uri", "uriTemplate"}, k)) {
        Strings(v, k, "uri");
      } else if (k == "mimeType") {
        Strings(v, k, "value");
      } else if (k == "icons" && v.is_array()) {
        for (size_t i = 0; i < v.size(); ++i) {
          if (!v[i].is_object()) continue;
          for (const auto& [ik, iv] : v[i].items()) Strings(iv, Index(k, i) + "." + ik, ik == "src" ? "uri" : "value");
        }
      } else if (k == "arguments" && v.is_array()) {
        for (size_t i = 0; i < v.size(); ++i) {
          if (!v[i].is_object()) continue;
          for (const auto& [ak, av] : v[i].items()) {
            const std::string here = Index(k, i) + "." + ak;
            Strings(av, here, ak == "name" ? "key" : "text");
          }
        }
      } else if (k == "annotations" && v.is_object()) {
        for (const auto& [ak, av] : v.items()) {
          if (av.is_string() || av.is_structured()) Strings(av, Join(k, ak), "text");
        }
      } else {
        Add(k, k, "key");
        Strings(v, k, "text");
      }
    }
  }

 private:
  std::vector<TextAt>& out_;
};

}  // namespace

std::vector<TextAt> DefinitionStrings(const std::string& kind, const json& definition) {
  std::vector<TextAt> out;
  Walker(out).Item(kind, definition);
  return out;
}

std::vector<TextAt> ItemStrings(const model::SurfaceItem& item) {
  json d = json::parse(item.definition, nullptr, false);
  if (d.is_discarded()) return {{item.kind == "instructions" ? "instructions" : "definition", item.definition, "text"}};
  return DefinitionStrings(item.kind, d);
}

}  // namespace mcpguard::poisoning

#include "rules/signature_file.h"

#include <algorithm>


namespace mcpguard::rules {

using formats::Node;

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

Error SignatureReader::Problem(const Node& at, const std::string& message) const { return ProblemAt(at.pos, message); }

Error SignatureReader::ProblemAt(formats::Pos pos, const std::string& message) const {
  return Error{Errc::kParse, message, name_, static_cast<int>(pos.line), static_cast<int>(pos.col)};
}

Result<std::string> SignatureReader::String(const Node& table, std::string_view key, bool required) const {
  const Node* v = table.Find(key);
  if (v == nullptr) {
    if (required) return tl::make_unexpected(Problem(table, "missing " + Quoted(key)));
    return std::string();
  }
  if (!v->IsString()) return tl::make_unexpected(Problem(*v, Quoted(key) + " must be a string"));
  if (required && v->str.empty()) return tl::make_unexpected(Problem(*v, Quoted(key) + " must not be empty"));
  return v->str;
}

Result<std::vector<std::string>> SignatureReader::Strings(const Node& table, std::string_view key,
                                                          bool non_empty) const {
  std::vector<std::string> out;
  const Node* v = table.Find(key);
  if (v == nullptr) return out;
  if (!v->IsArray()) return tl::make_unexpected(Problem(*v, Quoted(key) + " must be an array of strings"));
  for (const Node& item : v->items) {
    if (!item.IsString() || (non_empty && item.str.empty())) {
      return tl::make_unexpected(Problem(item, Quoted(key) + (non_empty ? " must hold non-empty strings"
                                                                        : " must hold strings")));
    }
    out.push_back(item.str);
  }
  return out;
}

Result<bool> SignatureReader::Bool(const Node& table, std::string_view key, bool fallback) const {
  const Node* v = table.Find(key);
  if (v == nullptr) return fallback;
  if (!v->IsBool()) return tl::make_unexpected(Problem(*v, Quoted(key) + " must be true or false"));
  return v->boolean;
}

Result<std::map<std::string, std::string>> SignatureReader::StringTable(const Node& table,
                                                                        std::string_view key) const {
  std::map<std::string, std::string> out;
  const Node* v = table.Find(key);
  if (v == nullptr) return out;
  if (!v->IsObject()) return tl::make_unexpected(Problem(*v, Quoted(key) + " must be a table of strings"));
  for (const formats::Member& m : v->members) {
    if (!m.value.IsString()) return tl::make_unexpected(Problem(m.value, Quoted(key) + " must hold strings"));
    out[m.key] = m.value.str;
  }
  return out;
}

Result<formats::Document> ParseSignatureText(std::string_view text, const std::string& name, std::string_view schema) {
  // The copies built into the binary were compiled to JSON at build time
  // (rules/sigc_main.cc); a TOML document cannot start with '{'.
  const size_t first = text.find_first_not_of(" \t\r\n");
  const bool compiled = first != std::string_view::npos && text[first] == '{';
  auto doc = formats::Parse(text, compiled ? formats::Format::kJson : formats::Format::kToml);
  if (!doc) {
    Error e = doc.error();
    e.path = name;
    return tl::make_unexpected(e);
  }
  SignatureReader r(name);
  auto found = r.String(doc->root, "schema", true);
  if (!found) return tl::make_unexpected(found.error());
  if (*found != schema) {
    return tl::make_unexpected(r.Problem(*doc->root.Find("schema"), "unsupported schema " + Quoted(*found) +
                                                                        " (expected " + std::string(schema) + ")"));
  }
  return doc;
}


}  // namespace mcpguard::rules

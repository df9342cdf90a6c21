#include "rules/registry.h"

#include <algorithm>
#include <array>

#include "base/file.h"
#include "base/path.h"
#include "rules/embedded.h"
#include "rules/signature_file.h"

namespace mcpguard::rules {
namespace {

using formats::Node;

constexpr std::array<std::string_view, 7> kRuleKeys = {"id",       "name", "short", "description",
                                                       "severity", "tags", "help_uri"};

bool IsRulesFile(std::string_view name) {
  return name.substr(0, 5) == "rules" && name.size() >= 5 + 5 && name.substr(name.size() - 5) == ".toml";
}

Result<RuleInfo> ReadRule(const SignatureReader& r, const Node& t) {
  if (auto ok = r.KnownKeys(t, kRuleKeys, "[[rule]]"); !ok) return tl::make_unexpected(ok.error());
  auto id = r.String(t, "id", true);
  if (!id) return tl::make_unexpected(id.error());
  auto name = r.String(t, "name", true);
  if (!name) return tl::make_unexpected(name.error());
  auto short_description = r.String(t, "short", true);
  if (!short_description) return tl::make_unexpected(short_description.error());
  auto description = r.String(t, "description", true);
  if (!description) return tl::make_unexpected(description.error());
  auto severity_name = r.String(t, "severity", true);
  if (!severity_name) return tl::make_unexpected(severity_name.error());
  const auto severity = model::ParseSeverity(*severity_name);
  if (!severity) {
    return tl::make_unexpected(r.Problem(*t.Find("severity"), "unknown severity " + Quoted(*severity_name) +
                                                                  " (info, low, medium, high, critical)"));
  }
  auto tags = r.Strings(t, "tags", /*non_empty=*/true);
  if (!tags) return tl::make_unexpected(tags.error());
  auto help_uri = r.String(t, "help_uri", false);
  if (!help_uri) return tl::make_unexpected(help_uri.error());
  RuleInfo info;
  info.id = std::move(*id);
  info.name = std::move(*name);
  info.short_description = std::move(*short_description);
  // TOML's """ strings keep the newline after the opening quotes' line end
  // trimmed but not the last one: a description ends without one.
  while (!description->empty() && (description->back() == '\n' || description->back() == ' ')) {
    description->pop_back();
  }
  info.description = std::move(*description);
  info.severity = *severity;
  info.tags = std::move(*tags);
  info.help_uri = std::move(*help_uri);
  return info;
}

}  // namespace

const RuleInfo* RuleRegistry::Find(std::string_view id) const {
  for (const RuleInfo& r : rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

RuleInfo RuleRegistry::Describe(std::string_view id, std::string_view name, model::Severity severity) const {
  if (const RuleInfo* known = Find(id)) return *known;
  RuleInfo info;
  info.id = std::string(id);
  info.name = name.empty() ? std::string(id) : std::string(name);
  info.short_description = "mcpguard rule " + info.id + (name.empty() ? "" : " (" + std::string(name) + ")") + ".";
  info.description = info.short_description + " This mcpguard does not describe the rule; see the finding's message "
                                              "and remediation.";
  info.severity = severity;
  info.tags = {"security"};
  return info;
}

Result<void> ParseRules(std::string_view text, const std::string& name, RuleRegistry& into) {
  auto doc = ParseSignatureText(text, name, "mcpguard.rules/1");
  if (!doc) return tl::make_unexpected(doc.error());
  const SignatureReader r(name);
  const Node* list = doc->root.Find("rule");
  if (list == nullptr) return {};  // a file may hold no rule yet
  if (!list->IsArray()) return tl::make_unexpected(r.Problem(*list, "\"rule\" must be an array of tables"));
  for (const Node& t : list->items) {
    auto rule = ReadRule(r, t);
    if (!rule) return tl::make_unexpected(rule.error());
    if (into.Find(rule->id) != nullptr) {
      return tl::make_unexpected(r.Problem(*t.Find("id"), "rule " + Quoted(rule->id) + " is defined twice"));
    }
    into.rules.push_back(std::move(*rule));
  }
  return {};
}

Result<RuleRegistry> LoadRuleRegistry(const std::string& signatures_dir) {
  RuleRegistry out;
  bool from_dir = false;
  if (!signatures_dir.empty()) {
    auto names = ListDir(signatures_dir);
    if (!names) return tl::make_unexpected(names.error());
    for (const std::string& name : *names) {
      if (!IsRulesFile(name)) continue;
      from_dir = true;
      const std::string path = JoinPath(signatures_dir, name);
      auto text = ReadFileCapped(path);
      if (!text) return tl::make_unexpected(text.error());
      if (auto ok = ParseRules(*text, path, out); !ok) return tl::make_unexpected(ok.error());
    }
  }
  if (from_dir) return out;
  std::vector<const EmbeddedFile*> files;
  for (const EmbeddedFile& f : EmbeddedSignatures()) {
    if (IsRulesFile(f.name)) files.push_back(&f);
  }
  std::sort(files.begin(), files.end(), [](const EmbeddedFile* a, const EmbeddedFile* b) { return a->name < b->name; });
  for (const EmbeddedFile* f : files) {
    auto ok = ParseRules(f->text, "signatures/" + std::string(f->name) + " (built in)", out);
    if (!ok) return tl::make_unexpected(ok.error());
  }
  return out;
}

}  // namespace mcpguard::rules

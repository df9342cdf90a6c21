// The rule registry (signatures/rules*.toml): what each finding id means, in
// words a report can show: a name, one sentence, a markdown description with
// the fix, a default severity and tags (OWASP MCP Top 10 ids). Reports look
// ids up here; a finding whose id is unknown still renders (Describe gives a
// generic entry), so a newer finding never breaks an older report.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "model/severity.h"

namespace mcpguard::rules {

struct RuleInfo {
  std::string id;            // "MCPG-CRED-001"
  std::string name;          // "plaintext-secret"
  std::string short_description;  // one sentence, plain text
  std::string description;   // markdown: why it matters, what to do
  model::Severity severity = model::Severity::kMedium;  // the default; a finding may differ
  std::vector<std::string> tags;  // "security", "MCP01:2025"
  std::string help_uri;      // optional
};

struct RuleRegistry {
  std::vector<RuleInfo> rules;  // in file order
  const RuleInfo* Find(std::string_view id) const;
  // The entry for `id`, or a generic one built from the finding's own name
  // and severity when the id is not registered.
  RuleInfo Describe(std::string_view id, std::string_view name, model::Severity severity) const;
};

// Adds the rules of one rules*.toml text (named `name` in errors) to `into`;
// an id already there is an error.
Result<void> ParseRules(std::string_view text, const std::string& name, RuleRegistry& into);

// Every built-in file whose name starts with "rules" and ends in ".toml", in
// name order; with `signatures_dir`, that directory's rules*.toml instead
// (the built-in ones when it has none).
Result<RuleRegistry> LoadRuleRegistry(const std::string& signatures_dir = {});

}  // namespace mcpguard::rules

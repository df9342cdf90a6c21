// The poisoning rules (signatures/poisoning.toml, threats.md §2): what in a
// server's tool, prompt and resource texts reads as an instruction to the
// model. Pattern rules are data; the Unicode, base64, annotation and
// cross-server checks are code (checks.h) whose ids, severities and texts
// still come from the file. RE2's types stay out of this header.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "model/severity.h"

namespace re2 {
class RE2;
}

namespace mcpguard::poisoning {

using model::Severity;

// The checks written in code that a rule may name; a rule naming any other
// is refused at load time, so a typo cannot silently disable a check.
inline constexpr std::string_view kChecks[] = {
    "pattern",        "unicode-tag",   "zero-width",     "bidi",
    "variation-selector", "private-use", "terminal-escape", "base64",
    "parameter-name", "annotation-contradiction", "list-changed", "cross-server-reference",
    "duplicate-tool", "combination", "homoglyph"};
inline constexpr std::string_view kSignals[] = {"tag",     "precondition", "sensitive", "sink",
                                                "exfil",   "history",      "shadow",    "conceal"};
inline constexpr std::string_view kRoles[] = {"name", "text", "key", "value", "uri"};

struct PoisonRule {
  std::string id;        // "MCPG-POISON-001"
  std::string name;      // "pseudo-system-tag"
  std::string check;     // one of kChecks
  Severity severity = Severity::kHigh;
  std::string signal;    // one of kSignals, or "" (see CheckSurface's combination)
  std::vector<std::string> in;  // roles read (strings.h Role); default name, text, key, value
  std::vector<std::string> patterns;
  std::vector<std::string> ignore;  // lower case
  std::string message;
  std::string remediation;
  std::vector<std::string> references;
  std::vector<std::string> examples;
  std::vector<std::string> non_examples;

  // The patterns as one alternation, compiled on first use (nullptr when the
  // rule has none): a scan that probes no server compiles nothing. Not
  // thread-safe: check surfaces from one thread, after probing.
  const re2::RE2* Pattern() const;
  bool Reads(std::string_view role) const;
  // `match` contains one of `ignore`.
  bool Ignored(std::string_view match) const;

  mutable std::shared_ptr<const re2::RE2> compiled;
};

struct PoisonRules {
  std::vector<PoisonRule> rules;
  const PoisonRule* Find(std::string_view id) const;
  // The rule implementing a code check, or nullptr when the file has none
  // (a --signatures copy may leave a check out on purpose).
  const PoisonRule* ForCheck(std::string_view check) const;
};

// Parses a poisoning.toml text; with `compile_now` (the default) every rule's
// patterns are compiled at once and an invalid one is an error naming the
// rule, file, line and column.
Result<PoisonRules> ParsePoisonRules(std::string_view text, const std::string& name, bool compile_now = true);

// From `signatures_dir`/poisoning.toml, or the built-in copy when empty.
Result<PoisonRules> LoadPoisonRules(const std::string& signatures_dir);

}  // namespace mcpguard::poisoning

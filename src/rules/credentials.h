// The credential rules (signatures/credentials.toml): one rule per provider
// and credential kind (threats.md §1), with the RE2 pattern that recognises
// it, the environment/header/flag names that hint at it, what can be known
// offline about its scope, and what to do about it. RE2 runs in linear time,
// so hostile text cannot stall a scan. RE2's types stay out of this header.
#pragma once

#include <bitset>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "model/severity.h"

namespace re2 {
class RE2;
}

namespace mcpguard::rules {

using model::Severity;

inline constexpr size_t kNoMaxLength = static_cast<size_t>(-1);

struct CredentialRule {
  std::string id;           // stable: "github-classic-pat"
  std::string provider;     // "GitHub"
  std::string kind;         // "classic personal access token"
  std::string scope;        // offline scope statement: "every repo and org the user can reach, no expiry"
  std::string blast_radius; // read-only | write | admin | money-moving | messaging-as-user | infra | code-publish | unknown
  Severity severity = Severity::kHigh;  // of a plaintext copy in a config file
  std::string remediation;
  bool live = true;         // false for test/sandbox keys
  bool public_by_design = false;  // publishable keys: informational only
  bool long_lived = false;  // never expires unless revoked (classic PAT, AKIA, account keys)
  // The value must match this whole (anchored), or contain it when `search`
  // is set. Compiled on first use by Pattern() (compiling every rule was most
  // of a start-up); a --signatures file is compiled, and checked, at load.
  mutable std::shared_ptr<const re2::RE2> pattern;
  std::string pattern_text;  // as compiled: wide counted repeats relaxed, see credentials.cc
  // Text every match contains ("ghp_", "://", "@"), and the fewest bytes a
  // match can have: a value without them skips the rule unread, and its
  // pattern uncompiled (see AnalyzePattern).
  std::vector<std::string> required;
  std::vector<std::string> required_nocase;  // lower case; found in any ASCII case
  size_t min_length = 0;
  size_t max_length = kNoMaxLength;  // a whole token (not `search`) longer than this cannot match
  std::bitset<256> alphabet = std::bitset<256>().set();  // nor one with a byte outside this
  const re2::RE2& Pattern() const;
  bool search = false;
  // Upper-case env/header/flag names (globs: "*_TOKEN") that hint at this
  // rule; with `needs_name`, the pattern alone is too generic to match
  // without one of them (Postmark UUIDs, Twilio auth tokens, ...).
  std::vector<std::string> names;
  bool needs_name = false;
  std::string validator;  // "github-crc32" (ghp_/gho_/ghu_/ghs_/ghr_/npm_), "" for none
  std::string decoder;    // "aws-account", "jwt", "sentry", "pem", "db-url", "url", "basic-auth", "" for none
  // Facts the decoder must yield for the rule to match: {"jwt_role": "service_role"}
  // tells a Supabase service_role key from any other JWT.
  std::map<std::string, std::string> when;
  // Package names, image names and URL hosts that belong to this provider;
  // a credential given to a server matching none of them is suspicious.
  std::vector<std::string> owners;
  std::vector<std::string> examples;      // values that must match (tests load them)
  std::vector<std::string> non_examples;  // values that must not
};

// The validators and decoders classify::Detect implements; a rule naming any
// other is refused at load time, so a typo cannot silently disable a check.
// "entropy" rejects placeholders and low-randomness values (generic-secret).
inline constexpr std::string_view kValidators[] = {"github-crc32", "entropy"};
inline constexpr std::string_view kDecoders[] = {"aws-account", "jwt", "sentry", "pem", "db-url", "url", "basic-auth"};
// The fallback rule: tried only when no other rule matched a value.
inline constexpr std::string_view kGenericSecretId = "generic-secret";

// What every match of an RE2 pattern holds, read from the pattern's text:
// each of `required` (case as written), in a span of at least `min_length`
// bytes. Conservative: a construct the reader does not know gives an empty
// filter (nothing required, length 0), never a wrong one. Alternatives
// inside a group count only towards the length ("sk_(?:live|prod)_" requires
// "sk_" and "_", 8 bytes); an alternation at the top requires nothing. A
// top-level "(?i:word)" group requires the word in any case, in pieces cut
// at 'k' and 's' (Unicode case folding takes those two beyond ASCII).
struct PatternFilter {
  std::vector<std::string> required;
  std::vector<std::string> required_nocase;  // lower case
  size_t min_length = 0;
  size_t max_length = kNoMaxLength;  // of a whole match; unbounded repeats and flags give none
  // The bytes a match can hold: every byte unless each atom is spelled out
  // (literals, ASCII classes and ranges, \d \w \s), and no flag is set.
  std::bitset<256> alphabet = std::bitset<256>().set();
};
PatternFilter AnalyzePattern(std::string_view pattern);

struct CredentialRules {
  std::vector<CredentialRule> rules;
  const CredentialRule* Find(std::string_view id) const;
};

// Parses a credentials.toml text; with `compile_now` (the default) every
// pattern is compiled at once and an invalid one is an error naming the
// rule, file, line and column.
Result<CredentialRules> ParseCredentialRules(std::string_view text, const std::string& name, bool compile_now = true);

// From `signatures_dir`/credentials.toml, or the built-in copy when empty.
Result<CredentialRules> LoadCredentialRules(const std::string& signatures_dir);

}  // namespace mcpguard::rules

#include "poisoning/rules.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "formats/parse.h"
#include "rules/signature_file.h"

namespace mcpguard::poisoning {
namespace {

using formats::Node;
using rules::Quoted;

constexpr std::array<std::string_view, 13> kRuleKeys = {
    "id",      "name",        "check",      "severity", "signal",   "in",          "patterns",
    "ignore",  "message",     "remediation", "references", "examples", "non_examples"};

template <size_t N>
bool OneOf(const std::string_view (&names)[N], std::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Each pattern in its own group, so "(?i)" at its start applies to it alone.
std::shared_ptr<const re2::RE2> Compile(const std::vector<std::string>& patterns) {
  if (patterns.empty()) return nullptr;
  std::string all;
  for (const std::string& p : patterns) all += (all.empty() ? "(?:" : "|(?:") + p + ")";
  re2::RE2::Options options;
  options.set_log_errors(false);
  return std::make_shared<const re2::RE2>(all, options);
}

class Reader : public rules::SignatureReader {
 public:
  Reader(const std::string& name, bool compile_now) : SignatureReader(name), compile_now_(compile_now) {}

  Result<std::string> Choice(const Node& t, std::string_view key, bool allow_empty,
                             const std::string_view* begin, const std::string_view* end) const {
    auto s = String(t, key, !allow_empty);
    if (!s) return s;
    if (!s->empty() && std::find(begin, end, *s) == end) {
      return tl::make_unexpected(Problem(*t.Find(key), "unknown " + std::string(key) + " " + Quoted(*s)));
    }
    return s;
  }

  Result<PoisonRule> Rule(const Node& t) const {
    if (auto known = KnownKeys(t, kRuleKeys, "a [[rule]]"); !known) return tl::make_unexpected(known.error());
    PoisonRule r;
#define MCPG_TRY(var, expr) \
  auto var = (expr);        \
  if (!var) return tl::make_unexpected(var.error())
    MCPG_TRY(id, String(t, "id", true));
    MCPG_TRY(name, String(t, "name", true));
    MCPG_TRY(check, Choice(t, "check", false, std::begin(kChecks), std::end(kChecks)));
    MCPG_TRY(severity_name, String(t, "severity", true));
    MCPG_TRY(signal, Choice(t, "signal", true, std::begin(kSignals), std::end(kSignals)));
    MCPG_TRY(in, Strings(t, "in", true));
    MCPG_TRY(patterns, Strings(t, "patterns", true));
    MCPG_TRY(ignore, Strings(t, "ignore", true));
    MCPG_TRY(message, String(t, "message", true));
    MCPG_TRY(remediation, String(t, "remediation", true));
    MCPG_TRY(references, Strings(t, "references", true));
    MCPG_TRY(examples, Strings(t, "examples"));
    MCPG_TRY(non_examples, Strings(t, "non_examples"));
#undef MCPG_TRY
    auto severity = model::ParseSeverity(*severity_name);
    if (!severity) {
      return tl::make_unexpected(Problem(*t.Find("severity"), "unknown severity " + Quoted(*severity_name) +
                                                                  " (expected info, low, medium, high or critical)"));
    }
    if (id->rfind("MCPG-POISON-", 0) != 0) {
      return tl::make_unexpected(Problem(*t.Find("id"), "rule id " + Quoted(*id) + " must start with MCPG-POISON-"));
    }
    for (const std::string& role : *in) {
      if (!OneOf(kRoles, role)) return tl::make_unexpected(Problem(*t.Find("in"), "unknown role " + Quoted(role)));
    }
    if (*check == "pattern" && patterns->empty()) {
      return tl::make_unexpected(Problem(t, "rule " + Quoted(*id) + ": a pattern rule needs patterns"));
    }
    r.id = std::move(*id);
    r.name = std::move(*name);
    r.check = std::move(*check);
    r.severity = *severity;
    r.signal = std::move(*signal);
    r.in = in->empty() ? std::vector<std::string>{"name", "text", "key", "value"} : std::move(*in);
    r.patterns = std::move(*patterns);
    for (std::string& s : *ignore) r.ignore.push_back(Lower(std::move(s)));
    r.message = std::move(*message);
    r.remediation = std::move(*remediation);
    r.references = std::move(*references);
    r.examples = std::move(*examples);
    r.non_examples = std::move(*non_examples);
    if (compile_now_ && !r.patterns.empty()) {
      r.compiled = Compile(r.patterns);
      if (!r.compiled->ok()) {
        return tl::make_unexpected(
            Problem(*t.Find("patterns"), "rule " + Quoted(r.id) + ": invalid pattern: " + r.compiled->error()));
      }
      if (r.compiled->NumberOfCapturingGroups() != 0) {
        return tl::make_unexpected(Problem(*t.Find("patterns"), "rule " + Quoted(r.id) +
                                                                    ": use (?:...) groups, patterns capture nothing"));
      }
    }
    return r;
  }

 private:
  bool compile_now_;
};

}  // namespace

const re2::RE2* PoisonRule::Pattern() const {
  if (!compiled && !patterns.empty()) compiled = Compile(patterns);
  return compiled && compiled->ok() ? compiled.get() : nullptr;
}

bool PoisonRule::Reads(std::string_view role) const { return std::find(in.begin(), in.end(), role) != in.end(); }

bool PoisonRule::Ignored(std::string_view match) const {
  if (ignore.empty()) return false;
  const std::string lower = Lower(std::string(match));
  for (const std::string& i : ignore) {
    if (lower.find(i) != std::string::npos) return true;
  }
  return false;
}

const PoisonRule* PoisonRules::Find(std::string_view id) const {
  for (const PoisonRule& r : rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const PoisonRule* PoisonRules::ForCheck(std::string_view check) const {
  for (const PoisonRule& r : rules) {
    if (r.check == check) return &r;
  }
  return nullptr;
}

Result<PoisonRules> ParsePoisonRules(std::string_view text, const std::string& name, bool compile_now) {
  auto doc = rules::ParseSignatureText(text, name, "mcpguard.poisoning/1");
  if (!doc) return tl::make_unexpected(doc.error());
  Reader r(name, compile_now);
  const Node* list = doc->root.Find("rule");
  if (list == nullptr || !list->IsArray() || list->items.empty()) {
    return tl::make_unexpected(r.Problem(doc->root, "no [[rule]] entries"));
  }
  PoisonRules out;
  for (const Node& t : list->items) {
    auto rule = r.Rule(t);
    if (!rule) return tl::make_unexpected(rule.error());
    if (out.Find(rule->id) != nullptr) {
      return tl::make_unexpected(r.Problem(*t.Find("id"), "rule " + Quoted(rule->id) + " is defined twice"));
    }
    if (rule->check != "pattern" && out.ForCheck(rule->check) != nullptr) {
      return tl::make_unexpected(r.Problem(*t.Find("check"), "check " + Quoted(rule->check) + " is used twice"));
    }
    out.rules.push_back(std::move(*rule));
  }
  return out;
}

Result<PoisonRules> LoadPoisonRules(const std::string& signatures_dir) {
  auto file = rules::ReadSignatureFile(signatures_dir, "poisoning.toml");
  if (!file) return tl::make_unexpected(file.error());
  // The built-in rules are compiled on first use (the tests compile every one).
  return ParsePoisonRules(file->text, file->name, !signatures_dir.empty());
}

}  // namespace mcpguard::poisoning

#include "rules/credentials.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <cctype>
#include <charconv>
#include <optional>
#include <utility>

#include "formats/parse.h"
#include "rules/signature_file.h"

namespace mcpguard::rules {
namespace {

using formats::Node;


constexpr std::array<std::string_view, 8> kBlastRadii = {"read-only", "write",        "admin",       "money-moving",
                                                        "messaging-as-user", "infra", "code-publish", "unknown"};

// Every key a [[rule]] may have: an unknown one is a typo ("need_name") that
// would otherwise silently change what the rule matches.
constexpr std::array<std::string_view, 20> kRuleKeys = {
    "id",        "provider", "kind", "scope",  "blast_radius", "severity",    "remediation",
    "live",      "public_by_design", "long_lived", "pattern", "search",      "names",       "needs_name",
    "validator", "decoder",  "when", "owners", "examples",     "non_examples"};

template <size_t N>
bool OneOf(const std::string_view (&names)[N], std::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// "{36,251}" becomes "{36,}". RE2 compiles a counted repeat into one copy
// per count, and the wide upper bounds that token formats allow ("GitHub
// tokens may grow to 255 characters") made compiling the rules most of a
// scan's start-up. A longer token is still a token, so only the lower bound
// is kept when the range is wide.
std::string RelaxLongRepeats(const std::string& pattern) {
  std::string out;
  out.reserve(pattern.size());
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {  // an escaped character is itself
      out += pattern[i];
      out += pattern[++i];
      continue;
    }
    if (pattern[i] == '{') {
      const size_t comma = pattern.find(',', i);
      const size_t close = pattern.find('}', i);
      if (comma != std::string::npos && close != std::string::npos && comma < close &&
          pattern.find_first_not_of("0123456789", i + 1) == comma && comma > i + 1 &&
          (close == comma + 1 || pattern.find_first_not_of("0123456789", comma + 1) == close)) {
        // from_chars, not stol: a count too big for 64 bits (a hostile
        // --signatures file) fails here instead of throwing; RE2 then
        // refuses the repeat with an error naming the rule.
        uint64_t low = 0;
        uint64_t high = 0;
        const bool open_ended = close == comma + 1;
        const bool read = std::from_chars(pattern.data() + i + 1, pattern.data() + comma, low).ec == std::errc() &&
                          (open_ended ||
                           std::from_chars(pattern.data() + comma + 1, pattern.data() + close, high).ec == std::errc());
        if (read && !open_ended && high > low && high - low > 16) {
          out += pattern.substr(i, comma - i + 1) + "}";
          i = close;
          continue;
        }
      }
    }
    out += pattern[i];
  }
  return out;
}

std::shared_ptr<const re2::RE2> Compile(const std::string& pattern) {
  re2::RE2::Options options;
  options.set_log_errors(false);  // errors come back as values, not on stderr
  return std::make_shared<const re2::RE2>(pattern, options);
}

// Reads what every match of a pattern must contain (see PatternFilter), by a
// small recursive descent over RE2's syntax. Anything it does not know for
// sure (a top-level flag, \Q, a backreference-like escape, a non-ASCII byte,
// a '{' that is not a repeat) gives up and leaves the rule unfiltered: a
// wrong answer here would be a missed credential, a missing one only costs
// the regex run.
class PatternReader {
 public:
  explicit PatternReader(std::string_view p) : p_(p) {}

  PatternFilter Read() {
    auto length = Alternation(0);
    if (!length || i_ != p_.size() || top_level_alternation_) return {};
    PatternFilter f;
    f.min_length = length->min;
    if (length->max < kCap && !flags_seen_) f.max_length = length->max;
    if (!any_byte_ && !flags_seen_) f.alphabet = bytes_;
    for (std::string& lit : required_) {
      if (std::find(f.required.begin(), f.required.end(), lit) == f.required.end()) f.required.push_back(std::move(lit));
    }
    for (std::string& lit : required_nocase_) {
      if (std::find(f.required_nocase.begin(), f.required_nocase.end(), lit) == f.required_nocase.end()) {
        f.required_nocase.push_back(std::move(lit));
      }
    }
    return f;
  }

 private:
  // A cap far above any real pattern's lengths, so that nested counted
  // repeats cannot overflow; a maximum that reaches it means "no limit".
  static constexpr size_t kCap = size_t{1} << 24;
  static size_t Times(size_t a, size_t b) { return a != 0 && b > kCap / a ? kCap : std::min(a * b, kCap); }
  static size_t Plus(size_t a, size_t b) { return std::min(a + b, kCap); }
  // The most bytes one UTF-8 character takes: what '.', [^x] or \pL may match.
  static constexpr size_t kCharMax = 4;

  struct Length {
    size_t min = 0;
    size_t max = 0;  // in bytes; kCap: no limit
  };

  // branch ('|' branch)*: the shortest and the longest branch.
  std::optional<Length> Alternation(int depth) {
    auto length = Sequence(depth);
    while (length && i_ < p_.size() && p_[i_] == '|') {
      if (depth == 0) top_level_alternation_ = true;  // no literal is then required
      ++i_;
      auto other = Sequence(depth);
      if (!other) return std::nullopt;
      length = Length{std::min(length->min, other->min), std::max(length->max, other->max)};
    }
    return length;
  }

  struct Atom {
    size_t min = 0;
    char literal = 0;  // a plain ASCII character, matched as itself
    std::string nocase;  // a (?i:word) group: the word, lower case
    size_t max = 1;
  };
  static Atom ZeroWidth() { return Atom{0, 0, {}, 0}; }
  static Atom Char(size_t max) { return Atom{1, 0, {}, max}; }

  std::optional<Length> Sequence(int depth) {
    size_t total = 0;
    size_t total_max = 0;
    std::string run;  // literal characters every match holds side by side
    auto flush = [&] {
      if (depth == 0 && !run.empty()) required_.push_back(run);
      run.clear();
    };
    while (i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      auto atom = NextAtom(depth);
      if (!atom) return std::nullopt;
      auto repeat = Repeat();
      if (!repeat) return std::nullopt;
      const auto [low, high, counted] = *repeat;
      total = Plus(total, Times(atom->min, low));
      total_max = Plus(total_max, Times(atom->max, high));
      if (!atom->nocase.empty() && low > 0) NoCase(atom->nocase);
      if (atom->literal != 0 && low > 0) {
        run += atom->literal;
        if (counted) flush();  // "ab+c": "ab" and "c", never "abc"
      } else {
        flush();
      }
    }
    flush();
    return Length{total, total_max};
  }

  struct Count {
    size_t low = 1;
    size_t high = 1;  // kCap: no limit
    bool counted = false;  // there was a quantifier
  };

  // A quantifier after an atom.
  std::optional<Count> Repeat() {
    if (i_ >= p_.size()) return Count{};
    size_t low = 1;
    size_t high = 1;
    const char c = p_[i_];
    if (c == '*' || c == '?') {
      low = 0;
      high = c == '*' ? kCap : 1;
      ++i_;
    } else if (c == '+') {
      high = kCap;
      ++i_;
    } else if (c == '{') {
      size_t k = i_ + 1;
      size_t n = 0;
      const size_t digits = k;
      while (k < p_.size() && std::isdigit(static_cast<unsigned char>(p_[k])) != 0 && n < kCap) n = n * 10 + static_cast<size_t>(p_[k++] - '0');
      if (k == digits || k >= p_.size()) return std::nullopt;
      high = n;
      if (p_[k] == ',') {
        ++k;
        const size_t upper = k;
        size_t m = 0;
        while (k < p_.size() && std::isdigit(static_cast<unsigned char>(p_[k])) != 0 && m < kCap) {
          m = m * 10 + static_cast<size_t>(p_[k++] - '0');
        }
        high = k == upper ? kCap : std::min(m, kCap);
      }
      if (k >= p_.size() || p_[k] != '}') return std::nullopt;  // RE2 may read it as text: not ours to guess
      low = n;
      i_ = k + 1;
    } else {
      return Count{};
    }
    if (i_ < p_.size() && p_[i_] == '?') ++i_;  // non-greedy: the same counts
    if (i_ < p_.size() && std::string_view("*+?{").find(p_[i_]) != std::string_view::npos) return std::nullopt;
    return Count{low, high, true};
  }

  std::optional<Atom> NextAtom(int depth) {
    const char c = p_[i_];
    if (static_cast<unsigned char>(c) >= 0x80) return std::nullopt;  // a multi-byte character: a repeat covers all of it
    switch (c) {
      case '(': return Group(depth);
      case '[': return Class();
      case '.': ++i_; any_byte_ = true; return Char(kCharMax);
      case '^':
      case '$': ++i_; return ZeroWidth();
      case '\\': return Escape();
      case '*':
      case '+':
      case '?':
      case '{': return std::nullopt;
      default: ++i_; bytes_.set(static_cast<unsigned char>(c)); return Atom{1, c};
    }
  }

  std::optional<Atom> Group(int depth) {
    // RE2 refuses deeper nesting than this; the reader, which may see a
    // pattern RE2 has not checked yet, must not recurse without bound.
    constexpr int kMaxDepth = 1000;
    if (depth >= kMaxDepth) return std::nullopt;
    ++i_;  // '('
    if (i_ < p_.size() && p_[i_] == '?') {
      ++i_;
      if (i_ < p_.size() && (p_[i_] == 'P' || p_[i_] == '<')) {  // (?P<name>...) or (?<name>...)
        const size_t close = p_.find('>', i_);
        if (close == std::string_view::npos) return std::nullopt;
        i_ = close + 1;
      } else {
        const size_t flags = i_;
        while (i_ < p_.size() && std::string_view("imsU-").find(p_[i_]) != std::string_view::npos) ++i_;
        if (i_ >= p_.size()) return std::nullopt;
        // (?i)k matches a 3-byte character: no byte count is kept past a flag.
        if (i_ > flags) flags_seen_ = true;
        if (depth == 0 && p_.substr(flags, i_ - flags) == "i" && p_[i_] == ':') {
          // (?i:basic): a word of ASCII letters and digits, in any case.
          const size_t close = p_.find(')', i_);
          const std::string_view word = p_.substr(i_ + 1, close == std::string_view::npos ? 0 : close - i_ - 1);
          if (!word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
                return static_cast<unsigned char>(c) < 0x80 && std::isalnum(static_cast<unsigned char>(c)) != 0;
              })) {
            std::string lower;
            for (char c : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            i_ = close + 1;
            return Atom{word.size(), 0, lower, kCap};
          }
        }
        if (p_[i_] == ')') {
          // (?i) at the top changes how the rest of the pattern matches;
          // inside a group it changes only literals, which are not read there.
          if (depth == 0) return std::nullopt;
          ++i_;
          return ZeroWidth();
        }
        if (p_[i_] != ':') return std::nullopt;
        ++i_;
      }
    }
    auto length = Alternation(depth + 1);
    if (!length || i_ >= p_.size() || p_[i_] != ')') return std::nullopt;
    ++i_;
    return Atom{length->min, 0, {}, length->max};
  }

  // One character of a set: a single byte when every member is ASCII.
  std::optional<Atom> Class() {
    ++i_;  // '['
    bool ascii = true;
    if (i_ < p_.size() && p_[i_] == '^') {
      ascii = false;  // everything else, multi-byte characters too
      any_byte_ = true;
      ++i_;
    }
    if (i_ < p_.size() && p_[i_] == ']') {  // a leading ']' is itself
      bytes_.set(static_cast<unsigned char>(']'));
      ++i_;
    }
    while (i_ < p_.size() && p_[i_] != ']') {
      if (p_[i_] == '\\') {
        auto escaped = Escape();
        if (!escaped) return std::nullopt;
        ascii &= escaped->max <= 1;
        if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') any_byte_ = true;  // a range from an escape
      } else if (p_.substr(i_, 2) == "[:") {  // [:alpha:], ASCII in RE2
        const size_t close = p_.find(":]", i_ + 2);
        if (close == std::string_view::npos) return std::nullopt;
        i_ = close + 2;
        any_byte_ = true;  // not spelled out here
      } else {
        const auto first = static_cast<unsigned char>(p_[i_]);
        ascii &= first < 0x80;
        if (first >= 0x80) any_byte_ = true;
        if (i_ + 2 < p_.size() && p_[i_ + 1] == '-' && p_[i_ + 2] != ']') {  // a-z
          const auto last = static_cast<unsigned char>(p_[i_ + 2]);
          if (last == '\\' || last == '[' || last >= 0x80 || last < first) {
            any_byte_ = true;  // the rest of the class is still read, for its length
          } else {
            for (unsigned b = first; b <= last; ++b) bytes_.set(b);
            i_ += 2;
          }
        } else {
          bytes_.set(first);
        }
        ++i_;
      }
    }
    if (i_ >= p_.size()) return std::nullopt;
    ++i_;  // ']'
    return Char(ascii ? 1 : kCharMax);
  }

  std::optional<Atom> Escape() {
    if (i_ + 1 >= p_.size()) return std::nullopt;
    const char e = p_[i_ + 1];
    i_ += 2;
    switch (e) {
      case 'b':
      case 'B':
      case 'A':
      case 'z': return ZeroWidth();
      case 'D':
      case 'W':
      case 'S': any_byte_ = true; return Char(kCharMax);
      case 'd':  // ASCII classes in RE2
        for (unsigned b = '0'; b <= '9'; ++b) bytes_.set(b);
        return Char(1);
      case 'w':
        for (unsigned b = 0; b < 0x80; ++b) {
          if (std::isalnum(static_cast<int>(b)) != 0 || b == '_') bytes_.set(b);
        }
        return Char(1);
      case 's':
        for (char b : std::string_view("\t\n\f\r ")) bytes_.set(static_cast<unsigned char>(b));
        return Char(1);
      case 'C':  // one byte, any
      case 'n':
      case 't':
      case 'r':
      case 'f':
      case 'v':
      case 'a': any_byte_ = true; return Char(1);  // not spelled out here
      case 'p':
      case 'P':
      case 'x': {
        if (i_ < p_.size() && p_[i_] == '{') {
          const size_t close = p_.find('}', i_);
          if (close == std::string_view::npos) return std::nullopt;
          i_ = close + 1;
        } else {
          i_ += e == 'x' ? 2 : 1;  // \x41, \pL
          if (i_ > p_.size()) return std::nullopt;
        }
        any_byte_ = true;
        return Char(kCharMax);  // \x{263a} is a character, not a byte
      }
      default:
        // An escaped punctuation character is itself; any other escape
        // (\Q, \1, \Z ...) is not understood here.
        if (static_cast<unsigned char>(e) < 0x80 && std::ispunct(static_cast<unsigned char>(e)) != 0) {
          bytes_.set(static_cast<unsigned char>(e));
          return Atom{1, e};
        }
        return std::nullopt;
    }
  }

  // RE2 folds case by Unicode: (?i)k also matches U+212A (KELVIN SIGN) and
  // (?i)s U+017F (LONG S), no other ASCII letter leaves ASCII. The word is
  // cut at those two, so an ASCII case-insensitive search stays exact.
  void NoCase(const std::string& word) {
    size_t start = 0;
    for (size_t k = 0; k <= word.size(); ++k) {
      if (k == word.size() || word[k] == 'k' || word[k] == 's') {
        if (k > start) required_nocase_.push_back(word.substr(start, k - start));
        start = k + 1;
      }
    }
  }

  std::string_view p_;
  size_t i_ = 0;
  bool top_level_alternation_ = false;
  bool flags_seen_ = false;
  std::bitset<256> bytes_;  // every byte an atom can match, unless any_byte_
  bool any_byte_ = false;
  std::vector<std::string> required_;
  std::vector<std::string> required_nocase_;
};

// Reading the rules: a malformed file is a fault of the installation (or of a
// --signatures directory), so every problem is an Error with file, line and
// column, like the host catalog's.
class Reader : public SignatureReader {
 public:
  Reader(const std::string& name, bool compile_now) : SignatureReader(name), compile_now_(compile_now) {}

  // A value that must be one of a fixed set of names ("" allowed when optional).
  template <class Names>
  Result<std::string> Choice(const Node& table, std::string_view key, const Names& names, bool required) const {
    auto s = String(table, key, required);
    if (!s) return s;
    if (!s->empty() && !OneOf(names, *s)) {
      return tl::make_unexpected(Problem(*table.Find(key), "unknown " + std::string(key) + " " + Quoted(*s)));
    }
    return s;
  }

  // Compiles the pattern once, at load time, so a bad one is reported at its
  // place in the file instead of failing silently during a scan.
  Result<std::shared_ptr<const re2::RE2>> Pattern(const Node& table, const std::string& id) const {
    auto text = String(table, "pattern", true);
    if (!text) return tl::make_unexpected(text.error());
    if (!compile_now_) return std::shared_ptr<const re2::RE2>();  // compiled on first use
    auto re = Compile(RelaxLongRepeats(*text));
    if (!re->ok()) {
      return tl::make_unexpected(Problem(*table.Find("pattern"), "rule " + Quoted(id) + ": invalid pattern: " + re->error()));
    }
    if (re->NumberOfCapturingGroups() > 1) {
      return tl::make_unexpected(
          Problem(*table.Find("pattern"), "rule " + Quoted(id) + ": a pattern may have at most one capturing group"));
    }
    return re;
  }

  Result<CredentialRule> Rule(const Node& t) const {
    if (auto known = KnownKeys(t, kRuleKeys, "a [[rule]]"); !known) return tl::make_unexpected(known.error());
    CredentialRule r;
#define MCPG_TRY(var, expr) \
  auto var = (expr);        \
  if (!var) return tl::make_unexpected(var.error())
    MCPG_TRY(id, String(t, "id", true));
    MCPG_TRY(provider, String(t, "provider", true));
    MCPG_TRY(kind, String(t, "kind", true));
    MCPG_TRY(scope, String(t, "scope", true));
    MCPG_TRY(blast, Choice(t, "blast_radius", kBlastRadii, true));
    MCPG_TRY(severity_name, String(t, "severity", true));
    auto severity = model::ParseSeverity(*severity_name);
    if (!severity) {
      return tl::make_unexpected(Problem(*t.Find("severity"), "unknown severity " + Quoted(*severity_name) +
                                                                  " (expected info, low, medium, high or critical)"));
    }
    MCPG_TRY(remediation, String(t, "remediation", true));
    MCPG_TRY(live, Bool(t, "live", true));
    MCPG_TRY(public_by_design, Bool(t, "public_by_design", false));
    MCPG_TRY(long_lived, Bool(t, "long_lived", false));
    MCPG_TRY(pattern, Pattern(t, *id));
    MCPG_TRY(search, Bool(t, "search", false));
    MCPG_TRY(names, Strings(t, "names"));
    MCPG_TRY(needs_name, Bool(t, "needs_name", false));
    MCPG_TRY(validator, Choice(t, "validator", kValidators, false));
    MCPG_TRY(decoder, Choice(t, "decoder", kDecoders, false));
    MCPG_TRY(when, StringTable(t, "when"));
    MCPG_TRY(owners, Strings(t, "owners"));
    MCPG_TRY(examples, Strings(t, "examples"));
    MCPG_TRY(non_examples, Strings(t, "non_examples"));
#undef MCPG_TRY
    if (*needs_name && names->empty()) {
      return tl::make_unexpected(Problem(t, "rule " + Quoted(*id) + " has needs_name but no names"));
    }
    if (!when->empty() && decoder->empty()) {
      return tl::make_unexpected(Problem(*t.Find("when"), "rule " + Quoted(*id) + ": \"when\" needs a decoder"));
    }
    for (std::string& n : *names) {
      for (char& c : n) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    r.id = std::move(*id);
    r.provider = std::move(*provider);
    r.kind = std::move(*kind);
    r.scope = std::move(*scope);
    r.blast_radius = std::move(*blast);
    r.severity = *severity;
    r.remediation = std::move(*remediation);
    r.live = *live;
    r.public_by_design = *public_by_design;
    r.long_lived = *long_lived;
    r.pattern_text = RelaxLongRepeats(t.Find("pattern")->str);
    PatternFilter filter = AnalyzePattern(r.pattern_text);
    r.required = std::move(filter.required);
    r.required_nocase = std::move(filter.required_nocase);
    r.min_length = filter.min_length;
    r.max_length = filter.max_length;
    r.alphabet = filter.alphabet;
    r.pattern = std::move(*pattern);
    r.search = *search;
    r.names = std::move(*names);
    r.needs_name = *needs_name;
    r.validator = std::move(*validator);
    r.decoder = std::move(*decoder);
    r.when = std::move(*when);
    r.owners = std::move(*owners);
    r.examples = std::move(*examples);
    r.non_examples = std::move(*non_examples);
    return r;
  }

 private:
  bool compile_now_;
};

}  // namespace

PatternFilter AnalyzePattern(std::string_view pattern) { return PatternReader(pattern).Read(); }

const CredentialRule* CredentialRules::Find(std::string_view id) const {
  for (const CredentialRule& r : rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

Result<CredentialRules> ParseCredentialRules(std::string_view text, const std::string& name, bool compile_now) {
  auto doc = ParseSignatureText(text, name, "mcpguard.credentials/1");
  if (!doc) return tl::make_unexpected(doc.error());
  const Node& root = doc->root;
  Reader r(name, compile_now);
  CredentialRules out;
  const Node* list = root.Find("rule");
  if (list == nullptr || !list->IsArray() || list->items.empty()) {
    return tl::make_unexpected(r.Problem(root, "no [[rule]] entries"));
  }
  for (const Node& t : list->items) {
    auto rule = r.Rule(t);
    if (!rule) return tl::make_unexpected(rule.error());
    if (out.Find(rule->id) != nullptr) {
      return tl::make_unexpected(r.Problem(*t.Find("id"), "rule " + Quoted(rule->id) + " is defined twice"));
    }
    out.rules.push_back(std::move(*rule));
  }
  return out;
}


const re2::RE2& CredentialRule::Pattern() const {
  if (!pattern) pattern = Compile(pattern_text);
  return *pattern;
}

}  // namespace mcpguard::rules

#include "pinning/packages.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <utility>

#include "base/file.h"
#include "base/path.h"
#include "base/text.h"
#include "rules/signature_file.h"
#include "formats/parse.h"

namespace mcpguard::pinning {
namespace {

using formats::Node;

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// ---- versions -------------------------------------------------------------

// Pre-release kinds, lowest first: 1.0.dev0 < 1.0rc1 < 1.0 < 1.0.post1.
enum class Stage { kDev, kPre, kRelease, kPost };

struct Version {
  std::vector<uint64_t> numbers;
  Stage stage = Stage::kRelease;
  std::string suffix;  // lower case, for ordering pre-releases among themselves
};

uint64_t ReadNumber(std::string_view s, size_t& i) {
  uint64_t n = 0;
  for (; i < s.size() && IsDigit(s[i]); ++i) {
    const uint64_t digit = static_cast<uint64_t>(s[i] - '0');
    n = n > (UINT64_MAX - digit) / 10 ? UINT64_MAX : n * 10 + digit;  // saturate: no overflow on hostile input
  }
  return n;
}

Version ParseVersion(std::string_view v) {
  v = Trim(v);
  while (!v.empty() && (v[0] == 'v' || v[0] == 'V' || v[0] == '=')) v.remove_prefix(1);
  v = v.substr(0, v.find('+'));
  Version out;
  size_t i = 0;
  while (i < v.size() && IsDigit(v[i])) {
    out.numbers.push_back(ReadNumber(v, i));
    if (i + 1 < v.size() && v[i] == '.' && IsDigit(v[i + 1])) ++i;
    else break;
  }
  std::string rest = ToLower(v.substr(i));
  while (!rest.empty() && (rest[0] == '-' || rest[0] == '.' || rest[0] == '_')) rest.erase(0, 1);
  if (rest.empty()) return out;
  if (StartsWith(rest, "post")) {
    out.stage = Stage::kPost;
    rest.erase(0, 4);
  } else if (StartsWith(rest, "dev")) {
    out.stage = Stage::kDev;
    rest.erase(0, 3);
  } else {
    out.stage = Stage::kPre;
  }
  out.suffix = rest;
  return out;
}

// "beta.11" -> {"beta", "11"}; "rc2" -> {"rc", "2"}: identifiers split at
// separators and at letter/digit boundaries.
std::vector<std::string> Identifiers(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    const bool sep = c == '.' || c == '-' || c == '_';
    if (sep || (!cur.empty() && IsDigit(cur.back()) != IsDigit(c))) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    }
    if (!sep) cur += c;
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

int CompareIdentifier(const std::string& a, const std::string& b) {
  const bool an = IsDigit(a[0]), bn = IsDigit(b[0]);
  if (an && bn) {
    size_t i = 0, j = 0;
    const uint64_t x = ReadNumber(a, i), y = ReadNumber(b, j);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (an != bn) return an ? -1 : 1;  // numbers sort below words (semver)
  return a < b ? -1 : a > b ? 1 : 0;
}

int CompareSuffix(std::string_view a, std::string_view b) {
  const std::vector<std::string> x = Identifiers(a), y = Identifiers(b);
  for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
    if (int c = CompareIdentifier(x[i], y[i]); c != 0) return c;
  }
  return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
}

// ---- ranges ---------------------------------------------------------------

enum class Op { kEq, kNe, kLt, kLe, kGt, kGe, kAny };

struct Comparator {
  Op op = Op::kEq;
  std::string version;
};

std::optional<Comparator> ParseComparator(std::string_view c) {
  if (c == "*") return Comparator{Op::kAny, ""};
  static constexpr std::array<std::pair<std::string_view, Op>, 7> kOps = {{{">=", Op::kGe},
                                                                           {"<=", Op::kLe},
                                                                           {"==", Op::kEq},
                                                                           {"!=", Op::kNe},
                                                                           {">", Op::kGt},
                                                                           {"<", Op::kLt},
                                                                           {"=", Op::kEq}}};
  Comparator out;
  for (const auto& [text, op] : kOps) {
    if (StartsWith(c, text)) {
      out.op = op;
      c.remove_prefix(text.size());
      break;
    }
  }
  if (!c.empty() && c[0] == 'v') c.remove_prefix(1);
  if (c.empty() || !IsDigit(c[0])) return std::nullopt;
  out.version = std::string(c);
  return out;
}

using ComparatorSet = std::vector<Comparator>;

std::vector<std::string> Words(std::string_view s) {
  std::string spaced(s);
  std::replace(spaced.begin(), spaced.end(), ',', ' ');
  std::replace(spaced.begin(), spaced.end(), '\t', ' ');
  std::vector<std::string> out;
  for (std::string& w : Split(spaced, ' ')) {
    if (!w.empty()) out.push_back(std::move(w));
  }
  return out;
}

std::vector<std::string> Alternatives(std::string_view range) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    const size_t bar = range.find("||", start);
    out.emplace_back(range.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (bar == std::string_view::npos) return out;
    start = bar + 2;
  }
}

std::optional<std::vector<ComparatorSet>> ParseRange(std::string_view range) {
  std::vector<ComparatorSet> sets;
  for (const std::string& alt : Alternatives(range)) {
    ComparatorSet set;
    for (const std::string& w : Words(alt)) {
      auto c = ParseComparator(w);
      if (!c) return std::nullopt;
      set.push_back(std::move(*c));
    }
    if (set.empty()) return std::nullopt;
    sets.push_back(std::move(set));
  }
  return sets;
}

bool Satisfies(std::string_view version, const Comparator& c) {
  if (c.op == Op::kAny) return true;
  const int cmp = CompareVersions(version, c.version);
  switch (c.op) {
    case Op::kEq: return cmp == 0;
    case Op::kNe: return cmp != 0;
    case Op::kLt: return cmp < 0;
    case Op::kLe: return cmp <= 0;
    case Op::kGt: return cmp > 0;
    case Op::kGe: return cmp >= 0;
    case Op::kAny: return true;
  }
  return false;
}

// The numeric head of a requested version: "1.x" -> "1", "1.2.*" -> "1.2",
// "2025.7.1" -> "2025.7.1", "latest" -> "".
std::string NumericHead(std::string_view v) {
  if (!v.empty() && (v[0] == 'v' || v[0] == '=')) v.remove_prefix(1);
  std::string out;
  for (const std::string& part : Split(v.substr(0, v.find_first_of("-+")), '.')) {
    if (part.empty() || !std::all_of(part.begin(), part.end(), IsDigit)) break;
    if (!out.empty()) out += '.';
    out += part;
  }
  return out;
}

// The floor of one alternative; nullopt when unreadable.
std::optional<std::string> AlternativeFloor(std::string_view alt) {
  std::vector<std::string> words = Words(alt);
  if (const auto dash = std::find(words.begin(), words.end(), "-"); dash != words.end()) {
    words.erase(dash, words.end());  // hyphen range "a - b": a is the floor
  }
  std::string floor = "0";
  for (std::string w : words) {
    if (w == "*" || w == "x" || w == "X") continue;
    if (StartsWith(w, "<") || StartsWith(w, "!=")) continue;  // upper bounds and exclusions
    const size_t op_end = w.find_first_not_of("<>=!~^");
    w.erase(0, op_end == std::string::npos ? w.size() : op_end);
    const std::string head = NumericHead(w);
    if (head.empty()) return std::nullopt;
    if (CompareVersions(head, floor) > 0) floor = head;
  }
  return floor;
}

// ---- names ------------------------------------------------------------------

std::string PypiNormalize(std::string_view name) {
  std::string out;
  for (char c : ToLower(name)) {
    const bool sep = c == '-' || c == '_' || c == '.';
    if (!sep) {
      out += c;
    } else if (out.empty() || out.back() != '-') {
      out += '-';
    }
  }
  return out;
}

// ---- packages.toml ----------------------------------------------------------

constexpr std::array<std::string_view, 2> kEcosystems = {"npm", "pypi"};
constexpr std::array<std::string_view, 7> kMaliciousKeys = {"ecosystem", "name",    "versions", "advisory",
                                                            "aliases",   "summary", "iocs"};
constexpr std::array<std::string_view, 8> kVulnerableKeys = {"ecosystem", "name",     "affected", "fixed",
                                                             "cve",       "aliases",  "severity", "summary"};
constexpr std::array<std::string_view, 3> kWellKnownKeys = {"npm", "pypi", "docker"};

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

using rules::Quoted;

#define MCPG_TRY(var, expr) \
  auto var = (expr);        \
  if (!var) return tl::make_unexpected(var.error())

// Reads the file's tables; every problem carries the file, line and column,
// like rules/credentials.cc.
class Reader : public rules::SignatureReader {
 public:
  explicit Reader(const std::string& name) : SignatureReader(name) {}

  Result<std::string> Ecosystem(const Node& t) const {
    MCPG_TRY(eco, String(t, "ecosystem", true));
    if (!OneOf(kEcosystems, *eco)) return tl::make_unexpected(Problem(*t.Find("ecosystem"), "unknown ecosystem " + Quoted(*eco) + " (expected npm or pypi)"));
    return eco;
  }

  Result<std::string> Range(const Node& t, std::string_view key) const {
    MCPG_TRY(range, String(t, key, true));
    if (!IsValidRange(*range)) return tl::make_unexpected(Problem(*t.Find(key), "invalid version range " + Quoted(*range)));
    return range;
  }

  Result<std::string> Id(const Node& t, std::string_view key, std::initializer_list<std::string_view> prefixes) const {
    MCPG_TRY(id, String(t, key, true));
    for (std::string_view p : prefixes) {
      if (StartsWith(*id, p)) return id;
    }
    return tl::make_unexpected(Problem(*t.Find(key), "unexpected " + std::string(key) + " " + Quoted(*id)));
  }

  Result<MaliciousPackage> Malicious(const Node& t) const {
    MCPG_TRY(known, KnownKeys(t, kMaliciousKeys, "a [[malicious]] entry"));
    MCPG_TRY(eco, Ecosystem(t));
    MCPG_TRY(name, String(t, "name", true));
    MCPG_TRY(versions, Range(t, "versions"));
    MCPG_TRY(advisory, Id(t, "advisory", {"MAL-", "GHSA-", "PYSEC-"}));
    MCPG_TRY(aliases, Strings(t, "aliases", true));
    MCPG_TRY(summary, String(t, "summary", true));
    MCPG_TRY(iocs, Strings(t, "iocs", true));
    return MaliciousPackage{std::move(*eco),     std::move(*name),    std::move(*versions), std::move(*advisory),
                            std::move(*aliases), std::move(*summary), std::move(*iocs),     t.pos.line};
  }

  Result<model::Severity> Severity(const Node& t) const {
    MCPG_TRY(text, String(t, "severity", true));
    const auto severity = model::ParseSeverity(*text);
    if (!severity) return tl::make_unexpected(Problem(*t.Find("severity"), "unknown severity " + Quoted(*text)));
    return *severity;
  }

  Result<VulnerablePackage> Vulnerable(const Node& t) const {
    MCPG_TRY(known, KnownKeys(t, kVulnerableKeys, "a [[vulnerable]] entry"));
    MCPG_TRY(eco, Ecosystem(t));
    MCPG_TRY(name, String(t, "name", true));
    MCPG_TRY(affected, Range(t, "affected"));
    MCPG_TRY(fixed, String(t, "fixed", true));
    // The fix must lie outside the range it fixes, or the entry contradicts itself.
    if (!IsDigit((*fixed)[0]) || VersionInRange(*fixed, *affected)) {
      return tl::make_unexpected(Problem(*t.Find("fixed"), "fixed version " + Quoted(*fixed) + " is not outside " + Quoted(*affected)));
    }
    MCPG_TRY(cve, Id(t, "cve", {"CVE-"}));
    MCPG_TRY(aliases, Strings(t, "aliases", true));
    MCPG_TRY(severity, Severity(t));
    MCPG_TRY(summary, String(t, "summary", true));
    return VulnerablePackage{std::move(*eco),     std::move(*name), std::move(*affected), std::move(*fixed),
                             std::move(*cve),     std::move(*aliases), *severity,         std::move(*summary),
                             t.pos.line};
  }

  Result<bool> WellKnown(const Node& root, PackageRules& out) const {
    const Node* t = root.Find("well_known");
    if (t == nullptr) return tl::make_unexpected(Problem(root, "no [well_known] table"));
    MCPG_TRY(known, KnownKeys(*t, kWellKnownKeys, "[well_known]"));
    MCPG_TRY(npm, Strings(*t, "npm", true));
    MCPG_TRY(pypi, Strings(*t, "pypi", true));
    MCPG_TRY(docker, Strings(*t, "docker", true));
    out.well_known_npm = std::move(*npm);
    out.well_known_pypi = std::move(*pypi);
    out.well_known_docker = std::move(*docker);
    return true;
  }

  // The [[name]] array of tables, which must exist and not be empty.
  Result<const std::vector<Node>*> List(const Node& root, std::string_view key) const {
    const Node* list = root.Find(key);
    if (list == nullptr || !list->IsArray() || list->items.empty()) {
      return tl::make_unexpected(Problem(root, "no [[" + std::string(key) + "]] entries"));
    }
    return &list->items;
  }

};

Result<bool> ReadMalicious(const Reader& r, const Node& root, PackageRules& out) {
  MCPG_TRY(list, r.List(root, "malicious"));
  for (const Node& t : **list) {
    MCPG_TRY(entry, r.Malicious(t));
    for (const MaliciousPackage& m : out.malicious) {
      if (m.ecosystem == entry->ecosystem && m.name == entry->name && m.advisory == entry->advisory) {
        return tl::make_unexpected(r.Problem(t, entry->name + " " + entry->advisory + " is listed twice"));
      }
    }
    out.malicious.push_back(std::move(*entry));
  }
  return true;
}

Result<bool> ReadVulnerable(const Reader& r, const Node& root, PackageRules& out) {
  MCPG_TRY(list, r.List(root, "vulnerable"));
  for (const Node& t : **list) {
    MCPG_TRY(entry, r.Vulnerable(t));
    for (const VulnerablePackage& v : out.vulnerable) {
      if (v.ecosystem == entry->ecosystem && v.name == entry->name && v.cve == entry->cve) {
        return tl::make_unexpected(r.Problem(t, entry->name + " " + entry->cve + " is listed twice"));
      }
    }
    out.vulnerable.push_back(std::move(*entry));
  }
  return true;
}

#undef MCPG_TRY

}  // namespace

int CompareVersions(std::string_view a, std::string_view b) {
  const Version x = ParseVersion(a), y = ParseVersion(b);
  const size_t n = std::max(x.numbers.size(), y.numbers.size());
  for (size_t i = 0; i < n; ++i) {
    const uint64_t p = i < x.numbers.size() ? x.numbers[i] : 0;
    const uint64_t q = i < y.numbers.size() ? y.numbers[i] : 0;
    if (p != q) return p < q ? -1 : 1;
  }
  if (x.stage != y.stage) return x.stage < y.stage ? -1 : 1;
  return CompareSuffix(x.suffix, y.suffix);
}

bool IsValidRange(std::string_view range) { return ParseRange(range).has_value(); }

bool VersionInRange(std::string_view version, std::string_view range) {
  const auto sets = ParseRange(range);
  if (!sets) return false;
  return std::any_of(sets->begin(), sets->end(), [&](const ComparatorSet& set) {
    return std::all_of(set.begin(), set.end(), [&](const Comparator& c) { return Satisfies(version, c); });
  });
}

std::string RangeFloor(std::string_view range) {
  std::string lowest;
  for (const std::string& alt : Alternatives(range)) {
    const auto floor = AlternativeFloor(alt);
    if (!floor) return "";
    if (lowest.empty() || CompareVersions(*floor, lowest) < 0) lowest = *floor;
  }
  return lowest;
}

size_t DamerauLevenshtein(std::string_view a, std::string_view b) {
  constexpr size_t kMaxLength = 256;
  if (a.size() > kMaxLength || b.size() > kMaxLength) return std::max(a.size(), b.size());
  // Three rows of the edit-distance table: i-2, i-1 and i.
  std::vector<size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string NormalizeName(std::string_view ecosystem, std::string_view name) {
  if (ecosystem == "pypi") return PypiNormalize(name);
  std::string out = ToLower(name);
  if (ecosystem == "docker") {
    for (std::string_view prefix : {"docker.io/", "index.docker.io/", "registry-1.docker.io/"}) {
      if (StartsWith(out, prefix)) out.erase(0, prefix.size());
    }
    if (StartsWith(out, "library/")) out.erase(0, 8);
  }
  return out;
}

std::vector<const MaliciousPackage*> PackageRules::Malicious(std::string_view ecosystem, std::string_view name) const {
  std::vector<const MaliciousPackage*> out;
  const std::string key = NormalizeName(ecosystem, name);
  for (const MaliciousPackage& m : malicious) {
    if (m.ecosystem == ecosystem && NormalizeName(ecosystem, m.name) == key) out.push_back(&m);
  }
  return out;
}

std::vector<const VulnerablePackage*> PackageRules::Vulnerable(std::string_view ecosystem, std::string_view name) const {
  std::vector<const VulnerablePackage*> out;
  const std::string key = NormalizeName(ecosystem, name);
  for (const VulnerablePackage& v : vulnerable) {
    if (v.ecosystem == ecosystem && NormalizeName(ecosystem, v.name) == key) out.push_back(&v);
  }
  return out;
}

const std::vector<std::string>& PackageRules::WellKnown(std::string_view ecosystem) const {
  static const std::vector<std::string> kNone;
  if (ecosystem == "npm") return well_known_npm;
  if (ecosystem == "pypi") return well_known_pypi;
  if (ecosystem == "docker") return well_known_docker;
  return kNone;
}

Result<PackageRules> ParsePackageRules(std::string_view text, const std::string& name) {
  auto doc = rules::ParseSignatureText(text, name, "mcpguard.packages/1");
  if (!doc) return tl::make_unexpected(doc.error());
  const Node& root = doc->root;
  Reader r(name);
  PackageRules out;
  for (auto step : {ReadMalicious, ReadVulnerable}) {
    auto ok = step(r, root, out);
    if (!ok) return tl::make_unexpected(ok.error());
  }
  auto ok = r.WellKnown(root, out);
  if (!ok) return tl::make_unexpected(ok.error());
  return out;
}

Result<PackageRules> LoadPackageRules(const std::string& signatures_dir) {
  auto file = rules::ReadSignatureFile(signatures_dir, "packages.toml");
  if (!file) return tl::make_unexpected(file.error());
  return ParsePackageRules(file->text, file->name);
}

}  // namespace mcpguard::pinning

#include "classify/detect.h"

#include "classify/redact.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "base/text.h"

namespace mcpguard::classify {
namespace {

using rules::CredentialRule;
using rules::CredentialRules;
using Facts = std::map<std::string, std::string>;
using Json = nlohmann::json;

// ---------------------------------------------------------------- helpers

// Overwrites a buffer that held decoded secret material before it is freed;
// the volatile store keeps the compiler from dropping it as dead.
void Wipe(std::string& s) {
  volatile char* p = s.data();
  for (size_t i = 0; i < s.size(); ++i) p[i] = 0;
  s.clear();
}

char Upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }
char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(s[i]) != Lower(prefix[i])) return false;
  }
  return true;
}

// Case-insensitive search that does not copy `s` (it may be a secret).
bool ContainsNoCase(std::string_view s, std::string_view word) {
  if (word.size() > s.size()) return false;
  for (size_t i = 0; i + word.size() <= s.size(); ++i) {
    if (StartsWithNoCase(s.substr(i), word)) return true;
  }
  return false;
}

// Facts end up in reports and terminals: printable ASCII only, bounded, so a
// hostile JWT claim cannot smuggle escape sequences or flood the output.
std::string SafeFact(std::string_view s) {
  constexpr size_t kMax = 200;
  std::string out;
  for (size_t i = 0; i < s.size() && i < kMax; ++i) {
    const char c = s[i];
    out += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  if (s.size() > kMax) out += "...";
  return out;
}

// A user name from a URL or Basic header: usually a login, sometimes the
// token itself (https://ghp_...:x-oauth-basic@host). Only the former is shown.
std::string SafeUserFact(std::string_view user) {
  if (user.size() >= 20 || RedactText(user) != user) return std::string(kRedacted);
  return SafeFact(user);
}

// CRC-32 as zlib computes it (IEEE 802.3, reflected, polynomial 0xEDB88320).
uint32_t Crc32(std::string_view data) {
  static const std::array<uint32_t, 256> kTable = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1u) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t crc = 0xFFFFFFFFu;
  for (char ch : data) crc = kTable[(crc ^ static_cast<unsigned char>(ch)) & 0xFFu] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

// Base62 with GitHub's alphabet (digits, upper, lower), left-padded to 6.
std::string Base62Checksum(uint32_t n) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string out(6, '0');
  for (size_t i = 6; i-- > 0 && n != 0;) {
    out[i] = kAlphabet[n % 62];
    n /= 62;
  }
  return out;
}

int Base64Digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;  // base64 and base64url alike: tokens mix them up
  if (c == '/' || c == '_') return 63;
  return -1;
}

// Decodes base64 or base64url, padding optional; nullopt on any other byte
// or an impossible length. Stops after `max_out` bytes when only a header is
// needed, so no more of a secret is decoded than necessary.
std::optional<std::string> Base64Decode(std::string_view in, size_t max_out = std::string::npos) {
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = Base64Digit(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFFu);
      if (out.size() >= max_out) break;
    }
  }
  return out;
}

std::optional<Json> ParseJsonObject(std::string_view text) {
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

// RFC 3339 UTC from Unix seconds (civil-from-days, H. Hinnant), years 1970-9999.
std::optional<std::string> Rfc3339(int64_t t) {
  if (t < 0 || t > 253402300799) return std::nullopt;
  const int64_t days = t / 86400;
  const int64_t secs = t % 86400;
  const int64_t z = days + 719468;
  const int64_t era = z / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char buf[128];  // room for any long long, so -Wformat-truncation can see it fits
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", static_cast<long long>(year),
                static_cast<long long>(month), static_cast<long long>(day), static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  return std::string(buf);
}

// A NumericDate claim (RFC 7519: seconds, possibly fractional).
std::optional<int64_t> JsonTime(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number()) return std::nullopt;
  const double d = it->get<double>();
  if (!std::isfinite(d) || d < -1e15 || d > 1e15) return std::nullopt;
  return static_cast<int64_t>(d);
}

// A claim as display text: strings as they are, arrays of strings joined.
std::optional<std::string> JsonText(const Json& obj, const char* key, std::string_view sep) {
  auto it = obj.find(key);
  if (it == obj.end()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_array()) {
    std::string out;
    for (const Json& item : *it) {
      if (!item.is_string()) continue;
      if (!out.empty()) out += sep;
      out += item.get<std::string>();
    }
    return out;
  }
  if (it->is_number() || it->is_boolean()) return it->dump();
  return std::nullopt;
}

// ${env:X}, ${input:x}, ${X}, $X, {env:X}, ${{ secrets.X }}, %X%, or several
// of them in a row: the value names a secret kept elsewhere.
bool IsReference(std::string_view v) {
  // Every form below starts with '$', '{' or '%': most values are decided
  // here, without running the pattern.
  if (v.empty() || (v.front() != '$' && v.front() != '{' && v.front() != '%')) return false;
  // ${X:-default}: the default is written in the file, and may be the secret.
  for (size_t at = v.find(":-"); at != std::string_view::npos; at = v.find(":-", at + 2)) {
    const size_t open = v.rfind("${", at);
    const size_t close = v.find('}', at);
    if (open != std::string_view::npos && close != std::string_view::npos && close > at + 2 &&
        v.find('}', open) == close) {
      return false;
    }
  }
  static const re2::RE2 kReference(
      R"((?:\$\{\{[^}]*\}\}|\$\{[^{}]*\}|\{env:[^{}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%)+)");
  return !v.empty() && re2::RE2::FullMatch(re2::StringPiece(v.data(), v.size()), kReference);
}

// A password part that is a reference or a placeholder, not a password.
bool IsPlaceholderPassword(std::string_view p) {
  if (p.empty()) return true;
  if (p.front() == '$' || p.front() == '{' || p.front() == '<' || p.front() == '[') return true;
  return std::all_of(p.begin(), p.end(), [](char c) { return c == '*' || c == 'x' || c == 'X'; });
}

// ---------------------------------------------------------------- validators

// Placeholders people leave in configs; a value containing one is not a secret.
constexpr std::array<std::string_view, 18> kPlaceholderWords = {
    "xxxx",   "your",   "example", "changeme", "change_me", "change-me", "placeholder", "replace", "dummy",
    "sample", "redact", "insert",  "todo",     "****",      "abcdef",    "123456",      "qwerty",  "password"};

// For generic-secret: long, random-looking, not a path, URL or placeholder.
bool LooksRandom(std::string_view v) {
  if (v.size() < 16) return false;
  if (v.find("://") != std::string_view::npos) return false;  // URLs have their own rules
  if (v.front() == '/' || v.front() == '~' || v.front() == '.' || v.front() == '\\') return false;
  if (v.size() > 2 && v[1] == ':' && (v[2] == '\\' || v[2] == '/')) return false;  // C:\...
  for (std::string_view word : kPlaceholderWords) {
    if (ContainsNoCase(v, word)) return false;
  }
  bool lower = false, upper = false, digit = false;
  for (char c : v) {
    lower |= std::islower(static_cast<unsigned char>(c)) != 0;
    upper |= std::isupper(static_cast<unsigned char>(c)) != 0;
    digit |= std::isdigit(static_cast<unsigned char>(c)) != 0;
  }
  const int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0);
  return classes >= 2 && ShannonEntropy(v) >= 3.0;
}

// ---------------------------------------------------------------- decoders

bool DecodeAws(std::string_view key, Facts& facts) {
  if (StartsWith(key, "AKIA")) {
    facts["aws_key_type"] = "long-term";
    facts["expires"] = "never";
  } else if (StartsWith(key, "ASIA")) {
    facts["aws_key_type"] = "temporary";
  }
  if (std::string account = AwsAccountId(key); !account.empty()) facts["aws_account"] = std::move(account);
  return true;
}

bool DecodeJwt(std::string_view token, int64_t now_unix, Facts& facts) {
  const size_t dot1 = token.find('.');
  const size_t dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos) return false;
  constexpr size_t kMaxPart = 64 * 1024;
  if (dot1 > kMaxPart || dot2 - dot1 - 1 > kMaxPart) return false;
  auto header_text = Base64Decode(token.substr(0, dot1));
  auto payload_text = Base64Decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!header_text || !payload_text) return false;
  auto header = ParseJsonObject(*header_text);
  auto payload = ParseJsonObject(*payload_text);
  if (!header || !payload) return false;  // eyJ... that is not JSON is not a JWT

  if (auto alg = JsonText(*header, "alg", ","); alg) {
    facts["jwt_alg"] = SafeFact(*alg);
    // An unsigned token: whoever accepts it accepts anything.
    if (ToLower(*alg) == "none") facts["jwt_alg_none"] = "true";
  }
  const auto exp = JsonTime(*payload, "exp");
  const auto iat = JsonTime(*payload, "iat");
  if (exp) {
    if (auto when = Rfc3339(*exp); when) facts["jwt_exp"] = *when;
    facts["jwt_expired"] = *exp <= now_unix ? "true" : "false";
    if (iat && *exp >= *iat) facts["jwt_lifetime_days"] = std::to_string((*exp - *iat) / 86400);
  } else {
    facts["expires"] = "never";
  }
  const std::pair<const char*, const char*> kClaims[] = {
      {"iss", "jwt_iss"}, {"aud", "jwt_aud"}, {"sub", "jwt_sub"}, {"role", "jwt_role"}};
  for (const auto& [claim, fact] : kClaims) {
    if (auto text = JsonText(*payload, claim, ","); text && !text->empty()) facts[fact] = SafeFact(*text);
  }
  // OAuth scopes go by several names: "scope" (RFC 8693), "scp" (Azure,
  // Okta), "permissions" (Auth0).
  for (const char* claim : {"scope", "scp", "permissions"}) {
    if (auto text = JsonText(*payload, claim, " "); text && !text->empty()) {
      facts["jwt_scope"] = SafeFact(*text);
      break;
    }
  }
  return true;
}

bool DecodeSentry(std::string_view token, Facts& facts) {
  // sntrys_<base64 JSON>_<signature>
  const size_t last = token.rfind('_');
  constexpr size_t kPrefix = 7;  // "sntrys_"
  if (last == std::string_view::npos || last <= kPrefix) return true;
  auto text = Base64Decode(token.substr(kPrefix, last - kPrefix));
  if (!text) return true;
  if (auto payload = ParseJsonObject(*text); payload) {
    const std::pair<const char*, const char*> kClaims[] = {
        {"org", "sentry_org"}, {"url", "sentry_url"}, {"region_url", "sentry_region_url"}};
    for (const auto& [claim, fact] : kClaims) {
      if (auto v = JsonText(*payload, claim, ","); v && !v->empty()) facts[fact] = SafeFact(*v);
    }
  }
  return true;
}

// "true"/"false" when an OpenSSH key's header names its cipher, "" otherwise.
// Only the first few dozen bytes are decoded: magic, then the cipher name.
std::string OpensshEncrypted(std::string_view body) {
  std::string b64;
  for (size_t i = 0; i < body.size() && b64.size() < 96; ++i) {
    const char c = body[i];
    if (c == '\\' && i + 1 < body.size() && (body[i + 1] == 'n' || body[i + 1] == 'r')) {
      ++i;  // a "\n" left escaped in a JSON or TOML string
    } else if (c == '-') {
      break;
    } else if (std::isspace(static_cast<unsigned char>(c)) == 0) {
      b64 += c;
    }
  }
  b64.resize(b64.size() - b64.size() % 4);
  auto raw = Base64Decode(b64);
  Wipe(b64);
  if (!raw) return "";
  static constexpr std::string_view kMagic("openssh-key-v1\0", 15);
  std::string result;
  if (raw->size() >= kMagic.size() + 4 && std::string_view(*raw).substr(0, kMagic.size()) == kMagic) {
    uint32_t len = 0;
    for (size_t i = 0; i < 4; ++i) len = (len << 8) | static_cast<unsigned char>((*raw)[kMagic.size() + i]);
    const size_t start = kMagic.size() + 4;
    if (len > 0 && len <= 64 && start + len <= raw->size()) {
      result = std::string_view(*raw).substr(start, len) == "none" ? "false" : "true";
    }
  }
  Wipe(*raw);
  return result;
}

bool DecodePem(std::string_view pem, Facts& facts) {
  // -----BEGIN <label>-----<body>-----END <label>-----
  constexpr std::string_view kBegin = "-----BEGIN";
  const size_t label_end = pem.find("-----", kBegin.size());
  if (!StartsWith(pem, kBegin) || label_end == std::string_view::npos) return false;
  const std::string_view label = Trim(pem.substr(kBegin.size(), label_end - kBegin.size()));
  std::string_view type = label.substr(0, label.find("PRIVATE KEY"));
  type = Trim(type);
  facts["pem_type"] = type.empty() ? "PKCS8" : SafeFact(type);
  std::string encrypted = "false";
  if (label.find("ENCRYPTED") != std::string_view::npos || pem.find("Proc-Type: 4,ENCRYPTED") != std::string_view::npos) {
    encrypted = "true";
  } else if (type == "OPENSSH") {
    encrypted = OpensshEncrypted(pem.substr(label_end + 5));
    if (encrypted.empty()) encrypted = "unknown";
  }
  facts["pem_encrypted"] = encrypted;
  return true;
}

// scheme://user:password@host[:port][/path][?query]: the facts never include
// the password, and a password that is a reference is not a credential.
bool DecodeUrl(std::string_view url, std::string_view prefix, Facts& facts) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return false;
  const std::string_view rest = url.substr(scheme_end + 3);
  const size_t at = rest.find('@');
  if (at == std::string_view::npos) return false;
  const std::string_view userinfo = rest.substr(0, at);
  const size_t colon = userinfo.find(':');
  if (colon == std::string_view::npos || IsPlaceholderPassword(userinfo.substr(colon + 1))) return false;
  const std::string_view user = userinfo.substr(0, colon);
  const std::string_view after = rest.substr(at + 1);
  const size_t host_end = std::min(after.find_first_of("/?#"), after.size());
  std::string_view host = after.substr(0, host_end);
  std::string_view port;
  if (host.find(',') == std::string_view::npos) {  // one host, not a Mongo seed list
    const size_t bracket = host.rfind(']');
    const size_t port_colon = host.rfind(':');
    if (port_colon != std::string_view::npos && (bracket == std::string_view::npos || port_colon > bracket)) {
      port = host.substr(port_colon + 1);
      host = host.substr(0, port_colon);
    }
  }
  const std::string p(prefix);
  facts[p + "_scheme"] = SafeFact(ToLower(url.substr(0, scheme_end)));
  if (!host.empty()) facts[p + "_host"] = SafeFact(host);
  if (!port.empty()) facts[p + "_port"] = SafeFact(port);
  if (!user.empty()) facts[p + "_user"] = SafeUserFact(user);
  if (prefix == "db" && host_end < after.size() && after[host_end] == '/') {
    std::string_view name = after.substr(host_end + 1);
    name = name.substr(0, std::min(name.find_first_of("?#"), name.size()));
    if (!name.empty()) facts["db_name"] = SafeFact(name);
  }
  return true;
}

// base64(user:password); the password is wiped, only the user is kept.
bool DecodeBasicAuth(std::string_view b64, Facts& facts) {
  auto decoded = Base64Decode(b64);
  if (!decoded) return false;
  const size_t colon = decoded->find(':');
  const bool printable = std::all_of(decoded->begin(), decoded->end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u != 0x7f;
  });
  const bool ok = printable && colon != std::string::npos && colon + 1 < decoded->size();
  if (ok && colon > 0) facts["basic_user"] = SafeUserFact(std::string_view(*decoded).substr(0, colon));
  Wipe(*decoded);
  return ok;
}

bool Decode(std::string_view decoder, std::string_view span, int64_t now_unix, Facts& facts) {
  if (decoder == "aws-account") return DecodeAws(span, facts);
  if (decoder == "jwt") return DecodeJwt(span, now_unix, facts);
  if (decoder == "sentry") return DecodeSentry(span, facts);
  if (decoder == "pem") return DecodePem(span, facts);
  if (decoder == "db-url") return DecodeUrl(span, "db", facts);
  if (decoder == "url") return DecodeUrl(span, "url", facts);
  if (decoder == "basic-auth") return DecodeBasicAuth(span, facts);
  return false;  // ParseCredentialRules refuses unknown decoders
}

// ---------------------------------------------------------------- matching

// Env vars, headers and flags compared in one spelling: upper case, no
// leading dashes, '-' as '_' (--api-key, X-Api-Key, API_KEY).
std::string NormalizeName(std::string_view name) {
  name = Trim(name);
  if (StartsWith(name, "--")) {
    name.remove_prefix(2);
  } else if (StartsWith(name, "-")) {
    name.remove_prefix(1);
  }
  std::string out;
  out.reserve(name.size());
  for (char c : name) out += c == '-' ? '_' : Upper(c);
  return out;
}

bool NameMatches(const CredentialRule& rule, const std::string& name) {
  if (name.empty()) return false;
  return std::any_of(rule.names.begin(), rule.names.end(), [&](const std::string& g) { return GlobMatch(g, name); });
}

// A part of the value seen under a name: the value itself, and for
// "--api-key=VALUE" or "API_KEY=VALUE" also VALUE under API_KEY.
struct Segment {
  size_t offset = 0;
  std::string_view text;
  std::string name;
};

std::optional<Segment> FlagSegment(std::string_view value) {
  const std::string_view trimmed = Trim(value);
  const size_t lead = static_cast<size_t>(trimmed.data() - value.data());
  size_t i = 0;
  while (i < 2 && i < trimmed.size() && trimmed[i] == '-') ++i;
  const bool dashed = i > 0;
  const size_t name_start = i;
  if (i >= trimmed.size() || std::isalpha(static_cast<unsigned char>(trimmed[i])) == 0) return std::nullopt;
  bool env_style = true;  // NAME=VALUE counts only in upper case, as env files write it
  while (i < trimmed.size() && i - name_start < 64 &&
         (IsAlnum(trimmed[i]) || trimmed[i] == '_' || trimmed[i] == '-' || trimmed[i] == '.')) {
    env_style &= std::islower(static_cast<unsigned char>(trimmed[i])) == 0 && trimmed[i] != '-' && trimmed[i] != '.';
    ++i;
  }
  if (i >= trimmed.size() || trimmed[i] != '=' || i + 1 >= trimmed.size()) return std::nullopt;
  if (!dashed && !env_style) return std::nullopt;
  return Segment{lead + i + 1, trimmed.substr(i + 1), NormalizeName(trimmed.substr(0, i))};
}

// The token inside an anchored value: whitespace and an HTTP auth scheme
// word ("Bearer ", "Basic ", "token ") are not part of it.
std::string_view TokenOf(std::string_view text, size_t& offset) {
  const std::string_view trimmed = Trim(text);
  offset = static_cast<size_t>(trimmed.data() - text.data());
  for (std::string_view scheme : {"bearer", "basic", "token"}) {
    if (trimmed.size() > scheme.size() + 1 && StartsWithNoCase(trimmed, scheme) &&
        (trimmed[scheme.size()] == ' ' || trimmed[scheme.size()] == '\t')) {
      const std::string_view token = Trim(trimmed.substr(scheme.size()));
      offset += static_cast<size_t>(token.data() - trimmed.data());
      return token;
    }
  }
  return trimmed;
}

struct Candidate {
  size_t rule_index;
  Detection detection;
};

class Matcher {
 public:
  Matcher(std::string_view value, int64_t now_unix) : value_(value), now_unix_(now_unix) {}

  // Every occurrence inside the whole value.
  void Search(const CredentialRule& rule, size_t index, const std::vector<Segment>& segments) {
    if (rule.needs_name && std::none_of(segments.begin(), segments.end(),
                                        [&](const Segment& s) { return NameMatches(rule, s.name); })) {
      return;
    }
    const re2::RE2& re = rule.Pattern();
    const int groups = re.NumberOfCapturingGroups() > 0 ? 2 : 1;
    const re2::StringPiece text(value_.data(), value_.size());
    re2::StringPiece m[2];
    size_t pos = 0;
    while (pos <= value_.size() && re.Match(text, pos, value_.size(), re2::RE2::UNANCHORED, m, groups)) {
      const re2::StringPiece span = groups == 2 && m[1].data() != nullptr ? m[1] : m[0];
      Consider(rule, index, static_cast<size_t>(span.data() - value_.data()), span.size());
      const size_t end = static_cast<size_t>(m[0].data() - value_.data()) + m[0].size();
      pos = end > pos ? end : pos + 1;
    }
  }

  // The whole token of one segment.
  void Anchored(const CredentialRule& rule, size_t index, const Segment& segment) {
    if (rule.needs_name && !NameMatches(rule, segment.name)) return;
    size_t offset = 0;
    const std::string_view token = TokenOf(segment.text, offset);
    if (token.empty() || IsReference(token)) return;
    // The whole token must match: one of a length no match can have is
    // decided without compiling the pattern.
    if (token.size() < rule.min_length || token.size() > rule.max_length) return;
    if (!rule.alphabet.all() && std::any_of(token.begin(), token.end(), [&](char c) {
          return !rule.alphabet.test(static_cast<unsigned char>(c));
        })) {
      return;
    }
    const re2::RE2& re = rule.Pattern();
    const int groups = re.NumberOfCapturingGroups() > 0 ? 2 : 1;
    re2::StringPiece m[2];
    if (!re.Match(re2::StringPiece(token.data(), token.size()), 0, token.size(), re2::RE2::ANCHOR_BOTH, m, groups)) {
      return;
    }
    const re2::StringPiece span = groups == 2 && m[1].data() != nullptr ? m[1] : m[0];
    Consider(rule, index, segment.offset + offset + static_cast<size_t>(span.data() - token.data()), span.size());
  }

  // The rule written first wins any overlap: provider rules come before the
  // structural ones (JWT, URL) in credentials.toml. Accepted spans are kept
  // by offset, so a hostile value with many matches stays O(n log n).
  std::vector<Detection> Select() {
    std::stable_sort(found_.begin(), found_.end(),
                     [](const Candidate& a, const Candidate& b) { return a.rule_index < b.rule_index; });
    std::map<size_t, Detection> accepted;  // by offset; the spans never overlap
    for (Candidate& c : found_) {
      const size_t begin = c.detection.offset;
      const size_t end = begin + c.detection.length;
      auto next = accepted.lower_bound(begin);
      if (next != accepted.end() && next->first < end) continue;
      if (next != accepted.begin()) {
        const Detection& before = std::prev(next)->second;
        if (before.offset + before.length > begin) continue;
      }
      accepted.emplace(begin, std::move(c.detection));
    }
    found_.clear();
    std::vector<Detection> out;
    out.reserve(accepted.size());
    for (auto& [offset, d] : accepted) out.push_back(std::move(d));
    return out;
  }

 private:
  void Consider(const CredentialRule& rule, size_t index, size_t offset, size_t length) {
    if (length == 0) return;
    const std::string_view span = value_.substr(offset, length);
    Detection d;
    d.rule = &rule;
    d.offset = offset;
    d.length = length;
    if (rule.validator == "github-crc32") {
      if (!GithubChecksumValid(span)) return;  // documentation examples, typos, look-alikes
      d.checksum_valid = true;
    } else if (rule.validator == "entropy") {
      if (!LooksRandom(span)) return;
    }
    if (!rule.decoder.empty() && !Decode(rule.decoder, span, now_unix_, d.facts)) return;
    for (const auto& [fact, expected] : rule.when) {
      auto it = d.facts.find(fact);
      if (it == d.facts.end() || it->second != expected) return;
    }
    found_.push_back(Candidate{index, std::move(d)});
  }

  std::string_view value_;
  int64_t now_unix_;
  std::vector<Candidate> found_;
};

}  // namespace

bool GithubChecksumValid(std::string_view token) {
  const size_t underscore = token.find('_');
  if (underscore == std::string_view::npos) return false;
  const std::string_view rest = token.substr(underscore + 1);
  if (rest.size() < 7 || !std::all_of(rest.begin(), rest.end(), IsAlnum)) return false;
  const std::string_view body = rest.substr(0, rest.size() - 6);
  return Base62Checksum(Crc32(body)) == rest.substr(rest.size() - 6);
}

std::string AwsAccountId(std::string_view access_key_id) {
  static constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  if (access_key_id.size() != 20) return "";
  uint64_t bits = 0;  // the first 10 base32 digits after the prefix: 50 bits
  for (size_t i = 4; i < 20; ++i) {
    const size_t v = kBase32.find(access_key_id[i]);
    if (v == std::string_view::npos) return "";
    if (i < 14) bits = (bits << 5) | v;
  }
  const uint64_t first6 = bits >> 2;  // bytes 0-5 of the decoded key
  // Keys from before the encoding (AKIAI..., AKIAJ...) have the top bit clear
  // and decode to nonsense.
  if ((first6 & (uint64_t{1} << 47)) == 0) return "";
  const uint64_t account = (first6 & 0x7fffffffff80ull) >> 7;
  if (account > 999'999'999'999ull) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%012llu", static_cast<unsigned long long>(account));
  return buf;
}

std::vector<Detection> Detect(std::string_view value, std::string_view name, const rules::CredentialRules& rules,
                              int64_t now_unix) {
  if (IsReference(Trim(value))) return {};
  std::vector<Segment> segments;
  // A --flag=VALUE part first: its name is the more specific one.
  if (auto flag = FlagSegment(value); flag) {
    if (IsReference(Trim(flag->text))) return {};  // --token=${input:pat}
    segments.push_back(std::move(*flag));
  }
  segments.push_back(Segment{0, value, NormalizeName(name)});

  Matcher matcher(value, now_unix);
  const CredentialRule* fallback = nullptr;
  size_t fallback_index = 0;
  for (size_t i = 0; i < rules.rules.size(); ++i) {
    const CredentialRule& rule = rules.rules[i];
    // Most values cannot match most rules: skip those the value is too short
    // for, or lacks a text of that every match holds (any match, anchored to
    // a token or not, lies within the value), without compiling or running
    // their pattern.
    if (value.size() < rule.min_length) continue;
    if (std::any_of(rule.required.begin(), rule.required.end(),
                    [&](const std::string& text) { return value.find(text) == std::string_view::npos; }) ||
        std::any_of(rule.required_nocase.begin(), rule.required_nocase.end(),
                    [&](const std::string& text) { return !ContainsNoCase(value, text); })) {
      continue;
    }
    if (rule.id == rules::kGenericSecretId) {
      fallback = &rule;
      fallback_index = i;
    } else if (rule.search) {
      matcher.Search(rule, i, segments);
    } else {
      for (const Segment& s : segments) matcher.Anchored(rule, i, s);
    }
  }
  std::vector<Detection> out = matcher.Select();
  if (out.empty() && fallback != nullptr) {
    for (const Segment& s : segments) matcher.Anchored(*fallback, fallback_index, s);
    out = matcher.Select();
  }
  return out;
}

}  // namespace mcpguard::classify

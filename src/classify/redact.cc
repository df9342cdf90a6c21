#include "classify/redact.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include "base/text.h"

namespace mcpguard::classify {
namespace {

// Prefixes of well-known credential formats (threats.md §1). A word that
// starts with one of these and is long enough is a credential, whatever its
// entropy.
constexpr std::array<std::string_view, 31> kTokenPrefixes = {
    "ghp_",   "gho_",   "ghu_",     "ghs_",     "ghr_",     "github_pat_", "glpat-", "gldt-",
    "xoxb-",  "xoxp-",  "xoxa-",    "xoxc-",    "xoxd-",    "xoxe-",       "xapp-",  "sk-",
    "sk_live_", "sk_test_", "rk_live_", "rk_test_", "pk_live_", "AKIA",   "ASIA",   "hf_",
    "npm_",   "AIza",   "SG.",      "dop_v1_",  "sntrys_",  "lin_api_",    "ntn_"};

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '+' || c == '/' ||
         c == '.';
}

// ASCII classes, as <cctype> has them in the "C" locale mcpguard runs in
// (it never calls setlocale), without a call per character.
bool MixedClasses(std::string_view s) {
  bool upper = false, lower = false, digit = false;
  for (char c : s) {
    upper |= c >= 'A' && c <= 'Z';
    lower |= c >= 'a' && c <= 'z';
    digit |= c >= '0' && c <= '9';
  }
  return upper && lower && digit;
}

// The shortest word TokenLooking can accept: a known prefix and 12 more
// characters (a JWT needs 30, a random word 20). Most words of a command
// line are shorter, and skip every check below.
constexpr size_t kShortestToken = [] {
  size_t shortest = 20;
  for (std::string_view prefix : kTokenPrefixes) shortest = std::min(shortest, prefix.size() + 12);
  return shortest;
}();

// The first characters of kTokenPrefixes: most words start with none, and
// skip comparing against each prefix.
constexpr std::array<bool, 256> kPrefixStarts = [] {
  std::array<bool, 256> starts{};
  for (std::string_view prefix : kTokenPrefixes) starts[static_cast<unsigned char>(prefix.front())] = true;
  return starts;
}();

bool TokenLooking(std::string_view word) {
  if (word.size() < kShortestToken) return false;
  if (kPrefixStarts[static_cast<unsigned char>(word.front())]) {
    for (std::string_view prefix : kTokenPrefixes) {
      if (StartsWith(word, prefix) && word.size() >= prefix.size() + 12) return true;
    }
  }
  // A JWT: three base64url parts, the first one a JSON header ("eyJ").
  if (StartsWith(word, "eyJ") && word.size() >= 30 && word.find('.') != std::string_view::npos) return true;
  // Paths and file names are long too, but rarely mix all three character
  // classes with high entropy and few separators.
  if (word.front() == '/' || word.front() == '.' || word.front() == '~') return false;
  size_t separators = 0;
  for (char c : word) separators += (c == '/' || c == '.') ? 1 : 0;
  const size_t min = separators == 0 ? 20 : 32;
  return word.size() >= min && separators <= 3 && MixedClasses(word) && ShannonEntropy(word) >= 3.5;
}

bool SecretQueryName(std::string_view name) {
  const std::string n = ToLower(name);
  return SecretLookingName(n) || n == "code" || n == "sig" || n == "signature" || n == "x-amz-signature" ||
         n == "x-amz-credential" || n == "key";
}

}  // namespace

bool SecretLookingName(std::string_view name) {
  std::string n;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (n.empty()) return false;
  for (std::string_view part : {"token", "secret", "passw", "pwd", "apikey", "credential", "bearer", "cookie",
                                "authorization", "privatekey", "accesskey", "clientsecret", "dsn"}) {
    if (n.find(part) != std::string::npos) return true;
  }
  return EndsWith(n, "key") || EndsWith(n, "pass") || n == "auth" || n == "pat" || n == "sig" || n == "signature";
}

bool IsReferenceOnly(std::string_view value) {
  // Every reference form starts with '$' or '{': most values have neither,
  // and need no copy.
  if (value.find_first_of("${") == std::string_view::npos) return false;
  std::string rest;
  size_t i = 0;
  bool any = false;
  while (i < value.size()) {
    // ${...}, ${{ ... }}, {env:...}, {file:...}, $NAME
    if (value[i] == '$' && i + 1 < value.size() && value[i + 1] == '{') {
      const bool double_brace = i + 2 < value.size() && value[i + 2] == '{';
      const size_t close = value.find(double_brace ? "}}" : "}", i);
      if (close == std::string_view::npos) return false;
      // ${X:-default}: the default is written in the file, and may be the secret.
      const size_t dflt = value.find(":-", i);
      if (!double_brace && dflt != std::string_view::npos && dflt < close && dflt + 2 < close) return false;
      i = close + (double_brace ? 2 : 1);
      any = true;
    } else if (value[i] == '{' && (value.substr(i, 5) == "{env:" || value.substr(i, 6) == "{file:")) {
      const size_t close = value.find('}', i);
      if (close == std::string_view::npos) return false;
      i = close + 1;
      any = true;
    } else if (value[i] == '$' && i + 1 < value.size() &&
               (std::isalpha(static_cast<unsigned char>(value[i + 1])) || value[i + 1] == '_')) {
      ++i;
      while (i < value.size() && (std::isalnum(static_cast<unsigned char>(value[i])) || value[i] == '_')) ++i;
      any = true;
    } else {
      rest += value[i++];
    }
  }
  const std::string word = ToLower(Trim(rest));
  return any && (word.empty() || word == "bearer" || word == "basic" || word == "token");
}

std::string RedactText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (!IsWordChar(text[i])) {
      out += text[i++];
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsWordChar(text[j])) ++j;
    if (j - i < kShortestToken) {  // neither the word nor a part of it can be a token
      out.append(text.substr(i, j - i));
      i = j;
      continue;
    }
    std::string_view word = text.substr(i, j - i);
    // Trailing dots and slashes end sentences and paths, not tokens.
    while (!word.empty() && (word.back() == '.' || word.back() == '/')) word.remove_suffix(1);
    if (!word.empty() && TokenLooking(word)) {
      out += kRedacted;
      out += text.substr(i + word.size(), j - i - word.size());
    } else {
      // A path or URL path is not a token as a whole, but one of its
      // components may be (https://host/mcp/<key>/sse).
      std::string_view rest = text.substr(i, j - i);
      for (size_t k = 0; k <= rest.size();) {
        const size_t slash = std::min(rest.find('/', k), rest.size());
        const std::string_view piece = rest.substr(k, slash - k);
        out += (!piece.empty() && TokenLooking(piece)) ? kRedacted : piece;
        if (slash < rest.size()) out += '/';
        k = slash + 1;
      }
    }
    i = j;
  }
  return out;
}

std::string RedactUrl(std::string_view url) {
  std::string u(url);
  const size_t scheme = u.find("://");
  if (scheme != std::string::npos) {
    const size_t authority = scheme + 3;
    const size_t end = u.find_first_of("/?#", authority);
    const size_t at = u.rfind('@', end == std::string::npos ? u.size() : end);
    if (at != std::string::npos && at > authority) {
      const size_t colon = u.find(':', authority);
      if (colon != std::string::npos && colon < at) {
        u.replace(colon + 1, at - colon - 1, kRedacted);
      } else if (TokenLooking(std::string_view(u).substr(authority, at - authority))) {
        u.replace(authority, at - authority, kRedacted);
      }
    }
  }
  const size_t query = u.find('?');
  if (query != std::string::npos) {
    std::string rebuilt = u.substr(0, query + 1);
    const size_t hash = u.find('#', query);
    const std::string q = u.substr(query + 1, hash == std::string::npos ? std::string::npos : hash - query - 1);
    std::vector<std::string> params = Split(q, '&');
    for (size_t k = 0; k < params.size(); ++k) {
      if (k) rebuilt += '&';
      const size_t eq = params[k].find('=');
      if (eq != std::string::npos && SecretQueryName(params[k].substr(0, eq)) &&
          !IsReferenceOnly(params[k].substr(eq + 1))) {
        rebuilt += params[k].substr(0, eq + 1) + std::string(kRedacted);
      } else {
        rebuilt += params[k];
      }
    }
    if (hash != std::string::npos) rebuilt += u.substr(hash);
    u = rebuilt;
  }
  return RedactText(u);
}

std::vector<std::string> RedactArgs(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  out.reserve(args.size());
  bool mask_next = false;
  bool header_next = false;
  for (const std::string& arg : args) {
    if (header_next) {
      header_next = false;
      // mcp-remote, curl: --header "Authorization: Bearer <token>"
      const size_t colon = arg.find(':');
      if (colon != std::string::npos && SecretLookingName(arg.substr(0, colon)) &&
          !IsReferenceOnly(Trim(std::string_view(arg).substr(colon + 1)))) {
        out.push_back(arg.substr(0, colon + 1) + " " + std::string(kRedacted));
        continue;
      }
    }
    if (arg == "--header" || arg == "-H") header_next = true;
    if (mask_next) {
      mask_next = false;
      if (!StartsWith(arg, "-")) {
        out.emplace_back(IsReferenceOnly(arg) ? arg : std::string(kRedacted));
        continue;
      }
    }
    const size_t eq = arg.find('=');
    if (StartsWith(arg, "-")) {
      const std::string flag = arg.substr(0, eq);
      if (SecretLookingName(flag)) {
        if (eq == std::string::npos) {
          mask_next = true;
        } else {
          const std::string value = arg.substr(eq + 1);
          out.push_back(flag + "=" + (IsReferenceOnly(value) ? value : std::string(kRedacted)));
          continue;
        }
      }
    } else if (eq != std::string::npos && eq > 0 && arg.find("://") > eq && SecretLookingName(arg.substr(0, eq))) {
      // docker-style "-e NAME=value"
      const std::string value = arg.substr(eq + 1);
      out.push_back(arg.substr(0, eq) + "=" + (IsReferenceOnly(value) ? value : std::string(kRedacted)));
      continue;
    }
    out.push_back(arg.find("://") != std::string::npos ? RedactUrl(arg) : RedactText(arg));
  }
  return out;
}

void RedactArtifact(model::Artifact& a, const model::Server& s) {
  auto mask = [&](std::string& field) {
    if (field.empty()) return;
    for (size_t i = 0; i < s.args.size() && i < s.redacted_args.size(); ++i) {
      const std::string& raw = s.args[i];
      if (raw == s.redacted_args[i] || raw.empty()) continue;
      if (field.find(raw) != std::string::npos) {
        field.replace(field.find(raw), raw.size(), s.redacted_args[i]);
      } else if (field.size() >= 8 && raw.find(field) != std::string::npos &&
                 s.redacted_args[i].find(field) == std::string::npos) {
        // Part of an argument that redaction changed, and not a part that
        // survived it (a bridge URL without its secret query is fine).
        field = std::string(kRedacted);
      }
    }
    field = field.find("://") != std::string::npos ? RedactUrl(field) : RedactText(field);
  };
  mask(a.spec);
  mask(a.name);
  mask(a.version);
  mask(a.remote_url);
  for (std::string& f : a.flags) mask(f);
}

}  // namespace mcpguard::classify

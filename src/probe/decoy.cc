#include "probe/decoy.h"

#include <cctype>
#include <cstdint>

#include "pinning/hash.h"

namespace mcpguard::probe {
namespace {

// splitmix64: a tiny, well-mixed generator; the decoy needs shape, not secrecy.
class Mixer {
 public:
  explicit Mixer(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  char Pick(const char* alphabet, size_t size) { return alphabet[Next() % size]; }

 private:
  uint64_t state_;
};

uint64_t SeedOf(std::string_view seed) {
  auto hex = pinning::Sha256Bytes(std::string("mcpguard.decoy/1\n") + std::string(seed));
  return hex ? std::stoull(hex->substr(0, 16), nullptr, 16) : 0x6d637067756172ull;
}

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Leading segments joined by '_' or '-' that look like a provider's tag:
// short and holding a letter ("sk", "ant", "api03"), at most three.
size_t SegmentPrefix(std::string_view v) {
  size_t kept = 0;
  size_t pos = 0;
  for (int segments = 0; segments < 3; ++segments) {
    size_t end = pos;
    bool letter = false;
    while (end < v.size() && IsAlnum(v[end])) letter |= std::isalpha(static_cast<unsigned char>(v[end++])) != 0;
    const size_t len = end - pos;
    if (len == 0 || len > 6 || !letter || end >= v.size() || (v[end] != '_' && v[end] != '-')) break;
    pos = end + 1;
    kept = pos;
  }
  // Never keep so much that little of the token is left to replace.
  return kept * 2 <= v.size() ? kept : 0;
}

std::string Scramble(std::string_view body, Mixer& mix) {
  static constexpr char kDigits[] = "0123456789";
  static constexpr char kLower[] = "abcdefghijklmnopqrstuvwxyz";
  static constexpr char kUpper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string out;
  out.reserve(body.size());
  for (char c : body) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isdigit(u)) out += mix.Pick(kDigits, 10);
    else if (std::islower(u)) out += mix.Pick(kLower, 26);
    else if (std::isupper(u)) out += mix.Pick(kUpper, 26);
    else out += c;
  }
  return out;
}

}  // namespace

std::string_view TokenPrefix(std::string_view value) {
  for (std::string_view fixed : {"AKIA", "ASIA", "AIza", "eyJ"}) {
    if (value.substr(0, fixed.size()) == fixed && value.size() > 2 * fixed.size()) return value.substr(0, fixed.size());
  }
  return value.substr(0, SegmentPrefix(value));
}

std::string MakeDecoy(std::string_view value, std::string_view seed) {
  Mixer mix(SeedOf(seed));
  std::string head;
  std::string_view token = value;
  // "Bearer xyz", "token xyz": the scheme is not the secret.
  if (size_t space = token.rfind(' '); space != std::string_view::npos) {
    head = std::string(token.substr(0, space + 1));
    token.remove_prefix(space + 1);
  } else if (token.substr(0, 1) == "-" && token.find('=') != std::string_view::npos) {
    const size_t eq = token.find('=');
    head = std::string(token.substr(0, eq + 1));
    token.remove_prefix(eq + 1);
  }
  const std::string_view prefix = TokenPrefix(token);
  // A short value can come out unchanged by chance; a decoy never may.
  for (int attempt = 0; attempt < 8; ++attempt) {
    std::string decoy = head + std::string(prefix) + Scramble(token.substr(prefix.size()), mix);
    if (decoy != value) return decoy;
  }
  return head + "mcpguard-decoy";
}

}  // namespace mcpguard::probe

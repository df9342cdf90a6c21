#include "support/base64.h"

#include <cstdint>

#include <catch2/catch.hpp>

namespace mcpguard::test {
namespace {

constexpr std::string_view kStandard = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrl = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

}  // namespace

std::string Base64(std::string_view in, bool url) {
  const std::string_view alphabet = url ? kUrl : kStandard;
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    acc = (acc << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(acc >> bits) & 63u];
    }
  }
  if (bits > 0) out += alphabet[(acc << (6 - bits)) & 63u];
  if (!url) {
    while (out.size() % 4 != 0) out += '=';
  }
  return out;
}

std::string Base64Decode(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (const char c : in) {
    if (c == '=') break;
    const size_t v = kStandard.find(c);
    REQUIRE(v != std::string_view::npos);
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xffu);
    }
  }
  return out;
}

}  // namespace mcpguard::test

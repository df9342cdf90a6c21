#include "crypto/base64.h"

#include <catch2/catch.hpp>

namespace mcpguard::crypto {
namespace {

TEST_CASE("base64 encodes the RFC 4648 test vectors with padding", "[crypto][base64]") {
  // RFC 4648 §10.
  CHECK(Base64("") == "");
  CHECK(Base64("f") == "Zg==");
  CHECK(Base64("fo") == "Zm8=");
  CHECK(Base64("foo") == "Zm9v");
  CHECK(Base64("foob") == "Zm9vYg==");
  CHECK(Base64("fooba") == "Zm9vYmE=");
  CHECK(Base64("foobar") == "Zm9vYmFy");
}

TEST_CASE("base64 uses the standard alphabet and takes any byte, NUL included", "[crypto][base64]") {
  // 0xFB 0xFF: the last two digits of the standard alphabet, '+' and '/'.
  CHECK(Base64(std::string("\xfb\xff\xbf", 3)) == "+/+/");
  CHECK(Base64(std::string("\0\0\0", 3)) == "AAAA");
  CHECK(Base64(std::string("a\0b", 3)) == "YQBi");
}

}  // namespace
}  // namespace mcpguard::crypto

#include "crypto/fingerprint.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "support/temp_dir.h"

namespace mcpguard::crypto {
namespace {

using test::TempDir;

FingerprintKey Key(char fill) {
  auto k = FingerprintKeyFromHex(std::string(64, fill));
  REQUIRE(k);
  return *k;
}

TEST_CASE("a fingerprint is fp: and 16 hex digits, stable for a key", "[crypto]") {
  REQUIRE(InitSodium());
  const std::string fp = Fingerprint(Key('1'), "ghp_secret");
  CHECK(fp.size() == 19);
  CHECK(fp.substr(0, 3) == "fp:");
  CHECK(fp.find_first_not_of("0123456789abcdef", 3) == std::string::npos);
  CHECK(Fingerprint(Key('1'), "ghp_secret") == fp);
  CHECK(Fingerprint(Key('1'), "ghp_secreT") != fp);
  CHECK(Fingerprint(Key('2'), "ghp_secret") != fp);
}

TEST_CASE("the fingerprint is keyed BLAKE2b", "[crypto]") {
  REQUIRE(InitSodium());
  // Known answer: BLAKE2b-128 of "abc" keyed with 32 zero bytes, first 8
  // bytes; computed independently with Python's hashlib.blake2b(b"abc",
  // key=bytes(32), digest_size=16).
  CHECK(Fingerprint(Key('0'), "abc") == "fp:5f5b3b301f676e9f");
}

TEST_CASE("a key file is created 0600 on first use and read back after", "[crypto]") {
  TempDir t;
  const std::string path = t.Path("config/mcpguard/fingerprint.key");
  auto k1 = LoadOrCreateFingerprintKey(path);
  REQUIRE(k1);
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  REQUIRE(::stat(t.Path("config/mcpguard").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  auto k2 = LoadOrCreateFingerprintKey(path);
  REQUIRE(k2);
  CHECK(Fingerprint(*k1, "x") == Fingerprint(*k2, "x"));
  CHECK(test::ReadFile(path).size() == 65);
}

TEST_CASE("a key file others can read is refused", "[crypto]") {
  TempDir t;
  const std::string path = t.Write("fingerprint.key", std::string(64, 'a') + "\n");
  ::chmod(path.c_str(), 0644);
  auto k = LoadOrCreateFingerprintKey(path);
  REQUIRE_FALSE(k);
  CHECK(k.error().code == Errc::kPermission);
}

TEST_CASE("a malformed key is refused", "[crypto]") {
  TempDir t;
  const std::string path = t.Write("fingerprint.key", "not hex\n");
  ::chmod(path.c_str(), 0600);
  auto k = LoadOrCreateFingerprintKey(path);
  REQUIRE_FALSE(k);
  CHECK(k.error().message == "malformed fingerprint key (expected 64 hexadecimal digits)");
  CHECK_FALSE(FingerprintKeyFromHex("abcd"));
}

}  // namespace
}  // namespace mcpguard::crypto

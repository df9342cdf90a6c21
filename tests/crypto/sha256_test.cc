#include "crypto/sha256.h"

#include <catch2/catch.hpp>
#include <string>

// Expected values: FIPS 180-2 appendix B.1 ("abc") and the well-known empty
// SHA-256; BLAKE2b with a 32-byte digest (a parameter of the hash, not a
// truncation of BLAKE2b-512) as Python's hashlib.blake2b(digest_size=32), an
// independent implementation, computes it.
namespace mcpguard::crypto {

TEST_CASE("SHA-256 matches the FIPS 180-2 vectors, whole and fed in pieces", "[crypto][sha256]") {
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  Sha256 h;
  h.Update("a");
  h.Update("");
  h.Update("bc");
  CHECK(h.FinishHex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("BLAKE2b-256, the cache checksum, matches the reference vectors", "[crypto][blake2b]") {
  CHECK(Blake2b256Hex("abc") == "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
  CHECK(Blake2b256Hex("") == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  CHECK(Blake2b256Hex(std::string("ab\0c", 4)) != Blake2b256Hex("abc"));  // NUL is data, not the end
}

}  // namespace mcpguard::crypto

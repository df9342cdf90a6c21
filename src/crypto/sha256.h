// SHA-256 (SHA-512, BLAKE2b) of bytes already in memory (canonical JSON, tree listings, the
// baseline): libsodium's, which needs no start-up. File contents go through
// pinning's OpenSSL path instead, whose SHA instructions win on large files
// but whose provider start-up costs about a millisecond: too much for a
// pre-launch `verify` that hashes only small strings when its cache is warm.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace mcpguard::crypto {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view bytes);
  std::string FinishHex();  // lower-case hex; the object is spent afterwards

 private:
  // crypto_hash_sha256_state, kept opaque so this header needs no sodium.h.
  alignas(16) std::array<uint8_t, 128> state_{};
};

std::string Sha256Hex(std::string_view bytes);
// SHA-512, for npx's cache key (threats.md §6.1).
std::string Sha512Hex(std::string_view bytes);
// BLAKE2b-256: the checksum of mcpguard's own cache files. libsodium's
// BLAKE2b runs about five times faster than its SHA-256, and a pre-launch
// `verify` checksums its hash cache on every run.
std::string Blake2b256Hex(std::string_view bytes);

}  // namespace mcpguard::crypto

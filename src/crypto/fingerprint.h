// Keyed fingerprints of secrets: the only form in which a credential value
// ever leaves memory. A fingerprint is "fp:" + 16 hex digits of BLAKE2b keyed
// with a 32-byte key; without the key it reveals nothing and cannot be
// brute-forced from a list of leaked tokens. The same secret gives the same
// fingerprint wherever it appears, on every machine that shares the key.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.h"

namespace mcpguard::crypto {

class FingerprintKey {
 public:
  static constexpr size_t kSize = 32;
  FingerprintKey() = default;
  explicit FingerprintKey(const std::array<uint8_t, kSize>& bytes) : bytes_(bytes) {}
  FingerprintKey(const FingerprintKey&) = default;
  FingerprintKey& operator=(const FingerprintKey&) = default;
  ~FingerprintKey();  // wipes the key

  const std::array<uint8_t, kSize>& bytes() const { return bytes_; }

 private:
  std::array<uint8_t, kSize> bytes_{};
};

// Initialises libsodium once; an error when the library cannot start.
Result<void> InitSodium();

// "fp:" + 16 lower-case hex digits.
std::string Fingerprint(const FingerprintKey& key, std::string_view secret);

// A fresh random key, for a run that cannot keep one.
FingerprintKey RandomFingerprintKey();

// A key from 64 hex digits (the organisation's shared key in settings).
Result<FingerprintKey> FingerprintKeyFromHex(std::string_view hex);

// The key in `path` (64 hex digits and a newline), created with a fresh random
// key and mode 0600 (its directory 0700) on first use. A key file that other
// users can read or write, or that is malformed, is an error: fingerprints
// made with a known key could be matched against candidate secrets.
Result<FingerprintKey> LoadOrCreateFingerprintKey(const std::string& path);

}  // namespace mcpguard::crypto

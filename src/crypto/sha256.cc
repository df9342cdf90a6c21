#include "crypto/sha256.h"

#include <sodium.h>

namespace mcpguard::crypto {
namespace {

crypto_hash_sha256_state* State(std::array<uint8_t, 128>& storage) {
  static_assert(sizeof(crypto_hash_sha256_state) <= 128, "crypto_hash_sha256_state grew");
  return reinterpret_cast<crypto_hash_sha256_state*>(storage.data());
}

}  // namespace

Sha256::Sha256() { crypto_hash_sha256_init(State(state_)); }

void Sha256::Update(std::string_view bytes) {
  crypto_hash_sha256_update(State(state_), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

namespace {

std::string Hex(const unsigned char* bytes, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * size);
  for (size_t i = 0; i < size; ++i) {
    hex.push_back(kDigits[bytes[i] >> 4]);
    hex.push_back(kDigits[bytes[i] & 15]);
  }
  return hex;
}

}  // namespace

std::string Sha256::FinishHex() {
  unsigned char md[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(State(state_), md);
  return Hex(md, sizeof md);
}

std::string Sha512Hex(std::string_view bytes) {
  unsigned char md[crypto_hash_sha512_BYTES];
  crypto_hash_sha512(md, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return Hex(md, sizeof md);
}

std::string Blake2b256Hex(std::string_view bytes) {
  unsigned char md[32];
  crypto_generichash(md, sizeof md, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
  return Hex(md, sizeof md);
}

std::string Sha256Hex(std::string_view bytes) {
  Sha256 h;
  h.Update(bytes);
  return h.FinishHex();
}

}  // namespace mcpguard::crypto

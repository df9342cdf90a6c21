#include "crypto/fingerprint.h"

#include <sodium.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "base/file.h"
#include "base/path.h"
#include "base/text.h"

namespace mcpguard::crypto {
namespace {

std::string Hex(const uint8_t* data, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 15];
  }
  return out;
}

}  // namespace

FingerprintKey::~FingerprintKey() { sodium_memzero(bytes_.data(), bytes_.size()); }

Result<void> InitSodium() {
  if (sodium_init() < 0) return Fail(Errc::kIo, "libsodium could not be initialised");
  return {};
}

std::string Fingerprint(const FingerprintKey& key, std::string_view secret) {
  uint8_t out[crypto_generichash_BYTES_MIN];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                     key.bytes().data(), key.bytes().size());
  return "fp:" + Hex(out, 8);
}

FingerprintKey RandomFingerprintKey() {
  std::array<uint8_t, FingerprintKey::kSize> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  FingerprintKey key(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  return key;
}

Result<FingerprintKey> FingerprintKeyFromHex(std::string_view hex) {
  hex = Trim(hex);
  std::array<uint8_t, FingerprintKey::kSize> bytes{};
  size_t len = 0;
  if (hex.size() != bytes.size() * 2 ||
      sodium_hex2bin(bytes.data(), bytes.size(), hex.data(), hex.size(), nullptr, &len, nullptr) != 0 ||
      len != bytes.size()) {
    return Fail(Errc::kInvalidArgument, "a fingerprint key is 64 hexadecimal digits");
  }
  FingerprintKey key(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  return key;
}

Result<FingerprintKey> LoadOrCreateFingerprintKey(const std::string& path) {
  if (auto r = InitSodium(); !r) return tl::make_unexpected(r.error());
  auto st = StatPath(path);
  if (st) {
    if ((st->st_mode & 077) != 0) {
      return Fail(Errc::kPermission, "other users can access the fingerprint key: run 'chmod 600 " + path + "'", path);
    }
    auto text = ReadFileCapped(path, 4096);
    if (!text) return tl::make_unexpected(text.error());
    auto key = FingerprintKeyFromHex(*text);
    sodium_memzero(text->data(), text->size());
    if (!key) return Fail(Errc::kCorrupt, "malformed fingerprint key (expected 64 hexadecimal digits)", path);
    return key;
  }
  if (st.error().code != Errc::kNotFound) return tl::make_unexpected(st.error());
  if (auto r = MakePrivateDirs(Dirname(path)); !r) return tl::make_unexpected(r.error());
  std::array<uint8_t, FingerprintKey::kSize> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  FingerprintKey key(bytes);
  std::string text = Hex(bytes.data(), bytes.size()) + "\n";
  sodium_memzero(bytes.data(), bytes.size());
  auto written = WriteFileAtomic(path, text, 0600);
  sodium_memzero(text.data(), text.size());
  if (!written) return tl::make_unexpected(written.error());
  return key;
}

}  // namespace mcpguard::crypto

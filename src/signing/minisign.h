// Keys and signatures in minisign's formats, so that `minisign -V` can check
// what mcpguard signs and mcpguard can check what minisign signs. The byte
// layouts are in docs/style.md §3; the value types below mirror them.
//
// Everything read here may be hostile: parsers check every length, every
// algorithm tag and the base64 alphabet, and report "name:line:column" Errors.
// Lines may end in "\r\n" (minisign trims a trailing '\r' too); blank lines
// after the last expected line are ignored, anything else there is an error.
//
// libsodium stays behind this header: no sodium type appears in it.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace mcpguard::signing {

using KeyId = std::array<uint8_t, 8>;

// "trusted comment: " plus the comment, at most this many bytes (minisign's
// TRUSTEDCOMMENTMAXBYTES).
inline constexpr size_t kTrustedCommentMaxBytes = 8192;

// scrypt cost of an encrypted secret key. minisign's defaults (libsodium's
// *_SENSITIVE: about 2 s and 1 GiB) are what a key on disk deserves; the
// interactive ones exist so tests stay fast. Both are written into the key
// file, so minisign reads either.
struct KdfLimits {
  uint64_t opslimit = 0;
  uint64_t memlimit = 0;
};
inline constexpr KdfLimits kSensitiveKdfLimits{33554432, 1073741824};
inline constexpr KdfLimits kInteractiveKdfLimits{524288, 16777216};

struct PublicKey {
  KeyId key_id{};
  std::array<uint8_t, 32> pk{};
};

// An Ed25519 secret key (libsodium's 64-byte form: seed || public key) in
// sodium_malloc'd memory: guard pages, never swapped, read-only once filled,
// wiped when the key goes away. Move-only, so a key exists once.
class SecretKey {
 public:
  static constexpr size_t kSize = 64;

  // Copies `sk` (kSize bytes) into secure memory; the caller wipes its copy.
  static Result<SecretKey> FromBytes(const KeyId& key_id, const uint8_t* sk);

  SecretKey(SecretKey&& other) noexcept;
  SecretKey& operator=(SecretKey&& other) noexcept;
  SecretKey(const SecretKey&) = delete;
  SecretKey& operator=(const SecretKey&) = delete;
  ~SecretKey();

  const KeyId& key_id() const { return key_id_; }
  const uint8_t* bytes() const { return bytes_; }  // kSize bytes; null after a move
  PublicKey public_key() const;                    // from the key's second half

 private:
  SecretKey(const KeyId& key_id, uint8_t* bytes) : key_id_(key_id), bytes_(bytes) {}
  KeyId key_id_{};
  uint8_t* bytes_ = nullptr;  // sodium_malloc'd, owned
};

struct KeyPair {
  PublicKey public_key;
  SecretKey secret_key;
};

struct Signature {
  KeyId key_id{};
  std::array<uint8_t, 64> sig{};
  // "ED": sig is over BLAKE2b-512(file). False for legacy "Ed" (sig over the
  // file itself), which only ParseSignature produces.
  bool prehashed = true;
  std::string trusted_comment;  // without the "trusted comment: " prefix
  std::array<uint8_t, 64> global_sig{};
  std::string untrusted_comment;  // without the "untrusted comment: " prefix
};

struct VerifiedSignature {
  KeyId key_id{};
  std::string trusted_comment;
  bool prehashed = true;
};

// How Verify treats legacy "Ed" signatures. minisign accepts them unless -H;
// its format notes say new implementations should not accept them by default,
// and mcpguard only ever signs "ED", so refusing is the default here.
enum class LegacyPolicy { kRefuse, kAccept };

// minisign's display of a key id: the 8 bytes read as a little-endian u64,
// as 16 upper-case hex digits ("492C5060B8163FAA").
std::string KeyIdHex(const KeyId& key_id);

// The two-line minisign.pub text, or just its base64 line (minisign -P).
// `name` (usually the path) goes into Errors.
Result<PublicKey> ParsePublicKey(std::string_view text, std::string_view name);
// "untrusted comment: minisign public key <ID>\n<base64>\n"
std::string FormatPublicKey(const PublicKey& key);

// An encrypted ("Sc") or unencrypted ("\0\0", minisign -W) secret key. An
// encrypted key needs `passphrase`; a wrong one fails the checksum and gives
// "wrong passphrase for this key". An unencrypted key's checksum is checked
// only when present: minisign -W leaves it zero. Either way the key's public
// half must match its seed, so a damaged key is caught before it signs.
Result<SecretKey> ParseSecretKey(std::string_view text, std::string_view name,
                                 std::optional<std::string_view> passphrase);
// The minisign.key text: encrypted with scrypt(`passphrase`, `limits`) when a
// passphrase is given, else in the -W form (with a real checksum, which
// minisign ignores). The result holds secret material when unencrypted:
// Wipe() it after writing it out.
Result<std::string> FormatSecretKey(const SecretKey& key, std::optional<std::string_view> passphrase,
                                    KdfLimits limits = kSensitiveKdfLimits);

// A fresh key pair with a random key id.
Result<KeyPair> GenerateKeyPair();

// Checks a trusted comment: printable UTF-8 (tab allowed) and, with its
// prefix, at most kTrustedCommentMaxBytes.
Result<void> CheckTrustedComment(std::string_view comment);

// The four-line .minisig text for `bytes`: a prehashed "ED" signature and a
// global signature over (signature || trusted comment).
Result<std::string> SignFile(std::string_view bytes, const SecretKey& key, std::string_view trusted_comment,
                             std::string_view untrusted_comment = "signature from mcpguard secret key");
// The four-line text of `signature` (for tests and re-serialisation).
Result<std::string> FormatSignature(const Signature& signature);
Result<Signature> ParseSignature(std::string_view text, std::string_view name);

// Checks `signature` over `bytes` against the keys in `trusted`. Errors (all
// with a message naming what failed):
//   Errc::kNotFound     no trusted key has the signature's key id
//                       ("signed by an untrusted key <ID>")
//   Errc::kUnsupported  a legacy signature under LegacyPolicy::kRefuse
//   Errc::kCorrupt      the signature does not match the file, or the global
//                       signature fails ("the trusted comment was altered")
Result<VerifiedSignature> Verify(std::string_view bytes, const Signature& signature,
                                 const std::vector<PublicKey>& trusted,
                                 LegacyPolicy legacy = LegacyPolicy::kRefuse);

// Overwrites a string that held a passphrase or key text, then empties it.
void Wipe(std::string& s);

}  // namespace mcpguard::signing

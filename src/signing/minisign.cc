#include "signing/minisign.h"

#include <sodium.h>

#include <cstring>
#include <utility>

#include "base/text.h"
#include "crypto/base64.h"
#include "crypto/fingerprint.h"

namespace mcpguard::signing {
namespace {

static_assert(kSensitiveKdfLimits.opslimit == crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE);
static_assert(kSensitiveKdfLimits.memlimit == crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE);
static_assert(kInteractiveKdfLimits.opslimit == crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_INTERACTIVE);
static_assert(kInteractiveKdfLimits.memlimit == crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_INTERACTIVE);
static_assert(SecretKey::kSize == crypto_sign_SECRETKEYBYTES);

constexpr std::string_view kUntrustedPrefix = "untrusted comment: ";
constexpr std::string_view kTrustedPrefix = "trusted comment: ";
constexpr char kSigAlg[] = {'E', 'd'};
constexpr char kSigAlgHashed[] = {'E', 'D'};
constexpr char kKdfScrypt[] = {'S', 'c'};
constexpr char kKdfNone[] = {'\0', '\0'};
constexpr char kChkBlake2b[] = {'B', '2'};
// minisign reads the untrusted comment line into a 1024-byte buffer.
constexpr size_t kUntrustedCommentMaxBytes = 1024 - kUntrustedPrefix.size() - 2;

// Byte layouts (docs/style.md §3).
constexpr size_t kPublicKeyBytes = 2 + 8 + 32;
constexpr size_t kSignatureBytes = 2 + 8 + 64;
constexpr size_t kKeynumBytes = 8 + 64 + 32;  // key id || sk || checksum
constexpr size_t kSaltOffset = 6;
constexpr size_t kOpsOffset = kSaltOffset + 32;
constexpr size_t kMemOffset = kOpsOffset + 8;
constexpr size_t kKeynumOffset = kMemOffset + 8;
constexpr size_t kSecretKeyBytes = kKeynumOffset + kKeynumBytes;  // 158
constexpr size_t kChecksumOffset = kKeynumOffset + 8 + 64;

// Larger scrypt costs than this come from a damaged or hostile key file: they
// would take minutes or more memory than a workstation has.
constexpr uint64_t kMaxOpslimit = kSensitiveKdfLimits.opslimit * 4;
constexpr uint64_t kMaxMemlimit = kSensitiveKdfLimits.memlimit * 4;

// sodium_malloc'd scratch for anything secret: freed (and wiped) on scope exit.
class SecureBuffer {
 public:
  static Result<SecureBuffer> Allocate(size_t size) {
    void* p = sodium_malloc(size == 0 ? 1 : size);
    if (p == nullptr) return Fail(Errc::kIo, "cannot allocate protected memory for key material");
    return SecureBuffer(static_cast<uint8_t*>(p), size);
  }
  uint8_t* data() { return data_.get(); }
  const uint8_t* data() const { return data_.get(); }
  size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(uint8_t* p) const { sodium_free(p); }
  };
  SecureBuffer(uint8_t* p, size_t size) : data_(p), size_(size) {}
  std::unique_ptr<uint8_t, Free> data_;
  size_t size_;
};

struct Line {
  std::string_view text;
  int number = 0;
};

const uint8_t* Bytes(std::string_view s) { return reinterpret_cast<const uint8_t*>(s.data()); }

void StoreLe64(uint8_t* out, uint64_t v) {
  for (size_t i = 0; i < 8; ++i) out[i] = static_cast<uint8_t>(v >> (8 * i));
}

uint64_t LoadLe64(const uint8_t* in) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v |= static_cast<uint64_t>(in[i]) << (8 * i);
  return v;
}

// The offset of the first byte that is not printable UTF-8 (tab allowed), or
// nullopt. Comments are shown on terminals, so control bytes never pass.
std::optional<size_t> FirstUnprintable(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<uint8_t>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t') || c == 0x7f) return i;
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t min = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    uint32_t cp = c & (0x7Fu >> len);
    for (size_t k = 1; k < len; ++k) {
      const auto b = static_cast<uint8_t>(s[i + k]);
      if ((b & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp < 0xA0)) return i;
    i += len;
  }
  return std::nullopt;
}

std::string Base64(const uint8_t* data, size_t size) {
  return crypto::Base64(std::string_view(reinterpret_cast<const char*>(data), size));
}

// Takes the `names.size()` lines a file must have. Blank lines may follow
// them (a trailing newline, an editor's extra one); anything else is an error
// at its own line, as is a missing line.
Result<std::vector<Line>> TakeLines(std::string_view text, std::string_view name,
                                    const std::vector<std::string_view>& names) {
  std::vector<Line> lines;
  int number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    ++number;
    start = end + 1;
    if (lines.size() < names.size()) {
      lines.push_back(Line{l, number});
    } else if (!Trim(l).empty()) {
      return Fail(Errc::kParse, "unexpected text after the " + std::string(names.back()) + " line",
                  std::string(name), number, 1);
    }
  }
  if (lines.size() < names.size()) {
    return Fail(Errc::kParse, "truncated: the " + std::string(names[lines.size()]) + " line is missing",
                std::string(name), number + 1, 1);
  }
  return lines;
}

// The text after `prefix` on `line`, which must be printable.
Result<std::string> CommentOf(const Line& line, std::string_view prefix, std::string_view name) {
  if (!StartsWith(line.text, prefix)) {
    return Fail(Errc::kParse, "expected a line starting with '" + std::string(prefix) + "'", std::string(name),
                line.number, 1);
  }
  std::string_view comment = line.text.substr(prefix.size());
  if (auto bad = FirstUnprintable(comment)) {
    return Fail(Errc::kParse, "comment has a control character or invalid UTF-8", std::string(name), line.number,
                static_cast<int>(prefix.size() + *bad + 1));
  }
  return std::string(comment);
}

// Decodes the base64 `line` into exactly `size` bytes at `out`. The scratch
// buffer is protected memory because secret key lines pass through here.
Result<void> DecodeLine(const Line& line, std::string_view name, std::string_view what, uint8_t* out,
                        size_t size) {
  const std::string path(name);
  const size_t expected_chars = sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL) - 1;
  if (line.text.size() > 2 * expected_chars) {
    return Fail(Errc::kParse,
                "the " + std::string(what) + " line is too long (" + std::to_string(line.text.size()) +
                    " characters, expected " + std::to_string(expected_chars) + ")",
                path, line.number, 1);
  }
  const size_t max = line.text.size() / 4 * 3 + 3;
  auto buf = SecureBuffer::Allocate(max);
  if (!buf) return tl::make_unexpected(buf.error());
  size_t len = 0;
  const char* end = nullptr;
  const int rc = sodium_base642bin(buf->data(), max, line.text.data(), line.text.size(), nullptr, &len, &end,
                                   sodium_base64_VARIANT_ORIGINAL);
  if (rc != 0 || end != line.text.data() + line.text.size()) {
    const auto col = end == nullptr ? 1 : static_cast<int>(end - line.text.data()) + 1;
    return Fail(Errc::kParse, "invalid base64 in the " + std::string(what) + " line", path, line.number, col);
  }
  if (len != size) {
    return Fail(Errc::kParse,
                "the " + std::string(what) + " line decodes to " + std::to_string(len) + " bytes, expected " +
                    std::to_string(size),
                path, line.number, 1);
  }
  std::memcpy(out, buf->data(), size);
  return {};
}

std::string AlgName(const uint8_t* alg) {
  std::string out;
  for (size_t i = 0; i < 2; ++i) {
    if (alg[i] >= 0x21 && alg[i] < 0x7f) {
      out += static_cast<char>(alg[i]);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[alg[i] >> 4];
      out += kHex[alg[i] & 15];
    }
  }
  return out;
}

bool Is(const uint8_t* bytes, const char (&tag)[2]) { return std::memcmp(bytes, tag, 2) == 0; }

// BLAKE2b-256(sig_alg || key_id || sk): minisign's secret key checksum.
void SecretKeyChecksum(const uint8_t* keynum, uint8_t out[32]) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, 32);
  crypto_generichash_update(&st, reinterpret_cast<const uint8_t*>(kSigAlg), 2);
  crypto_generichash_update(&st, keynum, 8 + 64);
  crypto_generichash_final(&st, out, 32);
  sodium_memzero(&st, sizeof st);
}

// XORs the 104-byte keynum with scrypt(passphrase, salt, limits).
Result<void> ApplyKdf(uint8_t* keynum, std::string_view passphrase, const uint8_t* salt, KdfLimits limits) {
  auto stream = SecureBuffer::Allocate(kKeynumBytes);
  if (!stream) return tl::make_unexpected(stream.error());
  if (crypto_pwhash_scryptsalsa208sha256(stream->data(), kKeynumBytes, passphrase.data(), passphrase.size(), salt,
                                         limits.opslimit, static_cast<size_t>(limits.memlimit)) != 0) {
    return Fail(Errc::kIo, "cannot derive a key from the passphrase (scrypt needs " +
                               std::to_string(limits.memlimit >> 20) + " MiB)");
  }
  for (size_t i = 0; i < kKeynumBytes; ++i) keynum[i] ^= stream->data()[i];
  return {};
}

// The key's second half must be the public key of its first (the seed): with
// no checksum (minisign -W) this is what catches a damaged key.
bool SeedMatchesPublicHalf(const uint8_t* sk) {
  auto derived = SecureBuffer::Allocate(crypto_sign_SECRETKEYBYTES);
  if (!derived) return false;
  uint8_t pk[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_seed_keypair(pk, derived->data(), sk);
  return sodium_memcmp(pk, sk + 32, sizeof pk) == 0;
}

Result<void> CheckUntrustedComment(std::string_view comment) {
  if (comment.size() > kUntrustedCommentMaxBytes) {
    return Fail(Errc::kInvalidArgument,
                "the untrusted comment is longer than " + std::to_string(kUntrustedCommentMaxBytes) + " bytes");
  }
  if (FirstUnprintable(comment)) {
    return Fail(Errc::kInvalidArgument, "the untrusted comment has a control character or invalid UTF-8");
  }
  return {};
}

std::string GlobalMessage(const Signature& s) {
  std::string m(reinterpret_cast<const char*>(s.sig.data()), s.sig.size());
  m += s.trusted_comment;
  return m;
}

std::array<uint8_t, 64> Prehash(std::string_view bytes) {
  std::array<uint8_t, 64> h{};
  crypto_generichash(h.data(), h.size(), Bytes(bytes), bytes.size(), nullptr, 0);
  return h;
}

// Checks `s` against one key whose id matches.
Result<void> VerifyWith(std::string_view bytes, const Signature& s, const PublicKey& key) {
  int rc = 0;
  if (s.prehashed) {
    const auto h = Prehash(bytes);
    rc = crypto_sign_verify_detached(s.sig.data(), h.data(), h.size(), key.pk.data());
  } else {
    rc = crypto_sign_verify_detached(s.sig.data(), Bytes(bytes), bytes.size(), key.pk.data());
  }
  if (rc != 0) {
    return Fail(Errc::kCorrupt, "bad signature: the file does not match its signature by key " + KeyIdHex(s.key_id));
  }
  const std::string global = GlobalMessage(s);
  if (crypto_sign_verify_detached(s.global_sig.data(), Bytes(global), global.size(), key.pk.data()) != 0) {
    return Fail(Errc::kCorrupt, "the trusted comment was altered (its global signature does not verify)");
  }
  return {};
}

}  // namespace

// ---- SecretKey ----

Result<SecretKey> SecretKey::FromBytes(const KeyId& key_id, const uint8_t* sk) {
  if (auto r = crypto::InitSodium(); !r) return tl::make_unexpected(r.error());
  void* p = sodium_malloc(kSize);
  if (p == nullptr) return Fail(Errc::kIo, "cannot allocate protected memory for the secret key");
  std::memcpy(p, sk, kSize);
  sodium_mprotect_readonly(p);  // best effort: a failure leaves it writable, not exposed
  return SecretKey(key_id, static_cast<uint8_t*>(p));
}

SecretKey::SecretKey(SecretKey&& other) noexcept
    : key_id_(other.key_id_), bytes_(std::exchange(other.bytes_, nullptr)) {}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
  if (this != &other) {
    if (bytes_ != nullptr) sodium_free(bytes_);
    key_id_ = other.key_id_;
    bytes_ = std::exchange(other.bytes_, nullptr);
  }
  return *this;
}

SecretKey::~SecretKey() {
  if (bytes_ != nullptr) sodium_free(bytes_);  // wipes before freeing
}

PublicKey SecretKey::public_key() const {
  PublicKey pk;
  pk.key_id = key_id_;
  if (bytes_ != nullptr) std::memcpy(pk.pk.data(), bytes_ + 32, pk.pk.size());
  return pk;
}

// ---- keys ----

std::string KeyIdHex(const KeyId& key_id) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (size_t i = key_id.size(); i-- > 0;) {  // little-endian: last byte first
    out += kHex[key_id[i] >> 4];
    out += kHex[key_id[i] & 15];
  }
  return out;
}

Result<PublicKey> ParsePublicKey(std::string_view text, std::string_view name) {
  if (auto r = crypto::InitSodium(); !r) return tl::make_unexpected(r.error());
  Line b64;
  const std::string_view trimmed = Trim(text);
  if (!trimmed.empty() && trimmed.find('\n') == std::string_view::npos && !StartsWith(trimmed, "untrusted")) {
    b64 = Line{trimmed, 1};  // the bare base64 line, as minisign -P takes it
  } else {
    auto lines = TakeLines(text, name, {"untrusted comment", "public key"});
    if (!lines) return tl::make_unexpected(lines.error());
    if (auto c = CommentOf((*lines)[0], kUntrustedPrefix, name); !c) return tl::make_unexpected(c.error());
    b64 = (*lines)[1];
  }
  uint8_t raw[kPublicKeyBytes];
  if (auto r = DecodeLine(b64, name, "public key", raw, sizeof raw); !r) return tl::make_unexpected(r.error());
  if (!Is(raw, kSigAlg)) {
    return Fail(Errc::kUnsupported, "unsupported key algorithm '" + AlgName(raw) + "' (expected 'Ed')",
                std::string(name), b64.number, 1);
  }
  PublicKey key;
  std::memcpy(key.key_id.data(), raw + 2, 8);
  std::memcpy(key.pk.data(), raw + 10, 32);
  return key;
}

std::string FormatPublicKey(const PublicKey& key) {
  uint8_t raw[kPublicKeyBytes];
  std::memcpy(raw, kSigAlg, 2);
  std::memcpy(raw + 2, key.key_id.data(), 8);
  std::memcpy(raw + 10, key.pk.data(), 32);
  return std::string(kUntrustedPrefix) + "minisign public key " + KeyIdHex(key.key_id) + "\n" +
         Base64(raw, sizeof raw) + "\n";
}

Result<SecretKey> ParseSecretKey(std::string_view text, std::string_view name,
                                 std::optional<std::string_view> passphrase) {
  if (auto r = crypto::InitSodium(); !r) return tl::make_unexpected(r.error());
  const std::string path(name);
  auto lines = TakeLines(text, name, {"untrusted comment", "secret key"});
  if (!lines) return tl::make_unexpected(lines.error());
  if (auto c = CommentOf((*lines)[0], kUntrustedPrefix, name); !c) return tl::make_unexpected(c.error());
  const Line& line = (*lines)[1];
  auto raw = SecureBuffer::Allocate(kSecretKeyBytes);
  if (!raw) return tl::make_unexpected(raw.error());
  uint8_t* b = raw->data();
  if (auto r = DecodeLine(line, name, "secret key", b, kSecretKeyBytes); !r) return tl::make_unexpected(r.error());
  if (!Is(b, kSigAlg)) {
    return Fail(Errc::kUnsupported, "unsupported key algorithm '" + AlgName(b) + "' (expected 'Ed')", path,
                line.number, 1);
  }
  if (!Is(b + 4, kChkBlake2b)) {
    return Fail(Errc::kUnsupported, "unsupported checksum algorithm '" + AlgName(b + 4) + "' (expected 'B2')",
                path, line.number, 1);
  }
  uint8_t* keynum = b + kKeynumOffset;
  const bool encrypted = Is(b + 2, kKdfScrypt);
  if (encrypted) {
    if (!passphrase) return Fail(Errc::kInvalidArgument, "this key is encrypted: a passphrase is needed", path);
    const KdfLimits limits{LoadLe64(b + kOpsOffset), LoadLe64(b + kMemOffset)};
    if (limits.opslimit > kMaxOpslimit || limits.memlimit > kMaxMemlimit) {
      return Fail(Errc::kCorrupt,
                  "the key's scrypt limits are out of range (opslimit " + std::to_string(limits.opslimit) +
                      ", memlimit " + std::to_string(limits.memlimit) + ")",
                  path, line.number, 1);
    }
    if (auto r = ApplyKdf(keynum, *passphrase, b + kSaltOffset, limits); !r) return tl::make_unexpected(r.error());
  } else if (!Is(b + 2, kKdfNone)) {
    return Fail(Errc::kUnsupported, "unsupported key derivation '" + AlgName(b + 2) + "' (expected 'Sc' or none)",
                path, line.number, 1);
  }
  uint8_t checksum[32];
  SecretKeyChecksum(keynum, checksum);
  // minisign -W writes an all-zero checksum; an encrypted key always has one.
  const bool has_checksum = encrypted || !sodium_is_zero(b + kChecksumOffset, 32);
  if (has_checksum && sodium_memcmp(checksum, b + kChecksumOffset, 32) != 0) {
    if (encrypted) return Fail(Errc::kPermission, "wrong passphrase for this key", path);
    return Fail(Errc::kCorrupt, "the secret key is damaged (checksum mismatch)", path, line.number, 1);
  }
  if (!SeedMatchesPublicHalf(keynum + 8)) {
    return Fail(Errc::kCorrupt, "the secret key is damaged (its public half does not match its seed)", path,
                line.number, 1);
  }
  KeyId id;
  std::memcpy(id.data(), keynum, 8);
  return SecretKey::FromBytes(id, keynum + 8);
}

Result<std::string> FormatSecretKey(const SecretKey& key, std::optional<std::string_view> passphrase,
                                    KdfLimits limits) {
  if (auto r = crypto::InitSodium(); !r) return tl::make_unexpected(r.error());
  if (key.bytes() == nullptr) return Fail(Errc::kInvalidArgument, "empty secret key");
  if (passphrase && (limits.opslimit > kMaxOpslimit || limits.memlimit > kMaxMemlimit)) {
    return Fail(Errc::kInvalidArgument, "scrypt limits out of range");
  }
  auto raw = SecureBuffer::Allocate(kSecretKeyBytes);
  if (!raw) return tl::make_unexpected(raw.error());
  uint8_t* b = raw->data();
  sodium_memzero(b, kSecretKeyBytes);
  std::memcpy(b, kSigAlg, 2);
  std::memcpy(b + 2, passphrase ? kKdfScrypt : kKdfNone, 2);
  std::memcpy(b + 4, kChkBlake2b, 2);
  uint8_t* keynum = b + kKeynumOffset;
  std::memcpy(keynum, key.key_id().data(), 8);
  std::memcpy(keynum + 8, key.bytes(), SecretKey::kSize);
  SecretKeyChecksum(keynum, b + kChecksumOffset);
  if (passphrase) {
    randombytes_buf(b + kSaltOffset, 32);
    StoreLe64(b + kOpsOffset, limits.opslimit);
    StoreLe64(b + kMemOffset, limits.memlimit);
    if (auto r = ApplyKdf(keynum, *passphrase, b + kSaltOffset, limits); !r) return tl::make_unexpected(r.error());
  }
  std::string out(kUntrustedPrefix);
  out += "minisign encrypted secret key\n";  // what minisign writes, even for -W
  std::string b64 = Base64(b, kSecretKeyBytes);
  out += b64;
  out += '\n';
  Wipe(b64);
  return out;
}

Result<KeyPair> GenerateKeyPair() {
  if (auto r = crypto::InitSodium(); !r) return tl::make_unexpected(r.error());
  auto sk = SecureBuffer::Allocate(crypto_sign_SECRETKEYBYTES);
  if (!sk) return tl::make_unexpected(sk.error());
  uint8_t pk[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_keypair(pk, sk->data());
  KeyId id;
  randombytes_buf(id.data(), id.size());
  auto secret = SecretKey::FromBytes(id, sk->data());
  if (!secret) return tl::make_unexpected(secret.error());
  PublicKey pub = secret->public_key();
  return KeyPair{pub, std::move(*secret)};
}

// ---- signatures ----

Result<void> CheckTrustedComment(std::string_view comment) {
  if (kTrustedPrefix.size() + comment.size() > kTrustedCommentMaxBytes) {
    return Fail(Errc::kInvalidArgument, "the trusted comment is longer than " +
                                            std::to_string(kTrustedCommentMaxBytes - kTrustedPrefix.size()) +
                                            " bytes");
  }
  if (FirstUnprintable(comment)) {
    return Fail(Errc::kInvalidArgument, "the trusted comment has a control character or invalid UTF-8");
  }
  return {};
}

Result<std::string> FormatSignature(const Signature& s) {
  if (auto r = CheckTrustedComment(s.trusted_comment); !r) return tl::make_unexpected(r.error());
  if (auto r = CheckUntrustedComment(s.untrusted_comment); !r) return tl::make_unexpected(r.error());
  if (auto r = crypto::InitSodium(); !r) return tl::make_unexpected(r.error());
  uint8_t raw[kSignatureBytes];
  std::memcpy(raw, s.prehashed ? kSigAlgHashed : kSigAlg, 2);
  std::memcpy(raw + 2, s.key_id.data(), 8);
  std::memcpy(raw + 10, s.sig.data(), 64);
  std::string out(kUntrustedPrefix);
  out += s.untrusted_comment + "\n" + Base64(raw, sizeof raw) + "\n";
  out += std::string(kTrustedPrefix) + s.trusted_comment + "\n";
  out += Base64(s.global_sig.data(), s.global_sig.size()) + "\n";
  return out;
}

Result<std::string> SignFile(std::string_view bytes, const SecretKey& key, std::string_view trusted_comment,
                             std::string_view untrusted_comment) {
  if (auto r = crypto::InitSodium(); !r) return tl::make_unexpected(r.error());
  if (key.bytes() == nullptr) return Fail(Errc::kInvalidArgument, "empty secret key");
  if (auto r = CheckTrustedComment(trusted_comment); !r) return tl::make_unexpected(r.error());
  if (auto r = CheckUntrustedComment(untrusted_comment); !r) return tl::make_unexpected(r.error());
  Signature s;
  s.key_id = key.key_id();
  s.prehashed = true;
  s.trusted_comment = std::string(trusted_comment);
  s.untrusted_comment = std::string(untrusted_comment);
  const auto h = Prehash(bytes);
  crypto_sign_detached(s.sig.data(), nullptr, h.data(), h.size(), key.bytes());
  const std::string global = GlobalMessage(s);
  crypto_sign_detached(s.global_sig.data(), nullptr, Bytes(global), global.size(), key.bytes());
  return FormatSignature(s);
}

Result<Signature> ParseSignature(std::string_view text, std::string_view name) {
  if (auto r = crypto::InitSodium(); !r) return tl::make_unexpected(r.error());
  auto lines = TakeLines(text, name, {"untrusted comment", "signature", "trusted comment", "global signature"});
  if (!lines) return tl::make_unexpected(lines.error());
  const std::vector<Line>& l = *lines;
  Signature s;
  auto untrusted = CommentOf(l[0], kUntrustedPrefix, name);
  if (!untrusted) return tl::make_unexpected(untrusted.error());
  s.untrusted_comment = std::move(*untrusted);
  uint8_t raw[kSignatureBytes];
  if (auto r = DecodeLine(l[1], name, "signature", raw, sizeof raw); !r) return tl::make_unexpected(r.error());
  if (Is(raw, kSigAlgHashed)) {
    s.prehashed = true;
  } else if (Is(raw, kSigAlg)) {
    s.prehashed = false;
  } else {
    return Fail(Errc::kUnsupported, "unsupported signature algorithm '" + AlgName(raw) + "' (expected 'ED')",
                std::string(name), l[1].number, 1);
  }
  std::memcpy(s.key_id.data(), raw + 2, 8);
  std::memcpy(s.sig.data(), raw + 10, 64);
  if (l[2].text.size() > kTrustedCommentMaxBytes && StartsWith(l[2].text, kTrustedPrefix)) {
    return Fail(Errc::kParse, "the trusted comment is longer than " + std::to_string(kTrustedCommentMaxBytes) +
                                  " bytes with its prefix",
                std::string(name), l[2].number, static_cast<int>(kTrustedCommentMaxBytes) + 1);
  }
  auto trusted = CommentOf(l[2], kTrustedPrefix, name);
  if (!trusted) return tl::make_unexpected(trusted.error());
  s.trusted_comment = std::move(*trusted);
  if (auto r = DecodeLine(l[3], name, "global signature", s.global_sig.data(), s.global_sig.size()); !r) {
    return tl::make_unexpected(r.error());
  }
  return s;
}

Result<VerifiedSignature> Verify(std::string_view bytes, const Signature& signature,
                                 const std::vector<PublicKey>& trusted, LegacyPolicy legacy) {
  if (auto r = crypto::InitSodium(); !r) return tl::make_unexpected(r.error());
  Result<void> outcome = Fail(Errc::kNotFound, "signed by an untrusted key " + KeyIdHex(signature.key_id));
  for (const PublicKey& key : trusted) {
    if (key.key_id != signature.key_id) continue;
    if (!signature.prehashed && legacy == LegacyPolicy::kRefuse) {
      return Fail(Errc::kUnsupported,
                  "legacy (non-prehashed 'Ed') signature refused: sign with minisign's default 'ED' format");
    }
    outcome = VerifyWith(bytes, signature, key);
    if (outcome) return VerifiedSignature{signature.key_id, signature.trusted_comment, signature.prehashed};
  }
  return tl::make_unexpected(outcome.error());
}

void Wipe(std::string& s) {
  if (!s.empty()) sodium_memzero(s.data(), s.size());
  s.clear();
}

}  // namespace mcpguard::signing

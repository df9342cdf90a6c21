// minisign compatibility, checked against the real `minisign` binary in both
// directions, plus the hostile-input behaviour of every parser. The interop
// tests fail (never skip) when minisign is missing: `apt-get install minisign`.
#include "signing/minisign.h"

#include <cstdlib>

#include <catch2/catch.hpp>

#include "base/process.h"
#include "support/temp_dir.h"

namespace mcpguard::signing {
namespace {

using Catch::Matchers::Contains;
using test::ReadFile;
using test::TempDir;

// Runs the real minisign in `t` with a fake HOME, so it never sees ~/.minisign.
ProcessResult Minisign(const TempDir& t, const std::vector<std::string>& args, const std::string& input = "") {
  ProcessOptions opts;
  opts.argv = {"minisign"};
  opts.argv.insert(opts.argv.end(), args.begin(), args.end());
  opts.env = std::vector<std::string>{"HOME=" + t.path(), "MINISIGN_CONFIG_DIR=" + t.Path(".minisign")};
  if (const char* path = std::getenv("PATH")) opts.env->push_back(std::string("PATH=") + path);
  opts.cwd = t.path();
  opts.stdin_data = input;
  auto r = RunProcess(opts);
  INFO("minisign must be installed for these tests: apt-get install minisign");
  REQUIRE(r);
  REQUIRE(r->exit_code != 127);
  return *r;
}

KeyPair NewPair() {
  auto pair = GenerateKeyPair();
  REQUIRE(pair);
  return std::move(*pair);
}

std::string Sign(std::string_view bytes, const SecretKey& key, std::string_view trusted = "file:baseline.json") {
  auto sig = SignFile(bytes, key, trusted);
  REQUIRE(sig);
  return *sig;
}

Signature ParseSig(const std::string& text) {
  auto s = ParseSignature(text, "x.minisig");
  REQUIRE(s);
  return *s;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string Unlines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string ErrorOf(const Error& e) { return e.ToString(); }

// ---- known answers ----

TEST_CASE("a key id displays as minisign's little-endian upper-case hex", "[signing]") {
  CHECK(KeyIdHex({0xfb, 0xb7, 0x89, 0xea, 0xf9, 0xb1, 0x10, 0x47}) == "4710B1F9EA89B7FB");
  // The public key in docs/style.md §3.2, as minisign 0.11 wrote it.
  const std::string pub =
      "untrusted comment: minisign public key 4710B1F9EA89B7FB\n"
      "RWT7t4nq+bEQR9jIkPequajcgUBaj3Nuc/Yxebg1iJP4bN61usjKZF3H\n";
  auto key = ParsePublicKey(pub, "minisign.pub");
  REQUIRE(key);
  CHECK(KeyIdHex(key->key_id) == "4710B1F9EA89B7FB");
  CHECK(FormatPublicKey(*key) == pub);
  auto bare = ParsePublicKey("RWT7t4nq+bEQR9jIkPequajcgUBaj3Nuc/Yxebg1iJP4bN61usjKZF3H\n", "-P");
  REQUIRE(bare);
  CHECK(bare->pk == key->pk);
  CHECK(bare->key_id == key->key_id);
}

// ---- our own round trips ----

TEST_CASE("keys round-trip through their text forms", "[signing]") {
  KeyPair pair = NewPair();
  auto pub = ParsePublicKey(FormatPublicKey(pair.public_key), "k.pub");
  REQUIRE(pub);
  CHECK(pub->pk == pair.public_key.pk);
  CHECK(pub->key_id == pair.public_key.key_id);

  auto plain = FormatSecretKey(pair.secret_key, std::nullopt);
  REQUIRE(plain);
  CHECK(plain->rfind("untrusted comment: minisign encrypted secret key\nRWQAAEIy", 0) == 0);
  auto back = ParseSecretKey(*plain, "k.key", std::nullopt);
  REQUIRE(back);
  CHECK(back->key_id() == pair.secret_key.key_id());
  CHECK(back->public_key().pk == pair.public_key.pk);
}

TEST_CASE("an encrypted key needs the right passphrase", "[signing]") {
  KeyPair pair = NewPair();
  auto text = FormatSecretKey(pair.secret_key, "correct horse", kInteractiveKdfLimits);
  REQUIRE(text);
  CHECK(text->rfind("untrusted comment: minisign encrypted secret key\nRWRTY0Iy", 0) == 0);
  CHECK(text->find("correct horse") == std::string::npos);
  auto ok = ParseSecretKey(*text, "k.key", "correct horse");
  REQUIRE(ok);
  CHECK(ok->public_key().pk == pair.public_key.pk);

  auto wrong = ParseSecretKey(*text, "k.key", "battery staple");
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().message == "wrong passphrase for this key");
  CHECK(wrong.error().code == Errc::kPermission);

  auto none = ParseSecretKey(*text, "k.key", std::nullopt);
  REQUIRE_FALSE(none);
  CHECK_THAT(none.error().message, Contains("passphrase is needed"));
}

TEST_CASE("sign then verify, and every kind of tampering is caught", "[signing]") {
  KeyPair pair = NewPair();
  const std::string file = "{\"servers\": []}\n";
  const std::string text = Sign(file, pair.secret_key, "timestamp:1\tfile:baseline.json");
  const std::vector<PublicKey> trusted{pair.public_key};

  auto ok = Verify(file, ParseSig(text), trusted);
  REQUIRE(ok);
  CHECK(ok->trusted_comment == "timestamp:1\tfile:baseline.json");
  CHECK(ok->prehashed);
  CHECK(Lines(text).size() == 4);
  CHECK(Lines(text)[1].rfind("RU", 0) == 0);  // "ED" (prehashed); legacy "Ed" is "RW"

  SECTION("a flipped byte in the file") {
    std::string changed = file;
    changed[3] ^= 1;
    auto r = Verify(changed, ParseSig(text), trusted);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::kCorrupt);
    CHECK_THAT(r.error().message, Contains("bad signature"));
  }
  SECTION("a flipped byte in the signature") {
    Signature s = ParseSig(text);
    s.sig[17] ^= 0x40;
    auto reformatted = FormatSignature(s);
    REQUIRE(reformatted);
    auto r = Verify(file, ParseSig(*reformatted), trusted);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Contains("bad signature"));
  }
  SECTION("a changed character in the signature line") {
    auto lines = Lines(text);
    lines[1][60] = lines[1][60] == 'A' ? 'B' : 'A';
    auto r = Verify(file, ParseSig(Unlines(lines)), trusted);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Contains("bad signature"));
  }
  SECTION("an altered trusted comment") {
    auto lines = Lines(text);
    lines[2] = "trusted comment: timestamp:2\tfile:baseline.json";
    auto r = Verify(file, ParseSig(Unlines(lines)), trusted);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::kCorrupt);
    CHECK(r.error().message == "the trusted comment was altered (its global signature does not verify)");
  }
  SECTION("a flipped byte in the global signature") {
    Signature s = ParseSig(text);
    s.global_sig[0] ^= 1;
    auto r = Verify(file, s, trusted);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Contains("trusted comment was altered"));
  }
  SECTION("a flipped byte in the key id") {
    Signature s = ParseSig(text);
    s.key_id[0] ^= 1;
    auto r = Verify(file, s, trusted);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::kNotFound);
    CHECK(r.error().message == "signed by an untrusted key " + KeyIdHex(s.key_id));
  }
  SECTION("an edited untrusted comment changes nothing") {
    auto lines = Lines(text);
    lines[0] = "untrusted comment: anything at all";
    CHECK(Verify(file, ParseSig(Unlines(lines)), trusted));
  }
}

TEST_CASE("a signature by a key that is not trusted names the key id", "[signing]") {
  KeyPair signer = NewPair();
  KeyPair other = NewPair();
  const std::string text = Sign("x", signer.secret_key);
  auto r = Verify("x", ParseSig(text), {other.public_key});
  REQUIRE_FALSE(r);
  CHECK(r.error().message == "signed by an untrusted key " + KeyIdHex(signer.public_key.key_id));
  CHECK(Verify("x", ParseSig(text), {other.public_key, signer.public_key}));
  CHECK_FALSE(Verify("x", ParseSig(text), {}));
}

TEST_CASE("comments are checked before signing", "[signing]") {
  KeyPair pair = NewPair();
  CHECK_FALSE(SignFile("x", pair.secret_key, "two\nlines"));
  CHECK_FALSE(SignFile("x", pair.secret_key, "escape \x1b[31m"));
  CHECK_FALSE(SignFile("x", pair.secret_key, "bad utf-8 \xff"));
  CHECK_FALSE(SignFile("x", pair.secret_key, "ok", "untrusted\r"));
  CHECK(SignFile("x", pair.secret_key, "caf\xc3\xa9\ttab"));
  const size_t room = kTrustedCommentMaxBytes - std::string("trusted comment: ").size();
  CHECK(SignFile("x", pair.secret_key, std::string(room, 'a')));
  auto long_one = SignFile("x", pair.secret_key, std::string(room + 1, 'a'));
  REQUIRE_FALSE(long_one);
  CHECK_THAT(long_one.error().message, Contains("longer than 8175 bytes"));
}

// ---- hostile input ----

TEST_CASE("malformed signatures give errors with line numbers", "[signing]") {
  KeyPair pair = NewPair();
  const std::string text = Sign("x", pair.secret_key);
  auto lines = Lines(text);
  auto error = [](const std::string& t) {
    auto r = ParseSignature(t, "s.minisig");
    REQUIRE_FALSE(r);
    return ErrorOf(r.error());
  };

  CHECK(error(Unlines({lines[0], lines[1], lines[2]})) ==
        "s.minisig:4:1: truncated: the global signature line is missing");
  CHECK(error("") == "s.minisig:1:1: truncated: the untrusted comment line is missing");
  CHECK(error(Unlines({lines[0], lines[1].substr(0, 96), lines[2], lines[3]})) ==
        "s.minisig:2:1: the signature line decodes to 72 bytes, expected 74");
  CHECK_THAT(error(Unlines({lines[0], lines[1].substr(0, 99), lines[2], lines[3]})),
             Catch::Matchers::StartsWith("s.minisig:2:") && Contains("invalid base64 in the signature line"));
  std::string bad_char = lines[1];
  bad_char[10] = '*';
  CHECK(error(Unlines({lines[0], bad_char, lines[2], lines[3]})) ==
        "s.minisig:2:11: invalid base64 in the signature line");
  CHECK(error(Unlines({lines[1], lines[0], lines[2], lines[3]})) ==
        "s.minisig:1:1: expected a line starting with 'untrusted comment: '");
  CHECK(error(Unlines({lines[0], lines[1], "trusted_comment: x", lines[3]})) ==
        "s.minisig:3:1: expected a line starting with 'trusted comment: '");
  CHECK(error(Unlines({lines[0], lines[1], "trusted comment: a\x01", lines[3]})) ==
        "s.minisig:3:19: comment has a control character or invalid UTF-8");
  CHECK(error(Unlines({lines[0], lines[1], lines[2], lines[3], "", "extra"})) ==
        "s.minisig:6:1: unexpected text after the global signature line");
  CHECK(error(Unlines({lines[0], lines[1], lines[2], lines[3].substr(4)})) ==
        "s.minisig:4:1: the global signature line decodes to 61 bytes, expected 64");
  CHECK(error(Unlines({lines[0], lines[1], "trusted comment: " + std::string(9000, 'a'), lines[3]})) ==
        "s.minisig:3:8193: the trusted comment is longer than 8192 bytes with its prefix");
  CHECK(error(Unlines({lines[0], std::string(5000, 'A'), lines[2], lines[3]})) ==
        "s.minisig:2:1: the signature line is too long (5000 characters, expected 100)");

  // "Ed" + "Sc" is not a signature: RVNj... decodes to 'E' 'S'.
  Signature s = ParseSig(text);
  auto as_text = FormatSignature(s);
  REQUIRE(as_text);
  auto wrong_alg = Lines(*as_text);
  wrong_alg[1][1] = 'V';  // "RU" ("ED"/"Ed") becomes "RV": 'E' then a different second byte
  CHECK_THAT(error(Unlines(wrong_alg)),
             Catch::Matchers::StartsWith("s.minisig:2:1: unsupported signature algorithm"));
}

TEST_CASE("CRLF line endings and a missing final newline are accepted", "[signing]") {
  KeyPair pair = NewPair();
  const std::string text = Sign("x", pair.secret_key, "crlf");
  auto lines = Lines(text);
  const std::string crlf = lines[0] + "\r\n" + lines[1] + "\r\n" + lines[2] + "\r\n" + lines[3];
  auto s = ParseSignature(crlf, "s.minisig");
  REQUIRE(s);
  CHECK(s->trusted_comment == "crlf");
  CHECK(Verify("x", *s, {pair.public_key}));
  const std::string pub = FormatPublicKey(pair.public_key);
  auto pub_lines = Lines(pub);
  CHECK(ParsePublicKey(pub_lines[0] + "\r\n" + pub_lines[1] + "\r\n", "k.pub"));
}

TEST_CASE("malformed keys give errors with line numbers", "[signing]") {
  KeyPair pair = NewPair();
  auto pub = Lines(FormatPublicKey(pair.public_key));
  auto pub_error = [](const std::string& t) {
    auto r = ParsePublicKey(t, "k.pub");
    REQUIRE_FALSE(r);
    return ErrorOf(r.error());
  };
  CHECK(pub_error(Unlines({pub[0]})) == "k.pub:2:1: truncated: the public key line is missing");
  CHECK(pub_error(Unlines({pub[0], pub[1].substr(0, 52)})) ==
        "k.pub:2:1: the public key line decodes to 39 bytes, expected 42");
  CHECK(pub_error(Unlines({pub[0], pub[1], "RWQ="})) == "k.pub:3:1: unexpected text after the public key line");
  std::string other_alg = pub[1];
  other_alg[1] = 'X';
  CHECK_THAT(pub_error(Unlines({pub[0], other_alg})), Contains("k.pub:2:1: unsupported key algorithm"));
  CHECK_THAT(pub_error("not base64 at all"), Contains("k.pub:1:4: invalid base64 in the public key line"));

  auto sk = FormatSecretKey(pair.secret_key, std::nullopt);
  REQUIRE(sk);
  auto sk_lines = Lines(*sk);
  auto sk_error = [](const std::string& t) {
    auto r = ParseSecretKey(t, "k.key", std::nullopt);
    REQUIRE_FALSE(r);
    return ErrorOf(r.error());
  };
  CHECK(sk_error(Unlines({sk_lines[0], sk_lines[1].substr(0, 200)})) ==
        "k.key:2:1: the secret key line decodes to 150 bytes, expected 158");
  std::string kdf = sk_lines[1];
  kdf[3] = 'B';  // "RWQA" -> "RWQB": the kdf algorithm is no longer "\0\0"
  CHECK_THAT(sk_error(Unlines({sk_lines[0], kdf})), Contains("k.key:2:1: unsupported key derivation"));
  // A public key where a secret key should be.
  CHECK(sk_error(Unlines(pub)) == "k.key:2:1: the secret key line decodes to 42 bytes, expected 158");
  // One changed character inside the key material: the checksum catches it.
  std::string damaged = sk_lines[1];
  damaged[120] = damaged[120] == 'A' ? 'B' : 'A';
  CHECK_THAT(sk_error(Unlines({sk_lines[0], damaged})), Contains("k.key:2:1: the secret key is damaged"));
}

// ---- the real minisign ----

TEST_CASE("minisign's unencrypted keys and signatures are read and verified", "[signing][minisign]") {
  TempDir t;
  const std::string file = t.Write("baseline.json", "{\"a\": 1}\n");
  REQUIRE(Minisign(t, {"-G", "-W", "-p", "x.pub", "-s", "x.key"}).exit_code == 0);
  auto pub = ParsePublicKey(ReadFile(t.Path("x.pub")), "x.pub");
  REQUIRE(pub);
  // minisign prints the key id without leading zeros ("%" PRIX64), mcpguard
  // with all 16 digits.
  const std::string id = KeyIdHex(pub->key_id);
  CHECK_THAT(ReadFile(t.Path("x.pub")), Contains("minisign public key " + id.substr(id.find_first_not_of('0'))));
  auto sk = ParseSecretKey(ReadFile(t.Path("x.key")), "x.key", std::nullopt);
  REQUIRE(sk);
  CHECK(sk->public_key().pk == pub->pk);
  CHECK(sk->key_id() == pub->key_id);

  SECTION("minisign signs, mcpguard verifies") {
    REQUIRE(Minisign(t, {"-S", "-s", "x.key", "-m", "baseline.json", "-t", "trusted"}).exit_code == 0);
    auto sig = ParseSignature(ReadFile(file + ".minisig"), "baseline.json.minisig");
    REQUIRE(sig);
    auto ok = Verify(ReadFile(file), *sig, {*pub});
    REQUIRE(ok);
    CHECK(ok->trusted_comment == "trusted");
    CHECK_FALSE(Verify(ReadFile(file) + " ", *sig, {*pub}));
    // Ed25519 is deterministic: our signature line is minisign's, byte for byte.
    auto ours = SignFile(ReadFile(file), *sk, "trusted", sig->untrusted_comment);
    REQUIRE(ours);
    CHECK(*ours == ReadFile(file + ".minisig"));
  }
  SECTION("mcpguard signs, minisign verifies") {
    auto sig = SignFile(ReadFile(file), *sk, "timestamp:1\tfile:baseline.json\tsnapshot:abc");
    REQUIRE(sig);
    t.Write("baseline.json.minisig", *sig);
    ProcessResult v = Minisign(t, {"-Vm", "baseline.json", "-p", "x.pub"});
    CHECK(v.exit_code == 0);
    CHECK_THAT(v.out, Contains("Trusted comment: timestamp:1\tfile:baseline.json\tsnapshot:abc"));
    t.Write("baseline.json", "{\"a\": 2}\n");
    CHECK(Minisign(t, {"-Vm", "baseline.json", "-p", "x.pub"}).exit_code == 1);
  }
  SECTION("minisign's legacy signatures are refused unless asked for") {
    REQUIRE(Minisign(t, {"-S", "-l", "-s", "x.key", "-m", "baseline.json", "-t", "old"}).exit_code == 0);
    auto sig = ParseSignature(ReadFile(file + ".minisig"), "baseline.json.minisig");
    REQUIRE(sig);
    CHECK_FALSE(sig->prehashed);
    auto refused = Verify(ReadFile(file), *sig, {*pub});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Errc::kUnsupported);
    auto accepted = Verify(ReadFile(file), *sig, {*pub}, LegacyPolicy::kAccept);
    REQUIRE(accepted);
    CHECK_FALSE(accepted->prehashed);
  }
}

TEST_CASE("mcpguard's keys work in minisign", "[signing][minisign]") {
  TempDir t;
  t.Write("f", "payload\n");
  KeyPair pair = NewPair();
  t.Write("m.pub", FormatPublicKey(pair.public_key));

  SECTION("unencrypted") {
    auto sk = FormatSecretKey(pair.secret_key, std::nullopt);
    REQUIRE(sk);
    t.Write("m.key", *sk);
    REQUIRE(Minisign(t, {"-S", "-s", "m.key", "-m", "f", "-t", "from mcpguard key"}).exit_code == 0);
  }
  SECTION("encrypted, passphrase on stdin") {
    auto sk = FormatSecretKey(pair.secret_key, "s3cret pass", kInteractiveKdfLimits);
    REQUIRE(sk);
    t.Write("m.key", *sk);
    CHECK(Minisign(t, {"-S", "-s", "m.key", "-m", "f"}, "wrong\n").exit_code != 0);
    REQUIRE(Minisign(t, {"-S", "-s", "m.key", "-m", "f", "-t", "from mcpguard key"}, "s3cret pass\n").exit_code ==
            0);
  }
  ProcessResult v = Minisign(t, {"-Vm", "f", "-p", "m.pub"});
  CHECK(v.exit_code == 0);
  CHECK_THAT(v.out, Contains("Trusted comment: from mcpguard key"));
  auto sig = ParseSignature(ReadFile(t.Path("f.minisig")), "f.minisig");
  REQUIRE(sig);
  CHECK(Verify("payload\n", *sig, {pair.public_key}));
}

// minisign's default scrypt cost: about 2 s and 1 GiB, twice.
TEST_CASE("a key encrypted by minisign opens with its passphrase only", "[signing][minisign]") {
  TempDir t;
  REQUIRE(Minisign(t, {"-G", "-p", "e.pub", "-s", "e.key"}, "pass phrase\npass phrase\n").exit_code == 0);
  const std::string text = ReadFile(t.Path("e.key"));
  CHECK(text.find("\nRWRTY0Iy") != std::string::npos);
  auto pub = ParsePublicKey(ReadFile(t.Path("e.pub")), "e.pub");
  REQUIRE(pub);
  auto sk = ParseSecretKey(text, "e.key", "pass phrase");
  REQUIRE(sk);
  CHECK(sk->public_key().pk == pub->pk);
  auto wrong = ParseSecretKey(text, "e.key", "pass phrasE");
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().ToString() == "e.key:1:1: wrong passphrase for this key");
}

}  // namespace
}  // namespace mcpguard::signing

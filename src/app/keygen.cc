#include "app/keygen.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "base/file.h"
#include "base/path.h"

namespace mcpguard::app {
namespace {

Result<std::string> AskPassphrase(const KeygenOptions& options) {
  if (!options.passphrase) {
    return Fail(Errc::kInvalidArgument, "no way to ask for a passphrase: use -W for a key without one");
  }
  auto pass = options.passphrase();
  if (!pass) return pass;
  if (pass->empty()) return Fail(Errc::kInvalidArgument, "empty passphrase: use -W for a key without one");
  return pass;
}

// The secret key's text, encrypted unless -W. The passphrase is wiped here.
Result<std::string> SecretKeyText(const KeygenOptions& options, const signing::SecretKey& key) {
  if (options.unencrypted) return signing::FormatSecretKey(key, std::nullopt);
  auto pass = AskPassphrase(options);
  if (!pass) return tl::make_unexpected(pass.error());
  auto text = signing::FormatSecretKey(key, *pass, options.kdf);
  signing::Wipe(*pass);
  return text;
}

}  // namespace

Result<KeygenOutcome> Keygen(const KeygenOptions& options) {
  const std::string prefix =
      options.output_prefix.empty() ? JoinPath(options.config_dir, "mcpguard") : options.output_prefix;
  KeygenOutcome out;
  out.secret_key_path = prefix + ".key";
  out.public_key_path = prefix + ".pub";
  out.encrypted = !options.unencrypted;
  if (!options.force) {
    for (const std::string* path : {&out.secret_key_path, &out.public_key_path}) {
      if (Exists(*path)) return Fail(Errc::kInvalidArgument, *path + " already exists");
    }
  }
  auto pair = signing::GenerateKeyPair();
  if (!pair) return tl::make_unexpected(pair.error());
  auto secret = SecretKeyText(options, pair->secret_key);
  if (!secret) return tl::make_unexpected(secret.error());
  out.key_id = signing::KeyIdHex(pair->public_key.key_id);

  auto written = MakePrivateDirs(Dirname(out.secret_key_path));
  if (written) written = WriteFileAtomic(out.secret_key_path, *secret, 0600);
  signing::Wipe(*secret);
  if (!written) return tl::make_unexpected(written.error());
  if (auto r = WriteFileAtomic(out.public_key_path, signing::FormatPublicKey(pair->public_key), 0644); !r) {
    return tl::make_unexpected(r.error());
  }
  return out;
}

}  // namespace mcpguard::app

// `mcpguard keygen`: a minisign-compatible key pair for signing baselines,
// written as <config_dir>/mcpguard.key (0600) and mcpguard.pub (0644).
#pragma once

#include <functional>
#include <string>

#include "base/error.h"
#include "signing/minisign.h"

namespace mcpguard::app {

struct KeygenOptions {
  std::string config_dir;  // Paths::config_dir; used when output_prefix is empty
  std::string output_prefix;  // PREFIX -> PREFIX.key and PREFIX.pub
  bool force = false;         // replace existing files
  bool unencrypted = false;   // minisign -W: no passphrase
  signing::KdfLimits kdf = signing::kSensitiveKdfLimits;
  // Asked only for an encrypted key. The app wipes the returned string.
  std::function<Result<std::string>()> passphrase;
};

struct KeygenOutcome {
  std::string secret_key_path;
  std::string public_key_path;
  std::string key_id;  // KeyIdHex
  bool encrypted = false;
};

// Generates the pair and writes both files. Refuses (kInvalidArgument, naming
// the file) to replace an existing one unless `force`; creates a missing
// directory 0700. Nothing is written when any step fails before the first file.
Result<KeygenOutcome> Keygen(const KeygenOptions& options);

}  // namespace mcpguard::app

// The signed baseline on disk: building approved entries from a scan,
// comparing them with what is configured now, and reading and writing
// baseline.json with its minisign signature. Paths:
//   <config_dir>/baseline.json, baseline.json.minisig, mcpguard.key, mcpguard.pub
//   trusted keys: mcpguard.pub, <config_dir>/trusted/*.pub, <root>/etc/mcpguard/trusted/*.pub
//   an organisation's baseline, <root>/etc/mcpguard/baseline.json, when the user has none
#pragma once

#include <future>
#include <string>
#include <vector>

#include "app/settings.h"
#include "base/error.h"
#include "model/baseline.h"
#include "model/snapshot.h"
#include "signing/minisign.h"

namespace mcpguard::app {

struct BaselineFiles {
  std::string baseline;    // baseline.json
  std::string signature;   // baseline.json.minisig
  std::string secret_key;  // mcpguard.key
  std::string public_key;  // mcpguard.pub (trusted automatically)
  std::vector<std::string> trusted_dirs;
};

// `for_writing`: the user's own files, never the organisation's baseline.
BaselineFiles BaselineFilesFor(const Paths& paths, const std::string& root, bool for_writing = false);

// The portable approved form of a server as scanned now. `home` becomes "~".
model::ApprovedServer ApprovedForm(const model::Server& server, const std::string& home);

// The fields of `now` that differ from `approved`: "command", "args", "env",
// "url", "artifact.version", "artifact.tree_sha256", "credentials", ...
// Empty when unchanged.
std::vector<std::string> Differences(const model::ApprovedServer& approved, const model::ApprovedServer& now);

struct LoadedBaseline {
  model::Baseline baseline;
  signing::VerifiedSignature signature;
  std::string signer;  // key id
};

// The baseline document in `text` (named `path` in errors), signature not
// checked: a signed file can still be malformed, so every field is checked.
Result<model::Baseline> ParseBaseline(std::string_view text, const std::string& path);

// Reads the baseline and checks its signature against the trusted keys and
// the digest in its trusted comment. Every failure is an Error (exit 2 for
// verify): no baseline, unreadable, bad or untrusted signature, a trusted
// comment that does not match the file.
Result<LoadedBaseline> LoadVerifiedBaseline(const BaselineFiles& files);

// LoadVerifiedBaseline on a thread of its own. The pre-launch paths (verify,
// exec) check the signature and parse the baseline while their scan runs:
// the two share nothing, and on two cores this takes a millisecond, a fifth,
// off the wall time of a hook that runs before every server launch. Callers
// still look at the result before comparing anything against it.
std::future<Result<LoadedBaseline>> LoadVerifiedBaselineAsync(BaselineFiles files);

// Writes baseline.json (atomically, keeping the previous one as
// baseline.json.bak) and its signature, made with `key`.
Result<void> WriteSignedBaseline(const BaselineFiles& files, const model::Baseline& baseline,
                                 const signing::SecretKey& key, const std::string& approver);

std::string Sha256Hex(std::string_view bytes);

}  // namespace mcpguard::app

// approve and revoke: add servers as they are configured now to the signed
// baseline, or take them out, and sign the result with the user's key.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/scan.h"
#include "base/environment.h"
#include "base/error.h"
#include "signing/minisign.h"

namespace mcpguard::app {

struct ApproveOptions {
  ScanOptions scan;                  // what to look at (hosts, os, root, cwd...)
  std::vector<std::string> servers;  // names; empty with `all` for every server found
  bool all = false;
  // Asked only for an encrypted key; the caller's string is wiped after use.
  std::function<Result<std::string>()> passphrase;
  // Shown what will be approved (one line each); false cancels. Not set: proceed.
  std::function<bool(const std::vector<std::string>& lines)> confirm;
};

struct ApproveOutcome {
  std::vector<std::string> added;      // "cursor/github"
  std::vector<std::string> changed;    // "cursor/github: args, artifact.version"
  std::vector<std::string> unchanged;
  std::string baseline_path;
  bool cancelled = false;
};

Result<ApproveOutcome> Approve(const ApproveOptions& options, const Environment& env);

struct RevokeOptions {
  std::string root;
  std::vector<std::string> servers;  // names (every entry of that name) or full keys host/scope/name
  std::string host;                  // only entries of this host
  std::function<Result<std::string>()> passphrase;
};

// The entries removed ("cursor/user/github"); an error when none matched.
Result<std::vector<std::string>> Revoke(const RevokeOptions& options, const Environment& env);

// The key that signs for this user, asking for its passphrase when needed.
Result<signing::SecretKey> LoadSigningKey(const std::string& path,
                                          const std::function<Result<std::string>()>& passphrase);

// Who is approving: $USER, else the account name.
std::string Approver(const Environment& env);

}  // namespace mcpguard::app

// Drift: what differs between the approved baseline and what is configured
// now, how dangerous it is and what to do about it. Pure: values in, values
// out, no I/O. Two stable rule families:
//
//   MCPG-DRIFT-001 unapproved-server     high     a server the baseline does not hold
//   MCPG-DRIFT-002 approved-server-gone  low      an approved server no longer configured
//   MCPG-DRIFT-003 launch-changed        high     command, args, cwd, transport or url (same origin);
//                                        medium   env or headers (names, values)
//   MCPG-DRIFT-004 artifact-changed      medium   version, installed version; high: the same version's
//                                                 content (sha256, tree hash, integrity) or image digest
//   MCPG-DRIFT-005 surface-changed       high     a tool/prompt/resource description or instructions text;
//                                        medium   an item added, another part (schema) changed; low: removed
//   MCPG-DRIFT-006 credential-added      medium
//   MCPG-DRIFT-007 credential-removed    info
//   MCPG-DRIFT-008 credential-rotated    low      same place, another fingerprint
//   MCPG-DRIFT-009 consent-widened       high     autoApprove gained tools; critical: "*" or trust;
//                                                 medium: switched back on (enabled false -> true)
//
//   MCPG-REDIRECT-001 remote-origin-changed  critical  the URL's scheme, host or port changed
//   MCPG-REDIRECT-002 remote-plain-http      critical  ... to plain http
//   MCPG-REDIRECT-003 remote-raw-ip          critical  ... to a raw IP address
//   MCPG-REDIRECT-004 remote-tunnel-host     critical  ... to a tunnel, dynamic DNS or paste host
//   MCPG-REDIRECT-005 package-swapped        critical  another package: name, swapped scope, look-alike
//   MCPG-REDIRECT-006 command-path-changed   critical  the command or script resolves to another path
//   MCPG-REDIRECT-007 bridge-retargeted      critical  an mcp-remote style bridge's target URL changed origin
//   MCPG-REDIRECT-008 endpoint-env-redirect  critical  a vendor base-URL env var added or changed off the vendor
//   MCPG-REDIRECT-009 proxy-or-ca-env        critical  a proxy or certificate-authority env var added or changed
//   MCPG-REDIRECT-010 renamed-or-copied      info (renamed) / medium (copied): an approved launch under a new name
//
// A change a redirect explains is not reported again as a launch or artifact
// change. Evidence is built from redacted forms only (the snapshot's
// redacted args and URL, "<credential>" for secret values, fingerprints).
#pragma once

#include <string>
#include <vector>

#include "model/baseline.h"
#include "model/finding.h"
#include "model/snapshot.h"
#include "rules/redirects.h"

namespace mcpguard::drift {

enum class Class {
  kUnapproved,
  kGone,
  kLaunch,
  kArtifact,
  kSurface,
  kCredentialAdded,
  kCredentialRemoved,
  kCredentialRotated,
  kConsent,
  kRemoteOrigin,
  kRemoteHttp,
  kRemoteIp,
  kRemoteTunnel,
  kPackage,
  kCommandPath,
  kBridge,
  kEndpointEnv,
  kProxyEnv,
  kRenamed,
};

struct RuleInfo {
  const char* id;    // "MCPG-DRIFT-001"
  const char* name;  // "unapproved-server"
};
RuleInfo Rule(Class c);

struct DriftItem {
  Class cls = Class::kLaunch;
  model::Severity severity = model::Severity::kMedium;
  std::string key;     // the baseline key: "cursor/user/github"
  std::string host;
  std::string server;  // name
  // What changed: "args", "url", "env.ANTHROPIC_BASE_URL", "artifact.name",
  // "artifact.tree_sha256", "tool/read_file.description", "credentials.env.API_TOKEN",
  // "auto_approve"; "" for a whole server (unapproved, gone, renamed).
  std::string field;
  std::string before;  // redacted; "" when absent
  std::string after;
  std::string word_diff;  // texts: "[-old-]{+new+}" (word_diff.h); "" otherwise
  std::string detail;     // why it is judged so: "tunnel host", "look-alike scope @modelcontextprotocoI"
  std::string config_path;
  model::SourcePos pos;
};

struct Options {
  // The home of the scan: paths under it compare as "~".
  std::string home;
  // Hosts that were scanned (empty: all). Approved servers of other hosts
  // are not "gone": nobody looked.
  std::vector<std::string> hosts;
  // Tunnel/paste hosts and endpoint env names; nullptr: none known.
  const rules::RedirectRules* redirects = nullptr;
};

// Sorted most severe first, then by server key and field.
std::vector<DriftItem> Items(const model::Baseline& baseline, const model::Snapshot& current,
                             const model::Snapshot* previous, const Options& options);

model::Finding ToFinding(const DriftItem& item);

// Items(...) as findings.
std::vector<model::Finding> Compare(const model::Baseline& baseline, const model::Snapshot& current,
                                    const model::Snapshot* previous, const Options& options);

}  // namespace mcpguard::drift

// The approved state (mcpguard.baseline/1, see mcpguard-baseline(5)): each
// approved server's identity, launch spec, config digest, artifact pin,
// credential fingerprints. Portable: paths under the home are written with
// "~", so one baseline verifies on every machine of a fleet. No secret is
// ever in it: credentials are fingerprints, env and header values that hold
// one are replaced by "<credential>".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "model/surface.h"

namespace mcpguard::model {

inline constexpr const char* kBaselineSchema = "mcpguard.baseline/1";

struct ArtifactPin {
  std::string kind;
  std::string name;
  std::string version;   // requested
  std::string pin;
  bool pinned = false;
  std::string digest;
  std::string remote_url;
  std::string installed_version;
  std::string integrity;
  std::string sha256;
  std::string tree_sha256;
};

struct ApprovedServer {
  // Identity.
  std::string host;
  std::string scope;
  std::string name;
  std::string project;  // "~/src/shop"; "" for user/managed scope
  // Launch spec.
  std::string transport;
  std::string command;
  std::vector<std::string> args;               // redacted
  std::string cwd;
  std::map<std::string, std::string> env;      // name -> value, "<credential>" or the reference
  std::string url;                             // redacted
  std::map<std::string, std::string> headers;  // as env
  std::optional<bool> enabled;
  std::string config_digest;  // "sha256:<hex>" of the launch spec's canonical JSON
  std::optional<ArtifactPin> artifact;
  std::vector<std::string> credentials;  // fingerprints, sorted
  // Where each one was ("env.GITHUB_TOKEN" -> "fp:..."), so drift tells a
  // rotated credential from an added one. Empty in baselines made before.
  std::map<std::string, std::string> credential_sources;
  // Consent settings: tools the host runs without asking ("*": all), and
  // Gemini's "trust". Outside the launch spec (config_digest) on purpose.
  std::vector<std::string> auto_approve;
  bool trust = false;
  // What it served when approved (from a probe); nullopt: never probed, so
  // the surface is not enforced (the exec guard records it as pending).
  std::optional<Surface> surface;
  std::string approved_at;   // RFC 3339
  std::string approved_by;

  // "cursor/user/github" or "claude-code/project/~/src/shop/db".
  std::string Key() const;
};

struct Baseline {
  std::string updated_at;
  std::vector<ApprovedServer> servers;  // sorted by Key()

  const ApprovedServer* Find(const std::string& key) const;
};

void to_json(nlohmann::json& j, const ArtifactPin& a);
void from_json(const nlohmann::json& j, ArtifactPin& a);
void to_json(nlohmann::json& j, const ApprovedServer& s);
void from_json(const nlohmann::json& j, ApprovedServer& s);
void to_json(nlohmann::json& j, const Baseline& b);
void from_json(const nlohmann::json& j, Baseline& b);

// The launch spec of `s` as canonical JSON (sorted keys, no whitespace): what
// config_digest hashes.
std::string CanonicalLaunchSpec(const ApprovedServer& s);

}  // namespace mcpguard::model

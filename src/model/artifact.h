// What actually runs when a host starts a server: the package, image,
// script or binary behind its command line, and the hashes that pin it.
// Portable by design: names, versions and digests, with machine-specific
// paths kept apart (path) so pins compare across machines.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace mcpguard::model {

struct Artifact {
  // npm (npx, npm exec, pnpm dlx, yarn dlx, bunx), pypi (uvx, uv tool run,
  // pipx run), docker (docker/podman run), script (node/python/deno/bun/...
  // + a file), jar (java -jar), binary (an executable), remote (mcp-remote
  // and friends: the real endpoint is a URL), url (an http/sse server),
  // unknown.
  std::string kind;
  std::string launcher;       // the runner as written: "npx", "uvx", "docker", "node", "sh -c"...
  std::string spec;           // the package spec / image reference / script as written
  std::string name;           // package or image name without version
  std::string version;        // requested version, tag or "" (bare)
  // exact (a fixed version or digest), range, tag (latest, next, an image
  // tag), bare (no version), git, url (a tarball or git URL), file (a local
  // path), none (nothing to pin: a remote server).
  std::string pin;
  bool pinned = false;        // exact, git with a full commit SHA, or an image digest
  std::string digest;         // docker image digest "sha256:..."
  std::string remote_url;     // mcp-remote's target, for kind remote
  std::vector<std::string> flags;  // runner flags that matter: "--privileged", "-v /:/host", "--registry x"
  std::string wrapper;        // "sh -c" when the launch goes through a shell wrapper
  // Resolved on this machine (not portable):
  std::string path;           // the file or directory that runs
  std::string installed_version;  // what the cache holds (npx package-lock, dist-info)
  std::string integrity;      // npm lockfile integrity (sha512-...) of the top package
  std::string sha256;         // of the binary, script or jar; hex
  std::string tree_sha256;    // of the installed package directory; hex
  uint64_t files = 0;         // files in the tree
  std::string resolution;     // "resolved", "not installed", "not found", "unreadable: ..."
  // npx prefers a global install the spec accepts to its cache; for a spec
  // that is not an exact version, whether it does depends on the registry:
  // "name@version at <dir>" of the global copy that may run instead.
  std::string global_shadow;
};

void to_json(nlohmann::json& j, const Artifact& a);

}  // namespace mcpguard::model

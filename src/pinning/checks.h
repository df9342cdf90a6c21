// Launch findings for one stdio server (stable ids, MCPG-LAUNCH-*), from its
// parsed launch line (pinning/launch.h), its env and the package rules
// (signatures/packages.toml); threats.md §3, §4 (RG-*) and §6:
//   001 unpinned-package         medium   an npm/PyPI spec without an exact version: bare, range, dist-tag,
//                                         @latest, a git ref that is not a commit, uv --with extras
//   002 image-without-digest     medium   a docker/podman image by tag (a bare name is :latest)
//   003 container-host-access    critical --privileged, --use-api-socket, a mount of /, /etc, /root, the home,
//                                         ~/.ssh, ~/.aws... or the docker socket
//   004 container-isolation-off  high     host network/pid/ipc/uts/userns, --cap-add, an unconfined security
//                                         profile, --device, a port on every interface, a remote daemon
//   005 code-in-writable-dir     high     the command, script, jar or cwd in a temp or download directory
//                                         (/tmp, /var/tmp, /dev/shm, ~/Downloads, /private/var/folders, %TEMP%),
//                                         or, per PathFacts, writable by every user or owned by someone else
//   006 loader-injection-env     high     LD_PRELOAD, DYLD_*, NODE_OPTIONS --require/--import/--loader/--inspect,
//                                         PYTHONPATH, JAVA_TOOL_OPTIONS, BASH_ENV...: code loaded before the
//                                         server; critical when it points into a temp directory
//   007 traffic-interception-env high     HTTP(S)_PROXY/ALL_PROXY off this machine, an extra CA, TLS
//                                         verification off; critical when a remote proxy meets either
//   008 download-and-run         critical curl|wget ... | sh, eval "$(curl ...)", download then run, npx of a
//                                         tarball URL or a git spec without a commit, a remote deno/bun script
//   009 shell-wrapper            medium   sh -c, cmd /c, powershell -Command, inline code (node -e, python -c);
//                                         high for powershell -EncodedCommand
//   010 secret-file-in-args      critical ~/.ssh keys, ~/.aws/credentials, /proc/self/environ... on the command
//                                         line; high when only handed to the server as a path
//   011 registry-override        high     --registry, --index-url, --extra-index-url... (or their env vars)
//                                         pointing away from the public registry
//   012 known-malicious-package  critical a package and version listed in [[malicious]]
//   013 vulnerable-version       high     an affected version, or a floating spec of a package with affected
//                                         versions (a stale cache may hold one); critical entries stay critical
//                                         when the affected version is certain
//   014 lookalike-name           critical within Damerau-Levenshtein 2 of a well-known name, a look-alike
//                                         scope, or confusable characters (Cyrillic, capital I for l)
// Pure: reads the model only. Env values are compared, never copied: a
// message names the variable and at most a host.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/artifact.h"
#include "model/finding.h"
#include "model/snapshot.h"
#include "pinning/packages.h"

namespace mcpguard::pinning {

// What the caller learnt by stat-ing the file that runs (artifact.path).
struct PathFacts {
  bool world_writable = false;  // the file or a directory above it is writable by every user
  bool other_owner = false;     // owned by neither the user nor root
};

// `facts` is nullptr when the file was not examined.
std::vector<model::Finding> LaunchFindings(const model::ConfigFile& config, const model::Server& server,
                                           const model::Artifact& artifact, const PackageRules& packages,
                                           const PathFacts* facts = nullptr);

// The checks' building blocks, for drift (a changed name or path judged the
// same way as a new one). Why `name` imitates `known` ("look-alike scope
// @x", "edit distance 1", "confusable characters"), or "" when it does not.
std::string LookalikeReason(std::string_view ecosystem, std::string_view name, std::string_view known);
// A temporary or download directory, spelled any way a config might.
bool IsTempPath(std::string_view path);
bool IsLoopbackHost(std::string_view host);
// The lower-case host of a URL or "host:port", without userinfo or port.
std::string HostOfUrl(std::string_view value);

}  // namespace mcpguard::pinning

// What a stdio server's command line runs: the package, image, script or
// binary behind `command` + `args` (threats.md §6.6 steps 1-3). Pure: no I/O,
// nothing resolved on this machine (see model/artifact.h for the fields that
// resolution fills in later).
//
// Understood launchers:
//   npm    npx, npm exec, npm x, pnpm dlx, pnpx, yarn dlx, bunx, bun x
//          (npm-package-arg spec forms: name, @scope/name, name@1.2.3,
//          ranges, dist-tags, git+…#ref, github:u/r, u/r, https://….tgz,
//          file:/paths, npm:alias, alias@npm:real@1.2.3)
//   pypi   uvx, uv tool run, pipx run (pkg, pkg@1.2.3, pkg==1.2.3,
//          --from/--spec, ranges, @latest, git+…@ref, name @ url)
//   docker docker run, docker container run, podman run, nerdctl run
//   script node, python (-m module), deno run, bun run, ruby, perl, php,
//          tsx, ts-node, uv run, bash/sh + a file, powershell -File
//   jar    java -jar x.jar
//   remote mcp-remote, supergateway, mcp-proxy with a URL (the bridge
//          package's own name/version/pin are kept)
//   binary anything else
// Shell wrappers (sh/bash/zsh -c, cmd /c, powershell -Command) are split with
// shell quoting and parsed again; `wrapper` records the outermost one.
//
// Flags kept in Artifact::flags: those that change where code comes from
// (--registry, --userconfig, --index-url, -i, --extra-index-url, --find-links,
// --with, a remote docker daemon), where it is cached (--cache, --cache-dir),
// and container options that weaken isolation (--privileged, sensitive -v /
// --mount sources, host namespaces, --cap-add, unconfined --security-opt,
// --device, ports on every interface, --pull always), as written.
//
// Secrets: a spec, flag or URL that carries credentials in its userinfo has
// them replaced by "***", and a bridge's remote_url drops its query and
// fragment (where API keys usually sit); inline code (node -e, python -c) is
// not copied. Other server args are never copied into the Artifact.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/artifact.h"

namespace mcpguard::pinning {

model::Artifact ParseLaunch(const std::string& command, const std::vector<std::string>& args);

// "C:\\Program Files\\nodejs\\npx.cmd" -> "npx": the basename, lower case,
// without a Windows executable extension (.exe .cmd .bat .com .ps1).
std::string CommandName(std::string_view command);

// The words of a shell command line with POSIX quoting ('…', "…", \x);
// operators (&& || | ; & newline) come back as words of their own, and
// $(…) / `…` stay inside the word they belong to. With `windows`, a
// backslash is an ordinary character (cmd.exe and PowerShell paths).
std::vector<std::string> SplitCommandLine(std::string_view text, bool windows = false);

// One package spec, as the runners read it: fills spec, name, version, pin
// and pinned (kind is "npm" or "pypi").
model::Artifact ParseNpmSpec(std::string_view spec);
model::Artifact ParsePypiSpec(std::string_view spec);

// "npm", "pypi", "docker" or "" for what the artifact installs from a
// registry (a remote bridge run by npx is an npm package).
std::string_view ArtifactEcosystem(const model::Artifact& artifact);

// The flag's name: "--net=host" -> "--net", "-v /:/host" -> "-v".
std::string_view FlagName(std::string_view flag);
// The flag's value: "--net=host" -> "host", "-v /:/host" -> "/:/host".
std::string_view FlagValue(std::string_view flag);

}  // namespace mcpguard::pinning

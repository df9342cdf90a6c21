#include "probe/sandbox.h"

#include <unistd.h>

#include <algorithm>

#include "base/file.h"
#include "base/path.h"
#include "base/text.h"

namespace mcpguard::probe {
namespace {

bool Under(const std::string& path, const std::string& dir) {
  return !dir.empty() && dir != "/" && (path == dir || StartsWith(path, dir + "/"));
}

// The install a command belongs to: ~/.nvm/versions/node/v22/bin/npx needs
// all of ~/.nvm/versions/node/v22 (npx is a symlink into its lib/).
std::string InstallRoot(const std::string& command_path) {
  const std::string dir = Dirname(command_path);
  return Basename(dir) == "bin" ? Dirname(dir) : dir;
}

// What a script needs besides itself: node resolves its imports from the
// node_modules of the nearest ancestor that has one, so that ancestor comes
// back whole; a script outside any package brings back its own directory.
// The search stops at the home and at the hidden roots: neither comes back.
std::string PackageRoot(const std::string& script, const std::string& home) {
  for (std::string dir = Dirname(script); dir.size() > 1 && dir != home && dir != "/tmp" && dir != "/run/user";
       dir = Dirname(dir)) {
    if (IsDirectory(JoinPath(dir, "node_modules"))) return dir;
  }
  return Dirname(script);
}

// "--root=/a/b" -> "/a/b"; "/a/b" -> "/a/b"; anything else -> "".
std::string PathIn(const std::string& arg) {
  const size_t eq = arg.find('=');
  std::string candidate = StartsWith(arg, "-") && eq != std::string::npos ? arg.substr(eq + 1) : arg;
  return IsAbsolutePath(candidate) ? CleanPath(candidate) : std::string();
}

}  // namespace

std::string FindBwrap(const std::string& path_var) {
  for (const std::string& dir : Split(path_var, ':')) {
    if (dir.empty()) continue;
    const std::string candidate = JoinPath(dir, "bwrap");
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

std::vector<std::string> SandboxArgv(const SandboxSpec& spec) {
  const std::string home = CleanPath(spec.home);
  // What is hidden: the home, /tmp (other programs' files, our own temp
  // files) and the user's runtime dir (agent sockets: ssh, gpg, keyrings).
  const std::vector<std::string> hidden = {home, "/tmp", "/run/user"};
  // Below a hidden root, never the root itself: an argument "~" must not
  // bring the whole home back (the server sees an empty one).
  auto hidden_path = [&](const std::string& p) {
    if (std::find(hidden.begin(), hidden.end(), p) != hidden.end() || Under(home, p)) return false;
    return std::any_of(hidden.begin(), hidden.end(), [&](const std::string& h) { return Under(p, h); });
  };

  std::vector<std::string> ro;
  if (hidden_path(spec.command_path)) ro.push_back(InstallRoot(spec.command_path));
  for (const std::string& arg : spec.args) {
    const std::string p = PathIn(arg);
    if (p.empty() || !hidden_path(p) || !Exists(p)) continue;
    ro.push_back(p);
    // A script file: the package it imports from, when that is hidden too.
    if (!IsDirectory(p)) {
      const std::string root = PackageRoot(p, home);
      if (root != p && hidden_path(root)) ro.push_back(root);
    }
  }
  if (hidden_path(spec.cwd) && IsDirectory(spec.cwd)) ro.push_back(spec.cwd);
  // What a launcher writes to when it fetches a package.
  std::vector<std::string> rw;
  for (const char* cache : {".npm", ".cache/uv", ".local/share/uv"}) {
    const std::string dir = JoinPath(home, cache);
    if (IsDirectory(dir)) rw.push_back(dir);
  }

  std::vector<std::string> argv = {spec.bwrap,     "--ro-bind",      "/",           "/",          "--dev",
                                   "/dev",         "--proc",         "/proc",       "--tmpfs",    "/tmp",
                                   "--unshare-pid", "--unshare-ipc", "--die-with-parent", "--cap-drop", "ALL"};
  if (IsDirectory("/run/user")) argv.insert(argv.end(), {"--tmpfs", "/run/user"});
  if (Under(home, "/tmp")) argv.insert(argv.end(), {"--dir", home});
  else if (!home.empty() && home != "/") argv.insert(argv.end(), {"--tmpfs", home});
  // Binds are applied in order, so the hidden mounts above come first.
  for (const std::string& p : rw) argv.insert(argv.end(), {"--bind", p, p});
  for (const std::string& p : ro) argv.insert(argv.end(), {"--ro-bind", p, p});
  argv.insert(argv.end(), {"--chdir", spec.cwd.empty() ? home : spec.cwd, "--", spec.command_path});
  argv.insert(argv.end(), spec.args.begin(), spec.args.end());
  return argv;
}

}  // namespace mcpguard::probe

#include "pinning/launch.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <utility>

#include "base/text.h"

namespace mcpguard::pinning {
namespace {

using model::Artifact;
using Words = std::vector<std::string>;

// Wrappers inside wrappers (cmd /c bash -c "sh -c …") stop here: deeper
// nesting is no longer a real launch line, and the recursion must be bounded.
constexpr int kMaxDepth = 4;

bool OneOf(std::initializer_list<std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool IsHex(std::string_view s, size_t length) {
  if (s.size() != length) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return IsDigit(c) || (c >= 'a' && c <= 'f'); });
}

bool IsCommitSha(std::string_view s) { return IsHex(ToLower(s), 40); }

bool HasScheme(std::string_view s, std::initializer_list<std::string_view> schemes) {
  const std::string lower = ToLower(s.substr(0, 16));
  return std::any_of(schemes.begin(), schemes.end(), [&](std::string_view p) { return StartsWith(lower, p); });
}

bool IsHttpUrl(std::string_view s) { return HasScheme(s, {"http://", "https://"}); }
bool IsBridgeUrl(std::string_view s) { return HasScheme(s, {"http://", "https://", "ws://", "wss://"}); }

// Credentials in a URL's userinfo ("https://ghp_x@github.com/…",
// "https://u:p@registry/") become "***"; "git@github.com" over ssh is a
// user name, not a secret, and stays.
std::string RedactUserinfo(std::string_view s) {
  const size_t scheme = s.find("://");
  if (scheme == std::string_view::npos) return std::string(s);
  const size_t start = scheme + 3;
  const size_t end = std::min(s.size(), s.find_first_of("/?#", start));
  const size_t at = s.substr(0, end).rfind('@');
  if (at == std::string_view::npos || at < start) return std::string(s);
  const std::string_view userinfo = s.substr(start, at - start);
  const bool http = HasScheme(s, {"http", "git+http"});
  if (!http && userinfo.find(':') == std::string_view::npos) return std::string(s);
  return std::string(s.substr(0, start)) + "***" + std::string(s.substr(at));
}

// A bridge's target as recorded: no credentials, no query or fragment (API
// keys often ride in "?api_key=").
std::string SanitizeRemoteUrl(std::string_view url) {
  const size_t cut = url.find_first_of("?#");
  return RedactUserinfo(url.substr(0, cut));
}

struct Flag {
  std::string name;     // "--net", "-v"
  std::string value;    // "" when the flag has none
  std::string written;  // as recorded: "--net=host", "-v /:/host"
};

// Reads one option at w[i] ("--name=value", "--name value" when `takes`
// says the flag has a value, or a boolean), advancing i past its value.
Flag ReadLongFlag(const Words& w, size_t& i, bool (*takes)(std::string_view)) {
  const std::string& arg = w[i];
  const size_t eq = arg.find('=');
  Flag f;
  if (eq != std::string::npos) {
    f.name = arg.substr(0, eq);
    f.value = arg.substr(eq + 1);
    f.written = arg;
  } else if (takes(arg) && i + 1 < w.size()) {
    f.name = arg;
    f.value = w[++i];
    f.written = arg + " " + f.value;
  } else {
    f.name = f.written = arg;
  }
  return f;
}

// Copies what a spec parser found into the artifact being built.
void TakeSpec(Artifact& a, const Artifact& spec) {
  a.spec = spec.spec;
  a.name = spec.name;
  a.version = spec.version;
  a.pin = spec.pin;
  a.pinned = spec.pinned;
}

Artifact Unknown(std::string launcher) {
  Artifact a;
  a.kind = "unknown";
  a.launcher = std::move(launcher);
  return a;
}

Artifact Parse(const Words& w, int depth);

// ---- bridges to remote servers (RG-PROXYSRV) ---------------------------------

bool IsBridge(std::string_view name) { return OneOf({"mcp-remote", "supergateway", "mcp-proxy"}, name); }

// The first URL among the bridge's own args: "https://x/sse", or the value
// of "--sse=https://…" / "--sse https://…".
std::string BridgeUrl(const Words& w, size_t from) {
  for (size_t i = from; i < w.size(); ++i) {
    if (IsBridgeUrl(w[i])) return SanitizeRemoteUrl(w[i]);
    const size_t eq = w[i].find('=');
    if (StartsWith(w[i], "-") && eq != std::string::npos && IsBridgeUrl(std::string_view(w[i]).substr(eq + 1))) {
      return SanitizeRemoteUrl(std::string_view(w[i]).substr(eq + 1));
    }
  }
  return "";
}

// A package run through a bridge becomes kind remote, keeping the bridge's
// own package identity: mcp-remote is still code from the registry.
void MarkBridge(Artifact& a, const Words& w, size_t rest) {
  if (!IsBridge(a.name)) return;
  std::string url = BridgeUrl(w, rest);
  if (url.empty()) return;
  a.kind = "remote";
  a.remote_url = std::move(url);
}

// ---- npm specs (npm-package-arg) ---------------------------------------------

// One comparator of a node-semver range: [op][v]N[.N[.N]][-pre][+build]
// where N may be x, X or *.
bool IsSemverComparator(std::string_view c) {
  for (std::string_view op : {">=", "<=", "~>", ">", "<", "=", "^", "~"}) {
    if (StartsWith(c, op)) {
      c.remove_prefix(op.size());
      break;
    }
  }
  if (!c.empty() && (c[0] == 'v' || c[0] == '=')) c.remove_prefix(1);
  if (c.empty()) return false;
  const size_t suffix = c.find_first_of("-+");
  const std::string_view core = c.substr(0, suffix);
  const std::vector<std::string> parts = Split(core, '.');
  if (parts.size() > 3) return false;
  for (const std::string& p : parts) {
    const bool wild = p == "x" || p == "X" || p == "*";
    if (!wild && (p.empty() || !std::all_of(p.begin(), p.end(), IsDigit))) return false;
  }
  if (suffix == std::string_view::npos) return true;
  const std::string_view tail = c.substr(suffix + 1);
  return !tail.empty() && std::all_of(tail.begin(), tail.end(), [](char ch) {
    return IsAlnum(ch) || ch == '.' || ch == '-' || ch == '+';
  });
}

bool IsSemverRange(std::string_view v) {
  std::string spaced(v);
  std::replace(spaced.begin(), spaced.end(), '\t', ' ');
  bool any = false;
  for (const std::string& word : Split(spaced, ' ')) {
    if (word.empty() || word == "||" || word == "-") continue;
    if (!IsSemverComparator(word)) return false;
    any = true;
  }
  return any;
}

bool IsExactSemver(std::string_view v) {
  if (!v.empty() && (v[0] == 'v' || v[0] == '=')) v.remove_prefix(1);
  if (v.empty() || !IsDigit(v[0]) || !IsSemverComparator(v)) return false;
  const std::string_view core = v.substr(0, v.find_first_of("-+"));
  const std::vector<std::string> parts = Split(core, '.');
  return parts.size() == 3 && std::none_of(parts.begin(), parts.end(), [](const std::string& p) {
           return p == "x" || p == "X" || p == "*";
         });
}

std::string NpmVersionPin(std::string_view version) {
  if (version.empty()) return "bare";
  if (IsExactSemver(version)) return "exact";
  if (IsSemverRange(version)) return "range";
  return "tag";
}

bool IsWindowsDrivePath(std::string_view s) {
  return s.size() >= 3 && std::isalpha(static_cast<unsigned char>(s[0])) && s[1] == ':' && (s[2] == '\\' || s[2] == '/');
}

bool IsLocalPath(std::string_view s) {
  return StartsWith(s, "file:") || StartsWith(s, "./") || StartsWith(s, "../") || StartsWith(s, "/") ||
         StartsWith(s, "~/") || StartsWith(s, ".\\") || StartsWith(s, "..\\") || StartsWith(s, "\\\\") ||
         s == "." || s == ".." || IsWindowsDrivePath(s);
}

// GitHub shorthand "user/repo[#ref]" (npm-package-arg): one slash, no scope,
// no version.
bool IsGithubShorthand(std::string_view s) {
  const std::string_view path = s.substr(0, s.find('#'));
  if (path.empty() || path[0] == '@' || path[0] == '.' || path[0] == '-') return false;
  if (std::count(path.begin(), path.end(), '/') != 1 || path.back() == '/' || path.front() == '/') return false;
  return path.find_first_of("@:% \\") == std::string_view::npos;
}

bool IsNpmGitSpec(std::string_view s) {
  return HasScheme(s, {"git+", "git://", "github:", "gitlab:", "bitbucket:", "gist:"}) || IsGithubShorthand(s);
}

Artifact NpmGit(Artifact a, std::string_view s) {
  const size_t hash = s.find('#');
  a.name = RedactUserinfo(s.substr(0, hash));
  a.version = hash == std::string_view::npos ? "" : std::string(s.substr(hash + 1));
  a.pin = "git";
  a.pinned = IsCommitSha(a.version);
  return a;
}

// ---- PyPI specs (PEP 508 / PEP 440, uv and pipx forms) ---------------------

bool IsPep440Exact(std::string_view v) {
  if (!v.empty() && (v[0] == 'v' || v[0] == 'V')) v.remove_prefix(1);
  if (v.empty() || !IsDigit(v[0])) return false;
  return std::all_of(v.begin(), v.end(), [](char c) { return IsAlnum(c) || c == '.' || c == '-' || c == '_' || c == '+' || c == '!'; });
}

// "git+https://host/o/r.git@ref#egg=x": the ref follows the last '@' of the
// path (an '@' in the authority is a user name).
Artifact PypiGit(Artifact a, std::string_view url) {
  url = url.substr(0, url.find('#'));
  const size_t scheme = url.find("://");
  const size_t path = scheme == std::string_view::npos ? 0 : url.find('/', scheme + 3);
  const size_t at = path == std::string_view::npos ? std::string_view::npos : url.rfind('@');
  const bool has_ref = at != std::string_view::npos && at > path;
  if (a.name.empty()) a.name = RedactUserinfo(has_ref ? url.substr(0, at) : url);
  a.version = has_ref ? std::string(url.substr(at + 1)) : "";
  a.pin = "git";
  a.pinned = IsCommitSha(a.version);
  return a;
}

bool IsArchiveName(std::string_view s) {
  const std::string lower = ToLower(s);
  return EndsWith(lower, ".whl") || EndsWith(lower, ".tar.gz") || EndsWith(lower, ".zip") || EndsWith(lower, ".tgz");
}

// A direct reference: git, an archive URL or a local path.
Artifact PypiDirect(Artifact a, std::string_view target) {
  if (HasScheme(target, {"git+"})) return PypiGit(std::move(a), target);
  if (a.name.empty()) a.name = RedactUserinfo(target);
  a.pin = IsHttpUrl(target) ? "url" : "file";
  return a;
}

std::string_view PypiName(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && (IsAlnum(s[n]) || s[n] == '.' || s[n] == '-' || s[n] == '_')) ++n;
  return s.substr(0, n);
}

// What follows the name (and extras): "@1.2.3", "@latest", "==1.2.3",
// ">=1,<2", or nothing.
void PypiVersion(Artifact& a, std::string_view rest) {
  rest = Trim(rest);
  if (rest.empty()) {
    a.pin = "bare";
  } else if (rest[0] == '@') {
    a.version = std::string(Trim(rest.substr(1)));
    a.pin = a.version == "latest" || !IsPep440Exact(a.version) ? "tag" : "exact";
  } else {
    const size_t eqs = StartsWith(rest, "===") ? 3 : StartsWith(rest, "==") ? 2 : 0;
    const std::string_view exact = Trim(rest.substr(eqs));
    if (eqs > 0 && exact.find_first_of("*,;<>!~") == std::string_view::npos && IsPep440Exact(exact)) {
      a.version = std::string(exact);
      a.pin = "exact";
    } else {
      a.version = std::string(rest);
      a.pin = "range";
    }
  }
  a.pinned = a.pin == "exact";
}

// ---- npm-style runners: npx, npm exec, pnpm dlx, yarn dlx, bunx -------------

// npm options that take a value as "--name value"; npm (nopt) reads any
// other flag written without "=" as a boolean.
bool NpmTakesValue(std::string_view name) {
  return OneOf({"--package", "-p", "--call", "-c", "--registry", "--cache", "--userconfig", "--globalconfig",
                "--prefix", "--workspace", "-w", "--loglevel", "--node-options", "--script-shell", "--shell",
                "--before", "--tag", "--scope", "--proxy", "--https-proxy", "--noproxy", "--ca", "--cafile", "--cert",
                "--key", "--otp", "--auth-type", "--cache-dir", "--store-dir", "--dir", "-C", "--allow-build",
                "--filter", "--config", "--cwd"},
               name);
}

bool PnpmTakesValue(std::string_view name) { return name != "-c" && NpmTakesValue(name); }

// Flags that change where the package comes from (RG-NPX).
bool IsNpmSourceFlag(std::string_view name) {
  return name == "--registry" || name == "--userconfig" || name == "--globalconfig" || EndsWith(name, ":registry");
}

Artifact ParseNpmRunner(std::string launcher, const Words& w, size_t i, int depth) {
  const bool pnpm = launcher == "pnpm dlx";
  Artifact a;
  a.kind = "npm";
  a.launcher = std::move(launcher);
  std::string package, call;
  for (; i < w.size(); ++i) {
    if (w[i] == "--") {
      ++i;
      break;
    }
    if (w[i].size() < 2 || w[i][0] != '-') break;
    const Flag f = ReadLongFlag(w, i, pnpm ? PnpmTakesValue : NpmTakesValue);
    if ((f.name == "--package" || f.name == "-p") && package.empty()) package = f.value;
    if ((f.name == "--call" || f.name == "-c") && !pnpm) call = f.value;
    // --cache moves the npx cache: resolution must look there.
    if (IsNpmSourceFlag(f.name) || f.name == "--cache") a.flags.push_back(RedactUserinfo(f.written));
  }
  if (package.empty() && i >= w.size() && !call.empty() && depth < kMaxDepth) {
    // "npx -c 'cmd …'": a shell line run with the local bins on PATH.
    Artifact inner = Parse(SplitCommandLine(call), depth + 1);
    if (inner.wrapper.empty()) inner.wrapper = a.launcher + " -c";
    return inner;
  }
  if (package.empty() && i >= w.size()) return Unknown(a.launcher);
  TakeSpec(a, ParseNpmSpec(package.empty() ? std::string_view(w[i]) : std::string_view(package)));
  // With --package, w[i] is the bin to run; either way the bridge's args follow.
  MarkBridge(a, w, i + 1);
  return a;
}

// ---- uvx / uv tool run / pipx run ---------------------------------------------

bool UvTakesValue(std::string_view name) {
  return OneOf({"--from", "--with", "--with-editable", "--with-requirements", "--python", "-p", "--index-url", "-i",
                "--extra-index-url", "--index", "--default-index", "--find-links", "-f", "--index-strategy",
                "--keyring-provider", "--cache-dir", "--directory", "--project", "--config-file",
                "--refresh-package", "--reinstall-package", "--upgrade-package", "-P", "--constraints", "-c",
                "--overrides", "--build-constraints", "-b", "--exclude-newer", "--resolution", "--prerelease",
                "--fork-strategy", "--config-setting", "-C", "--no-build-isolation-package", "--link-mode", "--color",
                "--allow-insecure-host", "--env-file", "--python-platform", "--torch-backend", "--no-binary-package",
                "--only-binary-package", "--spec", "--pip-args", "--suffix", "--extra", "--group", "--package",
                "--exclude-newer-package", "--only-group", "--no-group"},
               name);
}

// Flags that change where packages come from, or add packages (RG-UVX).
bool IsPypiSourceFlag(std::string_view name) {
  return OneOf({"--index-url", "-i", "--extra-index-url", "--index", "--default-index", "--find-links", "-f",
                "--pip-args", "--allow-insecure-host"},
               name);
}

Artifact ParsePypiRunner(std::string launcher, const Words& w, size_t i) {
  Artifact a;
  a.kind = "pypi";
  a.launcher = std::move(launcher);
  std::string from;
  for (; i < w.size(); ++i) {
    if (w[i] == "--") {
      ++i;
      break;
    }
    if (w[i].size() < 2 || w[i][0] != '-') break;
    const Flag f = ReadLongFlag(w, i, UvTakesValue);
    if (f.name == "--from" || f.name == "--spec") from = f.value;
    if (IsPypiSourceFlag(f.name) || f.name == "--with" || f.name == "--cache-dir") a.flags.push_back(RedactUserinfo(f.written));
  }
  if (from.empty() && i >= w.size()) return Unknown(a.launcher);
  TakeSpec(a, ParsePypiSpec(from.empty() ? std::string_view(w[i]) : std::string_view(from)));
  MarkBridge(a, w, i + 1);
  return a;
}

// ---- docker run / podman run ----------------------------------------------------

bool DockerTakesValue(std::string_view name) {
  return OneOf({"-a", "--attach", "--add-host", "--annotation", "--blkio-weight", "--blkio-weight-device", "--cap-add",
                "--cap-drop", "--cgroup-parent", "--cgroupns", "--cidfile", "--cpu-period", "--cpu-quota",
                "--cpu-rt-period", "--cpu-rt-runtime", "-c", "--cpu-shares", "--cpus", "--cpuset-cpus",
                "--cpuset-mems", "--detach-keys", "--device", "--device-cgroup-rule", "--device-read-bps",
                "--device-read-iops", "--device-write-bps", "--device-write-iops", "--dns", "--dns-option",
                "--dns-opt", "--dns-search", "--domainname", "--entrypoint", "-e", "--env", "--env-file", "--expose",
                "--gpus", "--group-add", "--health-cmd", "--health-interval", "--health-retries",
                "--health-start-interval", "--health-start-period", "--health-timeout", "-h", "--hostname", "--ip",
                "--ip6", "--ipc", "--isolation", "--kernel-memory", "-l", "--label", "--label-file", "--link",
                "--link-local-ip", "--log-driver", "--log-opt", "--mac-address", "-m", "--memory",
                "--memory-reservation", "--memory-swap", "--memory-swappiness", "--mount", "--name", "--network",
                "--net", "--network-alias", "--net-alias", "--oom-score-adj", "--pid", "--pids-limit", "--platform",
                "-p", "--publish", "--pull", "--restart", "--runtime", "--security-opt", "--shm-size", "--stop-signal",
                "--stop-timeout", "--storage-opt", "--sysctl", "--tmpfs", "--ulimit", "-u", "--user", "--userns",
                "--uts", "-v", "--volume", "--volume-driver", "--volumes-from", "-w", "--workdir",
                // podman and nerdctl
                "--arch", "--os", "--variant", "--authfile", "--cert-dir", "--creds", "--decryption-key",
                "--hostuser", "--init-path", "--passwd-entry", "--personality", "--pidfile", "--pod", "--pod-id-file",
                "--preserve-fds", "--requires", "--sdnotify", "--seccomp-policy", "--secret", "--subgidname",
                "--subuidname", "--timeout", "--tz", "--uidmap", "--gidmap", "--umask", "--unsetenv", "--chrootdirs",
                "--conmon-pidfile", "--group-entry", "--hosts-file", "--retry", "--retry-delay", "--cgroup-conf",
                "--cgroups", "--image-volume", "--log-level", "--mount-propagation"},
               name);
}

bool DockerShortTakesValue(char c) { return std::string_view("acehlmpuvw").find(c) != std::string_view::npos; }

// The user's home in a mount source, spelled any way: "~", "$HOME",
// "${HOME}", "%USERPROFILE%", "/home/u", "/Users/u".
std::string HomeRelative(std::string path) {
  std::replace(path.begin(), path.end(), '\\', '/');
  for (std::string_view home : {"${HOME}", "$HOME", "%USERPROFILE%", "$env:USERPROFILE", "${env:HOME}", "${userHome}"}) {
    if (StartsWith(path, home)) return "~" + path.substr(home.size());
  }
  for (std::string_view root : {"/home/", "/Users/"}) {
    if (!StartsWith(path, root)) continue;
    const size_t user_end = path.find('/', root.size());
    return "~" + (user_end == std::string::npos ? std::string() : path.substr(user_end));
  }
  return path;
}

// Host paths that hand the container the machine or the user's secrets.
bool IsSensitiveHostPath(std::string_view source) {
  std::string s = HomeRelative(std::string(source));
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  if (s.size() <= 3 && s.size() >= 2 && std::isalpha(static_cast<unsigned char>(s[0])) && s[1] == ':') return true;
  if (OneOf({"/", "/etc", "/root", "/home", "/Users", "/var/run/docker.sock", "/run/docker.sock", "/var/run", "/run",
             "/proc", "/sys", "/dev", "/boot", "/var/lib/docker", "/etc/shadow", "/etc/sudoers", "/private/etc", "~",
             "//var/run/docker.sock", "/run/podman/podman.sock"},
            s)) {
    return true;
  }
  for (std::string_view secret : {"~/.ssh", "~/.aws", "~/.gnupg", "~/.kube", "~/.docker", "~/.config/gcloud",
                                  "~/.azure", "~/.npmrc", "~/.netrc", "~/.git-credentials", "~/.pypirc", "~/.config/gh",
                                  "~/Library/Keychains"}) {
    if (s == secret || StartsWith(s, std::string(secret) + "/")) return true;
  }
  return false;
}

// "-v SRC:DST[:opts]": SRC before the first ':' (after a drive letter).
bool IsSensitiveVolume(std::string_view value) {
  const size_t from = IsWindowsDrivePath(value) ? 2 : 0;
  const size_t colon = value.find(':', from);
  if (colon == std::string_view::npos) return false;  // an anonymous volume: no host path
  return IsSensitiveHostPath(value.substr(0, colon));
}

// "--mount type=bind,source=/,target=/host"
bool IsSensitiveMount(std::string_view value) {
  std::string type, source;
  for (const std::string& kv : Split(value, ',')) {
    const size_t eq = kv.find('=');
    const std::string key = ToLower(kv.substr(0, eq));
    const std::string v = eq == std::string::npos ? "" : kv.substr(eq + 1);
    if (key == "type") type = v;
    if (key == "source" || key == "src") source = v;
  }
  return type == "bind" && !source.empty() && IsSensitiveHostPath(source);
}

// "-p 8080:80" and "-p 0.0.0.0:8080:80" listen on every interface; "-p
// 127.0.0.1:8080:80" does not.
bool PublishesToAll(std::string_view value) {
  if (value.find(':') == std::string_view::npos) return true;  // "-p 80": a random host port, all interfaces
  if (value[0] == '[') return StartsWith(value, "[::]:");
  const std::vector<std::string> parts = Split(value, ':');
  if (parts.size() == 2) return true;
  return parts[0].empty() || parts[0] == "0.0.0.0" || parts[0] == "::";
}

bool IsTrue(std::string_view value) { return value.empty() || ToLower(value) != "false"; }

// Whether a docker run flag is one worth keeping in Artifact::flags.
bool DockerFlagMatters(const Flag& f) {
  const std::string& n = f.name;
  const std::string v = ToLower(f.value);
  if (n == "--privileged" || n == "--use-api-socket" || n == "-P" || n == "--publish-all") return IsTrue(v);
  if (n == "-v" || n == "--volume") return IsSensitiveVolume(f.value);
  if (n == "--mount") return IsSensitiveMount(f.value);
  if (n == "--network" || n == "--net" || n == "--pid" || n == "--ipc" || n == "--uts" || n == "--userns" ||
      n == "--cgroupns") {
    return v == "host";
  }
  if (n == "--cap-add" || n == "--device") return true;
  if (n == "--security-opt") {
    return v.find("unconfined") != std::string::npos || v.find("label=disable") != std::string::npos ||
           v.find("label:disable") != std::string::npos;
  }
  if (n == "-p" || n == "--publish") return PublishesToAll(f.value);
  if (n == "--pull") return v == "always";
  return false;
}

// A group of short flags ("-it", "-itv /:/x", "-eFOO=1"): booleans, then at
// most one flag that takes the rest of the word or the next one.
void ReadShortGroup(const Words& w, size_t& i, std::vector<Flag>& out) {
  const std::string& arg = w[i];
  for (size_t k = 1; k < arg.size(); ++k) {
    if (!DockerShortTakesValue(arg[k])) {
      out.push_back({std::string("-") + arg[k], "", std::string("-") + arg[k]});
      continue;
    }
    Flag f;
    f.name = std::string("-") + arg[k];
    if (k + 1 < arg.size()) {
      f.value = arg.substr(arg[k + 1] == '=' ? k + 2 : k + 1);
    } else if (i + 1 < w.size()) {
      f.value = w[++i];
    }
    f.written = k == 1 && k + 1 < arg.size() ? arg : f.name + " " + f.value;
    out.push_back(std::move(f));
    return;
  }
}

Artifact ParseImage(Artifact a, std::string_view ref) {
  a.spec = std::string(ref);
  const size_t at = ref.find('@');
  const std::string_view digest = at == std::string_view::npos ? std::string_view() : ref.substr(at + 1);
  const std::string_view repo = ref.substr(0, at);
  const size_t slash = repo.rfind('/');
  const size_t colon = repo.find(':', slash == std::string_view::npos ? 0 : slash + 1);
  a.name = std::string(repo.substr(0, colon));
  const std::string tag = colon == std::string_view::npos ? "" : std::string(repo.substr(colon + 1));
  if (StartsWith(digest, "sha256:") && IsHex(digest.substr(7), 64)) {
    a.digest = std::string(digest);
    a.version = tag;
    a.pin = "exact";
    a.pinned = true;
  } else {
    a.version = tag.empty() ? "latest" : tag;
    a.pin = "tag";
  }
  return a;
}

Artifact ParseDockerRun(Artifact a, const Words& w, size_t i) {
  for (; i < w.size(); ++i) {
    if (w[i] == "--") {
      ++i;
      break;
    }
    if (w[i].size() < 2 || w[i][0] != '-') break;
    std::vector<Flag> flags;
    if (w[i][1] == '-') {
      flags.push_back(ReadLongFlag(w, i, DockerTakesValue));
    } else {
      ReadShortGroup(w, i, flags);
    }
    for (const Flag& f : flags) {
      if (DockerFlagMatters(f)) a.flags.push_back(f.written);
    }
  }
  if (i >= w.size()) {
    a.pin = "bare";
    return a;
  }
  return ParseImage(std::move(a), w[i]);
}

bool DockerGlobalTakesValue(std::string_view name) {
  return OneOf({"-H", "--host", "--context", "-c", "--config", "-l", "--log-level", "--tlscacert", "--tlscert",
                "--tlskey", "--url", "--connection", "--root", "--runroot", "--storage-driver", "--cgroup-manager",
                "--events-backend", "--namespace", "-n", "--address", "-a", "--identity"},
               name);
}

// A daemon on another machine runs the container there (RG-DOCKER).
bool IsRemoteDaemon(const Flag& f) {
  if (f.name == "--remote" || f.name == "-r") return true;
  if (f.name != "-H" && f.name != "--host" && f.name != "--url") return false;
  return !HasScheme(f.value, {"unix://", "npipe://"});
}

Artifact ParseDocker(std::string launcher, const Words& w) {
  Artifact a;
  a.kind = "docker";
  a.launcher = launcher;
  size_t i = 1;
  for (; i < w.size() && w[i].size() > 1 && w[i][0] == '-'; ++i) {
    const Flag f = ReadLongFlag(w, i, DockerGlobalTakesValue);
    if (IsRemoteDaemon(f)) a.flags.push_back(RedactUserinfo(f.written));
  }
  if (i < w.size() && w[i] == "container") ++i;
  if (i >= w.size() || w[i] != "run") {
    Artifact b;
    b.kind = "binary";
    b.spec = w[0];
    b.name = launcher;
    b.pin = "file";
    return b;
  }
  return ParseDockerRun(std::move(a), w, i + 1);
}

// ---- interpreters + a script --------------------------------------------------

// Vectors, not initializer_lists: an initializer_list returned from a
// function would point at a dead array.
struct Interpreter {
  std::vector<std::string_view> value_flags;   // "-r x"
  std::vector<std::string_view> inline_flags;  // "-e code": the code is the program
  std::string_view module_flag;                // python's "-m module"
};

bool Contains(const std::vector<std::string_view>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

Interpreter InterpreterFor(std::string_view family) {
  if (family == "node") {
    return {{"-r", "--require", "--import", "--loader", "--experimental-loader", "-C", "--conditions", "--input-type",
             "--title", "--env-file", "--inspect-port", "--redirect-warnings", "--openssl-config", "--icu-data-dir",
             "--disable-warning", "--watch-path", "--stack-size"},
            {"-e", "--eval", "-p", "--print"},
            ""};
  }
  if (family == "python") return {{"-W", "-X", "--check-hash-based-pycs"}, {"-c"}, "-m"};
  if (family == "deno") {
    return {{"--config", "-c", "--import-map", "--lock", "--cert", "--location", "--seed", "--env-file", "--ext"}, {}, ""};
  }
  if (family == "bun") {
    return {{"-r", "--preload", "--cwd", "--env-file", "-c", "--config", "--tsconfig-override", "--port"}, {"-e", "--eval", "-p", "--print"}, ""};
  }
  if (family == "ruby") return {{"-I", "-r", "-C", "-E", "-F"}, {"-e"}, ""};
  if (family == "perl") return {{"-I", "-M", "-m"}, {"-e", "-E"}, ""};
  if (family == "php") return {{"-c", "-d", "-z"}, {"-r", "-B", "-R", "-E", "-F"}, ""};
  if (family == "uv run") {
    return {{"--with", "--with-editable", "--with-requirements", "--python", "-p", "--package", "--extra", "--group",
             "--index-url", "-i", "--extra-index-url", "--index", "--default-index", "--env-file", "--directory",
             "--project", "--find-links", "-f", "--only-group", "--no-group", "--cache-dir"},
            {},
            "-m"};
  }
  return {{"--tsconfig", "-r", "--require", "--import", "-P", "--project", "-O", "--compiler-options"}, {"-e", "--eval", "-p", "--print"}, ""};
}

bool IsScriptFile(std::string_view s) {
  const std::string lower = ToLower(s);
  for (std::string_view ext : {".py", ".pyw", ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx", ".sh", ".rb", ".pl", ".php", ".ps1"}) {
    if (EndsWith(lower, ext)) return true;
  }
  return false;
}

// "deno run npm:pkg@1.2.3", "deno run https://…/mod.ts", "deno run ./x.ts"
void DenoTarget(Artifact& a, std::string_view target) {
  if (StartsWith(target, "npm:")) {
    const std::string launcher = a.launcher;
    TakeSpec(a, ParseNpmSpec(target));
    a.kind = "npm";
    a.launcher = launcher;
    return;
  }
  if (IsHttpUrl(target)) a.pin = "url";
}

Artifact ParseInterpreter(std::string launcher, std::string_view family, const Words& w, size_t i) {
  const Interpreter in = InterpreterFor(family);
  Artifact a;
  a.kind = "script";
  a.launcher = std::move(launcher);
  a.pin = "file";
  for (; i < w.size(); ++i) {
    const std::string& arg = w[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') break;
    const std::string name = arg.substr(0, arg.find('='));
    if (!in.module_flag.empty() && name == in.module_flag && i + 1 < w.size()) {
      a.name = w[i + 1];
      a.spec = std::string(in.module_flag) + " " + a.name;
      return a;
    }
    if (Contains(in.inline_flags, name)) {
      a.spec = name;  // the code itself may hold secrets: not copied
      a.pin = "none";
      return a;
    }
    if (Contains(in.value_flags, name) && name == arg) {
      if (family == "uv run" && IsPypiSourceFlag(name) && i + 1 < w.size()) a.flags.push_back(RedactUserinfo(arg + " " + w[i + 1]));
      if (family == "uv run" && name == "--with" && i + 1 < w.size()) a.flags.push_back(arg + " " + w[i + 1]);
      ++i;
    }
  }
  if (i >= w.size()) return Unknown(a.launcher);
  a.spec = RedactUserinfo(w[i]);
  if (family == "deno") DenoTarget(a, w[i]);
  return a;
}

// "uv run x.py" runs a script; "uv run cmd …" runs cmd in the project's
// environment, so cmd is what to describe.
Artifact ParseUvRun(const Words& w, size_t i, int depth) {
  Artifact a = ParseInterpreter("uv run", "uv run", w, i);
  if (a.kind != "script" || a.spec.empty() || a.spec[0] == '-' || IsScriptFile(a.spec) || depth >= kMaxDepth) return a;
  const auto at = std::find(w.begin() + static_cast<std::ptrdiff_t>(i), w.end(), a.spec);
  Artifact inner = Parse(Words(at, w.end()), depth + 1);
  inner.launcher = inner.launcher.empty() ? "uv run" : "uv run " + inner.launcher;
  inner.flags.insert(inner.flags.begin(), a.flags.begin(), a.flags.end());
  return inner;
}

// uv [global flags] (tool run | run | tool uvx) …
Artifact ParseUv(const Words& w, int depth) {
  size_t i = 1;
  while (i < w.size() && w[i].size() > 1 && w[i][0] == '-') {
    if (UvTakesValue(w[i]) && w[i].find('=') == std::string::npos) ++i;
    ++i;
  }
  if (i + 1 < w.size() && w[i] == "tool" && (w[i + 1] == "run" || w[i + 1] == "uvx")) {
    return ParsePypiRunner("uv tool run", w, i + 2);
  }
  if (i < w.size() && w[i] == "run") return ParseUvRun(w, i + 1, depth);
  Artifact a;
  a.kind = "binary";
  a.spec = w[0];
  a.name = "uv";
  a.pin = "file";
  return a;
}

Artifact ParseJava(const Words& w) {
  Artifact a;
  a.kind = "jar";
  a.launcher = "java";
  a.pin = "file";
  for (size_t i = 1; i < w.size(); ++i) {
    const std::string& arg = w[i];
    if (arg == "-jar" && i + 1 < w.size()) {
      a.spec = w[i + 1];
      return a;
    }
    if (OneOf({"-cp", "-classpath", "--class-path", "-p", "--module-path", "--add-modules"}, arg)) {
      ++i;
      continue;
    }
    if ((arg == "-m" || arg == "--module") && i + 1 < w.size()) {
      a.spec = w[i + 1];
      return a;
    }
    if (arg.empty() || arg[0] != '-') {
      a.spec = arg;  // a main class
      return a;
    }
  }
  return Unknown("java");
}

// ---- shells and wrappers (RG-SHELL) -----------------------------------------

struct Token {
  std::string text;
  bool op = false;  // && || | ; & newline, outside quotes
};

// Copies a $(…) or `…` substitution whole into `out`, so that its words and
// operators stay part of the word around it.
size_t CopySubstitution(std::string_view s, size_t i, std::string& out) {
  const char close = s[i] == '`' ? '`' : ')';
  int level = 0;
  size_t k = i;
  for (; k < s.size(); ++k) {
    out += s[k];
    if (close == ')' && s[k] == '(') ++level;
    if (s[k] == close && k > i && (close == '`' || --level == 0)) return k;
  }
  return k;
}

std::vector<Token> Tokenize(std::string_view s, bool windows) {
  std::vector<Token> out;
  std::string word;
  bool in_word = false;
  auto flush = [&] {
    if (in_word) out.push_back({word, false});
    word.clear();
    in_word = false;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r') {
      flush();
    } else if (c == '\n' || c == ';' || c == '|' || c == '&') {
      flush();
      std::string op(1, c == '\n' ? ';' : c);
      if ((c == '|' || c == '&') && i + 1 < s.size() && s[i + 1] == c) op += s[++i];
      out.push_back({op, true});
    } else if (c == '\'' && !windows) {
      in_word = true;
      for (++i; i < s.size() && s[i] != '\''; ++i) word += s[i];
    } else if (c == '"') {
      in_word = true;
      for (++i; i < s.size() && s[i] != '"'; ++i) {
        if (!windows && s[i] == '\\' && i + 1 < s.size() && std::string_view("\"\\$`").find(s[i + 1]) != std::string_view::npos) {
          word += s[++i];
          continue;
        }
        if (!windows && ((s[i] == '$' && i + 1 < s.size() && s[i + 1] == '(') || s[i] == '`')) {
          i = CopySubstitution(s, i, word);
          continue;
        }
        word += s[i];
      }
    } else if (c == '\\' && !windows && i + 1 < s.size()) {
      in_word = true;
      word += s[++i];
    } else if (!windows && ((c == '$' && i + 1 < s.size() && s[i + 1] == '(') || c == '`')) {
      in_word = true;
      i = CopySubstitution(s, i, word);
    } else {
      in_word = true;
      word += c;
    }
  }
  flush();
  return out;
}

bool IsAssignment(std::string_view word) {
  const size_t eq = word.find('=');
  if (eq == 0 || eq == std::string_view::npos) return false;
  return std::all_of(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(eq),
                     [](char c) { return IsAlnum(c) || c == '_'; });
}

// Drops what only prefixes the real command: "FOO=1", "exec", "env -i A=b",
// "nohup", "command", "call".
Words StripPrefixes(Words cmd) {
  size_t i = 0;
  while (i < cmd.size()) {
    const std::string name = CommandName(cmd[i]);
    if (IsAssignment(cmd[i]) || OneOf({"exec", "nohup", "command", "builtin", "time", "call", "@call"}, name)) {
      ++i;
    } else if (name == "env") {
      for (++i; i < cmd.size() && (IsAssignment(cmd[i]) || StartsWith(cmd[i], "-")); ++i) {
        if ((cmd[i] == "-u" || cmd[i] == "-C" || cmd[i] == "--unset" || cmd[i] == "--chdir") && i + 1 < cmd.size()) ++i;
      }
    } else {
      break;
    }
  }
  cmd.erase(cmd.begin(), cmd.begin() + static_cast<std::ptrdiff_t>(i));
  return cmd;
}

// Set-up steps before the server in "cd x && source y && npx …".
bool IsSetupCommand(std::string_view name) {
  return OneOf({"cd", "source", ".", "export", "set", "unset", "echo", "true", ":", "mkdir", "sleep", "trap", "ulimit",
                "umask", "printf", "test", "[", "pushd", "popd", "alias", "shopt", "setlocal", "chcp", "@echo", "rem",
                "cls", "title", "nvm", "conda", "pyenv", "fnm", "eval"},
               name);
}

// The command a shell line really starts: the first one that is not set-up
// ("cd dir && npx -y x" runs x; "curl … | sh" runs curl first).
Artifact ParseShellText(std::string_view text, bool windows, int depth) {
  std::vector<Words> commands(1);
  for (Token& t : Tokenize(text, windows)) {
    if (t.op) {
      commands.emplace_back();
    } else {
      commands.back().push_back(std::move(t.text));
    }
  }
  Words last;
  for (Words& cmd : commands) {
    cmd = StripPrefixes(std::move(cmd));
    if (cmd.empty()) continue;
    if (!IsSetupCommand(CommandName(cmd[0]))) return Parse(cmd, depth + 1);
    last = cmd;
  }
  return last.empty() ? Unknown("") : Parse(last, depth + 1);
}

Artifact Wrapped(Artifact inner, std::string wrapper) {
  if (inner.wrapper.empty()) inner.wrapper = std::move(wrapper);
  return inner;
}

Artifact ShellScript(std::string launcher, const std::string& script) {
  Artifact a;
  a.kind = "script";
  a.launcher = std::move(launcher);
  a.spec = script;
  a.pin = "file";
  return a;
}

// sh/bash/zsh/dash/ksh/fish [opts] -c 'line' | script.sh
Artifact ParseSh(const std::string& name, const Words& w, int depth) {
  for (size_t i = 1; i < w.size(); ++i) {
    const std::string& arg = w[i];
    const bool short_group = arg.size() > 1 && arg[0] == '-' && arg[1] != '-';
    if ((short_group && arg.find('c') != std::string::npos) || arg == "--command") {
      if (i + 1 >= w.size() || depth >= kMaxDepth) return Unknown(name + " " + arg);
      return Wrapped(ParseShellText(w[i + 1], false, depth), name + " " + arg);
    }
    if (StartsWith(arg, "--command=")) {
      return Wrapped(ParseShellText(arg.substr(10), false, depth), name + " --command");
    }
    if (arg == "-o" || arg == "+o" || arg == "--rcfile" || arg == "--init-file") {
      ++i;
    } else if (arg == "--") {
      return i + 1 < w.size() ? ShellScript(name, w[i + 1]) : Unknown(name);
    } else if (arg.empty() || (arg[0] != '-' && arg[0] != '+')) {
      return ShellScript(name, arg);
    }
  }
  Artifact a;
  a.kind = "binary";
  a.spec = w[0];
  a.name = name;
  a.pin = "file";
  return a;
}

std::string JoinFrom(const Words& w, size_t i) {
  return Join(Words(w.begin() + static_cast<std::ptrdiff_t>(std::min(i, w.size())), w.end()), " ");
}

// cmd [/s] [/q] /c line…
Artifact ParseCmd(const Words& w, int depth) {
  bool strip_quotes = false;
  for (size_t i = 1; i < w.size(); ++i) {
    const std::string sw = ToLower(w[i]);
    if (sw == "/s") strip_quotes = true;
    if (sw != "/c" && sw != "/k") continue;
    std::string line = JoinFrom(w, i + 1);
    if (strip_quotes && line.size() >= 2 && line.front() == '"' && line.back() == '"') line = line.substr(1, line.size() - 2);
    if (depth >= kMaxDepth) return Unknown("cmd " + sw);
    return Wrapped(ParseShellText(line, true, depth), "cmd " + sw);
  }
  return Unknown("cmd");
}

// PowerShell accepts any unambiguous prefix of a parameter name.
bool PsParam(std::string_view arg, std::string_view full, size_t min_length) {
  if (arg.size() < 2 || (arg[0] != '-' && arg[0] != '/')) return false;
  const std::string p = ToLower(arg.substr(1));
  return p.size() >= min_length && StartsWith(full, p);
}

// powershell/pwsh [-NoProfile …] -Command line… | -File x.ps1 | -EncodedCommand b64
Artifact ParsePowerShell(const std::string& name, const Words& w, int depth) {
  for (size_t i = 1; i < w.size(); ++i) {
    const std::string& arg = w[i];
    if (PsParam(arg, "encodedcommand", 1) || ToLower(arg) == "-ec") {
      return Unknown(name + " -EncodedCommand");  // base64: opaque here
    }
    if (PsParam(arg, "command", 1)) {
      if (depth >= kMaxDepth) return Unknown(name + " -Command");
      return Wrapped(ParseShellText(JoinFrom(w, i + 1), true, depth), name + " -Command");
    }
    if (PsParam(arg, "file", 1)) return i + 1 < w.size() ? ShellScript(name, w[i + 1]) : Unknown(name);
    if (PsParam(arg, "executionpolicy", 2) || PsParam(arg, "windowstyle", 1) || PsParam(arg, "version", 1) ||
        PsParam(arg, "inputformat", 2) || PsParam(arg, "outputformat", 1) || PsParam(arg, "configurationname", 3) ||
        PsParam(arg, "workingdirectory", 2) || PsParam(arg, "settingsfile", 2) || ToLower(arg) == "-ep" ||
        ToLower(arg) == "-wd") {
      ++i;
      continue;
    }
    if (arg.empty() || (arg[0] != '-' && arg[0] != '/')) {
      // pwsh reads a bare first argument as -File, Windows PowerShell as -Command.
      if (EndsWith(ToLower(arg), ".ps1")) return ShellScript(name, arg);
      if (depth >= kMaxDepth) return Unknown(name + " -Command");
      return Wrapped(ParseShellText(JoinFrom(w, i), true, depth), name + " -Command");
    }
  }
  return Unknown(name);
}

// env [-i] [-u NAME] [A=b …] cmd …: the environment changes, the command
// does not.
Artifact ParseEnv(const Words& w, int depth) {
  if (depth >= kMaxDepth) return Unknown("env");
  const auto split = std::find_if(w.begin(), w.end(), [](const std::string& a) { return a == "-S" || a == "--split-string"; });
  if (split != w.end() && split + 1 != w.end()) return ParseShellText(*(split + 1), false, depth);
  const Words rest = StripPrefixes(w);
  return rest.empty() ? Unknown("env") : Parse(rest, depth + 1);
}

// ---- dispatch ---------------------------------------------------------------

bool IsPython(std::string_view name) {
  if (name == "py" || name == "pythonw") return true;
  if (!StartsWith(name, "python")) return false;
  const std::string_view tail = name.substr(6);
  return std::all_of(tail.begin(), tail.end(), [](char c) { return IsDigit(c) || c == '.'; });
}

bool IsShell(std::string_view name) { return OneOf({"sh", "bash", "zsh", "dash", "ksh", "fish", "ash", "mksh"}, name); }

std::string_view InterpreterFamily(std::string_view name) {
  if (name == "node" || name == "nodejs") return "node";
  if (IsPython(name)) return "python";
  if (OneOf({"ruby", "perl", "php", "tsx", "ts-node"}, name)) return name;
  return "";
}

Artifact Binary(const Words& w, const std::string& name) {
  Artifact a;
  a.kind = "binary";
  a.spec = w[0];
  a.name = name;
  a.pin = "file";
  if (IsBridge(name)) {
    std::string url = BridgeUrl(w, 1);
    if (!url.empty()) {
      a.kind = "remote";
      a.remote_url = std::move(url);
    }
  }
  return a;
}

Artifact ParseBun(const Words& w, int depth) {
  if (w.size() > 1 && w[1] == "x") return ParseNpmRunner("bun x", w, 2, depth);
  if (w.size() > 1 && w[1] == "run") return ParseInterpreter("bun run", "bun", w, 2);
  return ParseInterpreter("bun", "bun", w, 1);
}

Artifact ParseDeno(const Words& w) {
  if (w.size() > 1 && w[1] == "run") return ParseInterpreter("deno run", "deno", w, 2);
  return ParseInterpreter("deno", "deno", w, 1);
}

// A package-manager subcommand that runs a package: "npm exec", "pnpm dlx".
Artifact ParseManager(const std::string& name, const Words& w, int depth) {
  const std::string sub = w.size() > 1 ? w[1] : "";
  if ((name == "npm" && (sub == "exec" || sub == "x")) || (name == "pnpm" && sub == "dlx") ||
      (name == "yarn" && sub == "dlx")) {
    return ParseNpmRunner(name + " " + sub, w, 2, depth);
  }
  if (name == "pipx" && sub == "run") return ParsePypiRunner("pipx run", w, 2);
  return Binary(w, name);
}

Artifact Parse(const Words& w, int depth) {
  if (w.empty() || w[0].empty()) return Unknown("");
  const std::string name = CommandName(w[0]);
  if (name == "npx" || name == "pnpx" || name == "bunx") return ParseNpmRunner(name, w, 1, depth);
  if (name == "npm" || name == "pnpm" || name == "yarn" || name == "pipx") return ParseManager(name, w, depth);
  if (name == "uvx") return ParsePypiRunner("uvx", w, 1);
  if (name == "uv") return ParseUv(w, depth);
  if (name == "docker" || name == "podman" || name == "nerdctl") return ParseDocker(name, w);
  if (name == "bun") return ParseBun(w, depth);
  if (name == "deno") return ParseDeno(w);
  if (name == "java") return ParseJava(w);
  if (IsShell(name)) return ParseSh(name, w, depth);
  if (name == "cmd") return ParseCmd(w, depth);
  if (name == "powershell" || name == "pwsh") return ParsePowerShell(name, w, depth);
  if (name == "env") return ParseEnv(w, depth);
  if (const std::string_view family = InterpreterFamily(name); !family.empty()) {
    return ParseInterpreter(name, family, w, 1);
  }
  return Binary(w, name);
}

// Some configs put the whole line in `command` ("npx -y pkg"); split it only
// when its first word is a launcher mcpguard knows, so a path with spaces
// ("C:\Program Files\…\node.exe") stays one word.
bool IsWholeLine(const std::string& command) {
  if (command.find(' ') == std::string::npos) return false;
  const std::string first = command.substr(0, command.find(' '));
  if (first.find_first_of("/\\") != std::string::npos) return false;
  const std::string name = CommandName(first);
  return OneOf({"npx", "pnpx", "bunx", "npm", "pnpm", "yarn", "uvx", "uv", "pipx", "docker", "podman", "node", "deno",
                "bun", "java", "cmd", "powershell", "pwsh", "env"},
               name) ||
         IsPython(name) || IsShell(name);
}

}  // namespace

std::string CommandName(std::string_view command) {
  const size_t slash = command.find_last_of("/\\");
  std::string base = ToLower(slash == std::string_view::npos ? command : command.substr(slash + 1));
  for (std::string_view ext : {".exe", ".cmd", ".bat", ".com", ".ps1"}) {
    if (EndsWith(base, ext) && base.size() > ext.size()) return base.substr(0, base.size() - ext.size());
  }
  return base;
}

std::vector<std::string> SplitCommandLine(std::string_view text, bool windows) {
  std::vector<std::string> out;
  for (Token& t : Tokenize(text, windows)) out.push_back(std::move(t.text));
  return out;
}

Artifact ParseNpmSpec(std::string_view spec) {
  Artifact a;
  a.kind = "npm";
  a.spec = RedactUserinfo(spec);
  std::string_view s = spec;
  if (StartsWith(s, "npm:")) s.remove_prefix(4);
  if (const size_t alias = s.find("@npm:"); alias != std::string_view::npos && alias > 0) s.remove_prefix(alias + 5);
  if (IsHttpUrl(s)) {
    a.name = RedactUserinfo(s);
    a.pin = "url";
    return a;
  }
  // A tarball name wins over GitHub shorthand ("vendor/x.tgz"), as in npm-package-arg.
  const std::string lower = ToLower(s);
  if (IsLocalPath(s) || EndsWith(lower, ".tgz") || EndsWith(lower, ".tar.gz") || EndsWith(lower, ".tar")) {
    a.name = std::string(s);
    a.pin = "file";
    return a;
  }
  if (IsNpmGitSpec(s)) return NpmGit(std::move(a), s);
  const size_t at = s.find('@', s.empty() || s[0] != '@' ? 0 : 1);
  a.name = std::string(s.substr(0, at));
  a.version = at == std::string_view::npos ? "" : std::string(s.substr(at + 1));
  a.pin = NpmVersionPin(a.version);
  a.pinned = a.pin == "exact";
  return a;
}

Artifact ParsePypiSpec(std::string_view spec) {
  Artifact a;
  a.kind = "pypi";
  a.spec = RedactUserinfo(spec);
  std::string_view s = Trim(spec.substr(0, spec.find(';')));  // environment markers
  if (const size_t direct = s.find(" @ "); direct != std::string_view::npos) {
    a.name = std::string(PypiName(s));
    return PypiDirect(std::move(a), Trim(s.substr(direct + 3)));
  }
  if (HasScheme(s, {"git+", "http://", "https://", "file:"}) || IsLocalPath(s) || IsArchiveName(s)) {
    return PypiDirect(std::move(a), s);
  }
  const std::string_view name = PypiName(s);
  a.name = std::string(name);
  std::string_view rest = s.substr(name.size());
  if (StartsWith(rest, "[")) rest = rest.substr(std::min(rest.size(), rest.find(']') + 1));  // extras
  PypiVersion(a, rest);
  return a;
}

std::string_view ArtifactEcosystem(const Artifact& a) {
  if (a.kind == "npm" || a.kind == "pypi" || a.kind == "docker") return a.kind;
  if (a.kind != "remote" || a.pin == "file") return "";
  if (a.launcher == "uvx" || a.launcher == "uv tool run" || a.launcher == "pipx run") return "pypi";
  return "npm";
}

std::string_view FlagName(std::string_view flag) { return flag.substr(0, flag.find_first_of(" =")); }

std::string_view FlagValue(std::string_view flag) {
  const size_t sep = flag.find_first_of(" =");
  return sep == std::string_view::npos ? std::string_view() : flag.substr(sep + 1);
}

Artifact ParseLaunch(const std::string& command, const std::vector<std::string>& args) {
  Words w;
  if (args.empty() && IsWholeLine(command)) {
    w = SplitCommandLine(command, command.find('\\') != std::string::npos);
  } else {
    w.reserve(args.size() + 1);
    w.push_back(command);
    w.insert(w.end(), args.begin(), args.end());
  }
  return Parse(w, 0);
}

}  // namespace mcpguard::pinning

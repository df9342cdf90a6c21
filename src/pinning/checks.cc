#include "pinning/checks.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "base/text.h"
#include "pinning/launch.h"

namespace mcpguard::pinning {
namespace {

using model::Artifact;
using model::ConfigFile;
using model::Finding;
using model::NamedValue;
using model::Server;
using model::Severity;

constexpr const char* kOwaspSecrets = "OWASP MCP Top 10: MCP01 token mismanagement and secret exposure";
constexpr const char* kOwaspPrivilege = "OWASP MCP Top 10: MCP02 privilege escalation via scope creep";
constexpr const char* kOwaspSupplyChain = "OWASP MCP Top 10: MCP04 software supply chain attacks and dependency tampering";
constexpr const char* kOwaspExecution = "OWASP MCP Top 10: MCP05 command injection and execution";

bool OneOf(std::initializer_list<std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

struct Rule {
  const char* id;
  const char* name;
  const char* reference;
};

constexpr Rule kUnpinned = {"MCPG-LAUNCH-001", "unpinned-package", kOwaspSupplyChain};
constexpr Rule kNoDigest = {"MCPG-LAUNCH-002", "image-without-digest", kOwaspSupplyChain};
constexpr Rule kHostAccess = {"MCPG-LAUNCH-003", "container-host-access", kOwaspPrivilege};
constexpr Rule kIsolationOff = {"MCPG-LAUNCH-004", "container-isolation-off", kOwaspPrivilege};
constexpr Rule kWritableDir = {"MCPG-LAUNCH-005", "code-in-writable-dir", kOwaspExecution};
constexpr Rule kLoader = {"MCPG-LAUNCH-006", "loader-injection-env", kOwaspExecution};
constexpr Rule kIntercept = {"MCPG-LAUNCH-007", "traffic-interception-env", kOwaspSecrets};
constexpr Rule kDownloadRun = {"MCPG-LAUNCH-008", "download-and-run", kOwaspExecution};
constexpr Rule kShell = {"MCPG-LAUNCH-009", "shell-wrapper", kOwaspExecution};
constexpr Rule kSecretFile = {"MCPG-LAUNCH-010", "secret-file-in-args", kOwaspSecrets};
constexpr Rule kRegistry = {"MCPG-LAUNCH-011", "registry-override", kOwaspSupplyChain};
constexpr Rule kMalicious = {"MCPG-LAUNCH-012", "known-malicious-package", kOwaspSupplyChain};
constexpr Rule kVulnerable = {"MCPG-LAUNCH-013", "vulnerable-version", kOwaspSupplyChain};
constexpr Rule kLookalike = {"MCPG-LAUNCH-014", "lookalike-name", kOwaspSupplyChain};

// What every check needs, and where its findings go.
struct Context {
  const ConfigFile& config;
  const Server& server;
  const Artifact& artifact;
  const PackageRules& packages;
  std::string_view ecosystem;  // ArtifactEcosystem(artifact)
  std::vector<Finding>& out;

  Finding& Add(const Rule& rule, Severity severity, model::SourcePos pos = {}) {
    out.push_back(model::MakeFinding(rule.id, rule.name, severity,
                                     {config.host, config.path, pos.line != 0 ? pos : server.pos, server.name}, {},
                                     {rule.reference}));
    return out.back();
  }

  std::string Who() const { return Quoted(server.name); }
};

// ---- small parsers ------------------------------------------------------------

// The host of a URL or "host:port" value, lower case, without userinfo or
// port: the only part of an env value a finding may show.
std::string UrlHost(std::string_view value) {
  std::string_view v = Trim(value);
  if (const size_t scheme = v.find("://"); scheme != std::string_view::npos) v.remove_prefix(scheme + 3);
  v = v.substr(0, v.find_first_of("/?#"));
  if (const size_t at = v.rfind('@'); at != std::string_view::npos) v.remove_prefix(at + 1);
  if (!v.empty() && v[0] == '[') return ToLower(v.substr(1, v.find(']') == std::string_view::npos ? v.size() : v.find(']') - 1));
  return ToLower(v.substr(0, v.find(':')));
}

bool IsLoopback(std::string_view host) {
  return host == "localhost" || StartsWith(host, "127.") || host == "::1" || host == "0.0.0.0" ||
         EndsWith(host, ".localhost");
}

// The user's temporary and download directories, spelled any way a config
// might (threats.md RG-CMD-PATH).
bool InTempDir(std::string_view path) {
  if (path.empty()) return false;
  std::string p = ToLower(path);
  std::replace(p.begin(), p.end(), '\\', '/');
  p += '/';
  for (std::string_view prefix : {"/tmp/", "/var/tmp/", "/dev/shm/", "/private/tmp/", "/private/var/tmp/",
                                  "/private/var/folders/", "/var/folders/", "~/downloads/", "$home/downloads/",
                                  "${home}/downloads/", "%userprofile%/downloads/", "%temp%", "%tmp%", "$tmpdir",
                                  "${tmpdir}", "$env:temp", "${env:temp}", "c:/windows/temp/", "c:/temp/", "c:/tmp/"}) {
    if (StartsWith(p, prefix)) return true;
  }
  if (p.find("/appdata/local/temp/") != std::string::npos) return true;
  for (std::string_view home : {"/home/", "/users/", "c:/users/"}) {
    if (!StartsWith(p, home)) continue;
    const size_t user_end = p.find('/', home.size());
    if (user_end != std::string::npos && StartsWith(std::string_view(p).substr(user_end), "/downloads/")) return true;
  }
  return false;
}

// Whether any ':'/';'/space-separated part of an env value is in a temp dir
// (LD_PRELOAD=/tmp/x.so, PATH=/tmp/bin:/usr/bin, NODE_OPTIONS=--require /tmp/x).
bool MentionsTempDir(std::string_view value) {
  std::string v(value);
  for (char& c : v) {
    if (c == ';' || c == ' ' || c == '\t' || c == '=') c = ':';
  }
  // A Windows drive letter must not be split off: C:/x stays whole.
  for (const std::string& part : Split(v, ':')) {
    if (InTempDir(part)) return true;
  }
  return InTempDir(value);
}

// Every word of every arg, shell-split, so a "-y" inside "sh -c 'npx -y x'"
// counts too.
std::vector<std::string> ArgWords(const Server& s) {
  std::vector<std::string> out;
  for (const std::string& a : s.args) {
    for (std::string& w : SplitCommandLine(a)) out.push_back(std::move(w));
  }
  return out;
}

bool HasWord(const std::vector<std::string>& words, std::initializer_list<std::string_view> any) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return OneOf(any, w); });
}

// Env entries the server starts with: its env and its envFile's lines.
template <class F>
void ForEachEnv(const Server& s, F&& f) {
  for (const NamedValue& v : s.env) f(v);
  for (const NamedValue& v : s.env_file_values) f(v);
}

// ---- 001, 012, 013, 014: the packages that run -------------------------------

// One package an artifact installs: the main spec, or a uv --with extra.
struct Package {
  std::string ecosystem;
  Artifact spec;  // spec, name, version, pin, pinned
  std::string installed;  // resolved version, when known
  bool main = true;
};

std::vector<Package> Packages(const Context& cx) {
  std::vector<Package> out;
  if (cx.ecosystem != "npm" && cx.ecosystem != "pypi") return out;
  out.push_back({std::string(cx.ecosystem), cx.artifact, cx.artifact.installed_version, true});
  for (const std::string& flag : cx.artifact.flags) {
    if (FlagName(flag) == "--with") {
      out.push_back({"pypi", ParsePypiSpec(FlagValue(flag)), "", false});
    }
  }
  return out;
}

std::string PinWords(const Artifact& a) {
  if (a.pin == "bare") return "no version";
  if (a.pin == "range") return "range " + a.version;
  if (a.pin == "tag") return "tag " + a.version;
  if (a.pin == "git") return a.version.empty() ? "the default branch" : "git ref " + a.version + ", not a commit";
  return a.pin;
}

void CheckUnpinned(Context& cx, const Package& p) {
  const Artifact& a = p.spec;
  const bool floating = a.pin == "bare" || a.pin == "range" || a.pin == "tag";
  // An npm git or URL spec is download-and-run (008); for PyPI it is a moving ref.
  const bool moving_ref = p.ecosystem == "pypi" && (a.pin == "url" || (a.pin == "git" && !a.pinned));
  if (!floating && !moving_ref) return;
  Finding& f = cx.Add(kUnpinned, Severity::kMedium);
  const std::string what = p.main ? "runs" : "adds (--with)";
  f.message = cx.Who() + " " + what + " " + p.ecosystem + " package " + Quoted(a.name) + " unpinned (" + PinWords(a) +
              "): the code that runs can change without the config changing";
  f.evidence = (cx.artifact.launcher.empty() ? "" : cx.artifact.launcher + " ") + a.spec;
  if (p.ecosystem == "npm") {
    const bool yes = HasWord(ArgWords(cx.server), {"-y", "--yes"});
    f.evidence += yes ? "; -y: installed without asking" : "; under a host npx installs without asking (no terminal)";
    f.remediation = "pin an exact version (\"" + a.name + "@x.y.z\"), or install it with a lockfile and run the "
                    "installed file";
  } else if (moving_ref) {
    f.remediation = "pin the full 40-character commit SHA (git+https://…@<sha>)";
  } else {
    f.evidence += "; the version is whatever the index served when the cache was filled";
    f.remediation = "pin an exact version (uvx " + a.name + "@x.y.z, or --from '" + a.name + "==x.y.z')";
  }
}

// The version to judge: what is installed when known, else an exact request.
std::string KnownVersion(const Package& p) {
  if (!p.installed.empty()) return p.installed;
  return p.spec.pin == "exact" ? p.spec.version : "";
}

void CheckMalicious(Context& cx, const Package& p) {
  const std::string version = KnownVersion(p);
  for (const MaliciousPackage* m : cx.packages.Malicious(p.ecosystem, p.spec.name)) {
    // Only a version known to lie outside the bad range is spared (postmark-mcp
    // 1.0.15 was a clean clone); a floating spec resolves to the newest, bad one.
    if (!version.empty() && !VersionInRange(version, m->versions)) continue;
    Finding& f = cx.Add(kMalicious, Severity::kCritical);
    f.message = cx.Who() + " runs " + Quoted(p.spec.name) + (version.empty() ? "" : " " + version) +
                ", a known malicious " + p.ecosystem + " package (" + m->advisory + "): " + m->summary;
    f.evidence = m->advisory + (m->aliases.empty() ? "" : " (" + Join(m->aliases, ", ") + ")") + "; bad versions " +
                 m->versions + (m->iocs.empty() ? "" : "; IOCs: " + Join(m->iocs, ", "));
    f.remediation = "remove the server and treat the machine as compromised: rotate every credential its hosts' "
                    "servers could read, search logs and caches for the IOCs, and check AI host configs for "
                    "servers you did not add";
    f.references.push_back("https://osv.dev/vulnerability/" + m->advisory);
  }
}

// The vulnerable entries a package may run, and whether that is certain.
std::vector<const VulnerablePackage*> Affecting(const Package& p, const std::vector<const VulnerablePackage*>& all,
                                                bool& certain) {
  const std::string known = KnownVersion(p);
  certain = !known.empty();
  std::string probe = known;
  if (probe.empty() && p.spec.pin == "range") probe = RangeFloor(p.spec.version);
  if (probe.empty() && p.spec.pin != "bare" && p.spec.pin != "tag" && p.spec.pin != "range") return {};
  std::vector<const VulnerablePackage*> out;
  for (const VulnerablePackage* v : all) {
    if (probe.empty() || VersionInRange(probe, v->affected)) out.push_back(v);
  }
  return out;
}

void CheckVulnerable(Context& cx, const Package& p) {
  bool certain = false;
  const std::vector<const VulnerablePackage*> hits =
      Affecting(p, cx.packages.Vulnerable(p.ecosystem, p.spec.name), certain);
  if (hits.empty()) return;
  std::vector<std::string> cves, details;
  std::string fixed = hits.front()->fixed;
  Severity worst = Severity::kInfo;
  for (const VulnerablePackage* v : hits) {
    cves.push_back(v->cve);
    details.push_back(v->cve + " (" + std::string(model::SeverityName(v->severity)) + ", fixed in " + v->fixed +
                      "): " + v->summary);
    if (CompareVersions(v->fixed, fixed) > 0) fixed = v->fixed;
    worst = std::max(worst, v->severity);
  }
  Finding& f = cx.Add(kVulnerable, certain ? worst : std::min(worst, Severity::kHigh));
  if (certain) {
    f.message = cx.Who() + " runs " + p.spec.name + " " + KnownVersion(p) + ", affected by " + Join(cves, ", ") +
                " (fixed in " + fixed + ")";
  } else {
    f.message = cx.Who() + " runs " + p.spec.name + " unpinned (" + PinWords(p.spec) + "): versions before " + fixed +
                " are affected by " + Join(cves, ", ") + ", and a stale cache may still hold one";
  }
  f.evidence = Join(details, "; ");
  f.remediation = "pin " + p.spec.name + " at " + fixed + " or later";
  for (const std::string& cve : cves) f.references.push_back("https://nvd.nist.gov/vuln/detail/" + cve);
}

// ---- 014: look-alike names ----------------------------------------------------

// Decodes one UTF-8 code point at s[i] (advancing i); 0xFFFD when malformed.
uint32_t NextCodePoint(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i++]);
  if (b < 0x80) return b;
  const int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
  if (extra < 0) return 0xFFFD;
  uint32_t cp = b & (0x3Fu >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3Fu);
  }
  return cp;
}

// Latin look-alikes of Cyrillic and Greek letters (Unicode confusables).
char ConfusableAscii(uint32_t cp) {
  struct Pair {
    uint32_t cp;
    char ascii;
  };
  static constexpr Pair kTable[] = {
      {0x0430, 'a'}, {0x0435, 'e'}, {0x043E, 'o'}, {0x0440, 'p'}, {0x0441, 'c'}, {0x0443, 'y'}, {0x0445, 'x'},
      {0x0456, 'i'}, {0x0458, 'j'}, {0x0455, 's'}, {0x0501, 'd'}, {0x04CF, 'l'}, {0x0261, 'g'}, {0x043A, 'k'},
      {0x043C, 'm'}, {0x0442, 't'}, {0x0410, 'a'}, {0x0415, 'e'}, {0x041E, 'o'}, {0x0420, 'p'}, {0x0421, 'c'},
      {0x0425, 'x'}, {0x0406, 'l'}, {0x03BF, 'o'}, {0x03B1, 'a'}, {0x03BD, 'v'}, {0x03C1, 'p'}, {0x03B9, 'i'},
      {0x03BA, 'k'}, {0x03C4, 't'}, {0x0399, 'l'}, {0x039F, 'o'}, {0x2010, '-'}, {0x2011, '-'}, {0x2013, '-'},
      {0xFF0D, '-'}, {0x2024, '.'}, {0xFF0E, '.'}, {0x2215, '/'}, {0x2044, '/'}, {0xFF0F, '/'}};
  for (const Pair& p : kTable) {
    if (p.cp == cp) return p.ascii;
  }
  return '?';
}

// The name as it reads: confusables folded, capital I as l, 0 as o, 1 as l,
// rn as m, vv as w; lower case.
std::string Skeleton(std::string_view name) {
  std::string s;
  for (size_t i = 0; i < name.size();) {
    const uint32_t cp = NextCodePoint(name, i);
    char c = cp < 0x80 ? static_cast<char>(cp) : ConfusableAscii(cp);
    if (c == 'I') c = 'l';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c == '0') c = 'o';
    if (c == '1') c = 'l';
    s += c;
  }
  for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"rn", "m"}, {"vv", "w"}}) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  }
  return s;
}

bool HasNonAscii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// "@scope/name" -> "@scope"; "ghcr.io/o/img" -> "ghcr.io/o"; "" when none.
std::string Owner(std::string_view ecosystem, std::string_view name) {
  if (ecosystem == "npm") return StartsWith(name, "@") ? std::string(name.substr(0, name.find('/'))) : "";
  if (ecosystem == "docker") {
    const size_t slash = name.rfind('/');
    return slash == std::string_view::npos ? "" : std::string(name.substr(0, slash));
  }
  return "";
}

// Short names collide by chance: allow fewer edits the shorter the name.
size_t MaxDistance(size_t length) { return length >= 8 ? 2 : length >= 5 ? 1 : 0; }

// "@modelcontextprotocol-x" or "@model-context-protocol" for
// "@modelcontextprotocol": close in spelling, or one holding the other.
bool ScopeLooksLike(std::string_view scope, std::string_view known) {
  if (DamerauLevenshtein(scope, known) <= MaxDistance(known.size())) return true;
  const std::string_view a = scope.substr(1), b = known.substr(1);  // without '@'
  return (a.size() >= 4 && b.find(a) != std::string_view::npos) || (b.size() >= 4 && a.find(b) != std::string_view::npos);
}

// Why `name` imitates `known`, or "" when it does not.
std::string Imitates(std::string_view eco, std::string_view name, std::string_view known) {
  const std::string n = NormalizeName(eco, name), k = NormalizeName(eco, known);
  if (Skeleton(name) == Skeleton(known)) return "confusable characters";
  const size_t d = DamerauLevenshtein(n, k);
  if (d <= MaxDistance(k.size())) return "edit distance " + std::to_string(d);
  const std::string ns = Owner(eco, n), ks = Owner(eco, k);
  if (eco == "npm" && !ns.empty() && !ks.empty() && n.substr(ns.size()) == k.substr(ks.size()) && ScopeLooksLike(ns, ks)) {
    return "look-alike scope " + ns;
  }
  return "";
}

void CheckLookalike(Context& cx, std::string_view eco, std::string_view name) {
  if (name.empty()) return;
  const std::vector<std::string>& known = cx.packages.WellKnown(eco);
  const std::string norm = NormalizeName(eco, name);
  if (std::any_of(known.begin(), known.end(), [&](const std::string& k) { return NormalizeName(eco, k) == norm; })) {
    return;  // the real thing
  }
  std::string target, why;
  for (const std::string& k : known) {
    // A scope or namespace's owner publishes everything under it: no impostor there.
    const std::string owner = Owner(eco, NormalizeName(eco, k));
    if (!owner.empty() && owner == Owner(eco, norm)) continue;
    why = Imitates(eco, name, k);
    if (!why.empty()) {
      target = k;
      break;
    }
  }
  if (why.empty() && HasNonAscii(name)) why = "non-ASCII characters";
  if (why.empty()) return;
  Finding& f = cx.Add(kLookalike, Severity::kCritical);
  f.message = cx.Who() + " runs " + Quoted(name) +
              (target.empty() ? ", a name with non-ASCII characters" : ", which looks like " + Quoted(target)) +
              ": a typosquat runs the attacker's code with the server's access";
  f.evidence = std::string(eco) + " name " + Quoted(name) + "; " + why;
  f.remediation = "check the name letter by letter against the publisher's documentation; if it is not the package "
                  "you meant, remove the server and rotate what it could read";
}

void CheckPackages(Context& cx) {
  for (const Package& p : Packages(cx)) {
    CheckUnpinned(cx, p);
    CheckMalicious(cx, p);
    CheckVulnerable(cx, p);
    if (p.spec.pin != "git" && p.spec.pin != "url" && p.spec.pin != "file") CheckLookalike(cx, p.ecosystem, p.spec.name);
  }
  if (cx.ecosystem == "docker") CheckLookalike(cx, "docker", cx.artifact.name);
}

// ---- 002, 003, 004: containers -------------------------------------------------

void CheckImage(Context& cx) {
  const Artifact& a = cx.artifact;
  if (cx.ecosystem != "docker" || a.pinned || a.spec.empty()) return;
  const bool pull_always = std::any_of(a.flags.begin(), a.flags.end(), [](const std::string& f) { return FlagName(f) == "--pull"; });
  Finding& f = cx.Add(kNoDigest, Severity::kMedium);
  f.message = cx.Who() + " runs image " + a.name + ":" + a.version + " by tag, not digest: whoever controls the tag "
              "controls the code" + (pull_always ? ", and --pull always fetches it on every start" : "");
  f.evidence = a.launcher + " run " + a.spec;
  f.remediation = "pin the digest (" + a.name + "@sha256:…); docker image inspect --format '{{index .RepoDigests 0}}' " +
                  a.spec + " shows the one you have";
}

std::string HostAccessWhy(std::string_view name) {
  if (name == "--privileged") return "every device and capability of the host: a container escape is one step";
  if (name == "--use-api-socket") return "the Docker API: it can start a privileged container of its own";
  return "a host path that holds the machine or the user's secrets";
}

std::string IsolationWhy(std::string_view name) {
  if (name == "--cap-add") return "adds a kernel capability";
  if (name == "--security-opt") return "turns off a kernel security profile";
  if (name == "--device") return "gets a host device";
  if (name == "-p" || name == "--publish" || name == "-P" || name == "--publish-all") {
    return "listens on every network interface, not only this machine";
  }
  if (name == "-H" || name == "--host" || name == "--url" || name == "--remote" || name == "-r") {
    return "runs on a remote container daemon";
  }
  return "shares a host namespace (network, processes or IPC)";
}

void CheckContainerFlags(Context& cx) {
  if (cx.ecosystem != "docker") return;
  for (const std::string& flag : cx.artifact.flags) {
    const std::string_view name = FlagName(flag);
    if (name == "--pull") continue;
    const bool host = OneOf({"--privileged", "--use-api-socket", "-v", "--volume", "--mount"}, name);
    Finding& f = cx.Add(host ? kHostAccess : kIsolationOff, host ? Severity::kCritical : Severity::kHigh);
    f.message = cx.Who() + "'s container " + (host ? "gets " + HostAccessWhy(name) : IsolationWhy(name)) + " (" + flag + ")";
    f.evidence = cx.artifact.launcher + " run " + flag;
    f.remediation = host ? "drop " + std::string(name) + "; mount only the project directory the server needs, read-only where possible"
                         : "drop " + std::string(name) + " unless the server cannot work without it";
    if (name == "-p" || name == "--publish") f.remediation = "publish on this machine only (-p 127.0.0.1:HOST:CONTAINER), or drop it";
  }
}

// ---- 005: code in writable places ------------------------------------------------

void CheckPaths(Context& cx, const PathFacts* facts) {
  const Artifact& a = cx.artifact;
  std::vector<std::pair<std::string, std::string>> paths;  // what, path
  if (cx.server.command.find_first_of("/\\") != std::string::npos) paths.emplace_back("command", cx.server.command);
  if ((a.kind == "script" || a.kind == "jar") && !a.spec.empty() && a.spec[0] != '-') paths.emplace_back(a.kind, a.spec);
  if (!cx.server.cwd.empty()) paths.emplace_back("working directory", cx.server.cwd);
  for (const auto& [what, path] : paths) {
    if (!InTempDir(path)) continue;
    Finding& f = cx.Add(kWritableDir, Severity::kHigh);
    f.message = cx.Who() + "'s " + what + " is in a temporary or download directory: anything that can write there "
                "can change what runs";
    f.evidence = what + " " + path;
    f.remediation = "install the server somewhere only you can write (~/.local, /opt, a project directory) and point "
                    "the config there";
  }
  if (facts == nullptr || (!facts->world_writable && !facts->other_owner)) return;
  Finding& f = cx.Add(kWritableDir, Severity::kHigh);
  f.message = cx.Who() + " runs a file that " +
              std::string(facts->world_writable ? "every user can modify" : "another user owns") +
              ": they can change what runs with your access";
  f.evidence = (a.path.empty() ? a.spec : a.path) + (facts->world_writable ? "; writable by others" : "") +
               (facts->other_owner ? "; owned by another user" : "");
  f.remediation = "chown it to yourself and chmod go-w the file and its directories, or reinstall it";
}

// ---- 006, 007: env ------------------------------------------------------------

bool IsLoaderVariable(const std::string& name) {
  if (StartsWith(name, "DYLD_") || StartsWith(name, "GIT_CONFIG") || StartsWith(name, "CORECLR_PROFILER")) return true;
  return OneOf({"LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "NODE_PATH", "PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME",
                "PERL5OPT", "PERL5LIB", "PERLLIB", "RUBYOPT", "RUBYLIB", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS",
                "JDK_JAVA_OPTIONS", "DOTNET_STARTUP_HOOKS", "COR_PROFILER", "COR_ENABLE_PROFILING",
                "CORECLR_ENABLE_PROFILING", "BASH_ENV", "ENV", "PROMPT_COMMAND", "GIT_SSH_COMMAND", "GIT_SSH",
                "GIT_EXEC_PATH", "GIT_ASKPASS", "SSH_ASKPASS"},
               name);
}

// NODE_OPTIONS flags that load or expose code.
std::string NodeLoaderFlag(std::string_view value) {
  for (const std::string& word : SplitCommandLine(value)) {
    const std::string name = word.substr(0, word.find('='));
    if (OneOf({"--require", "-r", "--import", "--loader", "--experimental-loader"}, name) || StartsWith(name, "--inspect")) {
      return name;
    }
  }
  return "";
}

void CheckLoaderEnv(Context& cx, const NamedValue& v) {
  const std::string name = ToUpper(v.name);
  const bool literal = v.reference.empty();
  std::string detail;
  if (name == "NODE_OPTIONS") {
    if (!literal) return;
    detail = NodeLoaderFlag(v.value);
    if (detail.empty()) return;
  } else if (name == "PATH") {
    if (!literal || !MentionsTempDir(v.value)) return;
    detail = "a temporary directory on the search path";
  } else if (name == "ELECTRON_RUN_AS_NODE") {
    if (literal && (v.value.empty() || v.value == "0")) return;
  } else if (!IsLoaderVariable(name)) {
    return;
  }
  const bool temp = literal && MentionsTempDir(v.value);
  Finding& f = cx.Add(kLoader, temp ? Severity::kCritical : Severity::kHigh, v.pos);
  f.message = v.name + " in " + cx.Who() + "'s env loads code into the server before it starts" +
              (temp ? ", from a temporary directory" : "");
  f.evidence = "env." + v.name + (detail.empty() ? "" : " (" + detail + ")") + (literal ? "" : " (set from " + v.reference + ")");
  f.remediation = "remove " + v.name + " from the server's env unless you put it there and know what it loads";
}

enum class Intercept { kNone, kProxy, kCa, kTlsOff };

Intercept InterceptKind(const std::string& name, const std::string& value) {
  if (OneOf({"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NPM_CONFIG_PROXY", "NPM_CONFIG_HTTPS_PROXY",
             "GLOBAL_AGENT_HTTP_PROXY", "GLOBAL_AGENT_HTTPS_PROXY", "PIP_PROXY"},
            name)) {
    return Intercept::kProxy;
  }
  if (OneOf({"NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE",
             "GIT_SSL_CAINFO", "PIP_CERT", "NPM_CONFIG_CAFILE", "NPM_CONFIG_CA"},
            name)) {
    return value.empty() ? Intercept::kNone : Intercept::kCa;
  }
  const std::string v = ToLower(value);
  if ((name == "NODE_TLS_REJECT_UNAUTHORIZED" || name == "PYTHONHTTPSVERIFY") && v == "0") return Intercept::kTlsOff;
  if ((name == "GIT_SSL_NO_VERIFY" || name == "UV_INSECURE_HOST") && !v.empty() && v != "0" && v != "false") return Intercept::kTlsOff;
  if (name == "NPM_CONFIG_STRICT_SSL" && v == "false") return Intercept::kTlsOff;
  return Intercept::kNone;
}

void CheckInterception(Context& cx) {
  struct Hit {
    const NamedValue* v;
    Intercept kind;
    std::string host;
  };
  std::vector<Hit> hits;
  bool remote_proxy = false, weakened_tls = false;
  ForEachEnv(cx.server, [&](const NamedValue& v) {
    if (!v.reference.empty()) return;  // value unknown here: nothing to compare
    const Intercept kind = InterceptKind(ToUpper(v.name), v.value);
    if (kind == Intercept::kNone) return;
    const std::string host = kind == Intercept::kProxy ? UrlHost(v.value) : "";
    if (kind == Intercept::kProxy && (host.empty() || IsLoopback(host))) return;
    remote_proxy = remote_proxy || kind == Intercept::kProxy;
    weakened_tls = weakened_tls || kind != Intercept::kProxy;
    hits.push_back({&v, kind, host});
  });
  // A proxy on another machine plus a CA it controls (or no verification) reads everything.
  const Severity severity = remote_proxy && weakened_tls ? Severity::kCritical : Severity::kHigh;
  for (const Hit& h : hits) {
    Finding& f = cx.Add(kIntercept, severity, h.v->pos);
    if (h.kind == Intercept::kProxy) {
      f.message = h.v->name + " sends " + cx.Who() + "'s traffic, tokens included, through " + h.host;
    } else if (h.kind == Intercept::kCa) {
      f.message = h.v->name + " makes " + cx.Who() + " trust an extra certificate authority: its holder can read the TLS traffic";
    } else {
      f.message = h.v->name + " turns off TLS certificate checks for " + cx.Who() + ": anyone on the path can read its traffic";
    }
    f.evidence = "env." + h.v->name + (h.host.empty() ? "" : " -> " + h.host);
    f.remediation = "remove " + h.v->name + " from the server's env unless it is your organisation's own setting";
  }
}

void CheckEnv(Context& cx) {
  ForEachEnv(cx.server, [&](const NamedValue& v) { CheckLoaderEnv(cx, v); });
  CheckInterception(cx);
}

// ---- 008, 009, 010: the command line ----------------------------------------------

bool IsDownloader(std::string_view word) {
  return OneOf({"curl", "wget", "iwr", "irm", "invoke-webrequest", "invoke-restmethod", "certutil", "bitsadmin",
                "fetch", "http", "https", "aria2c"},
               word);
}

bool IsInterpreter(std::string_view word) {
  return OneOf({"sh", "bash", "zsh", "dash", "ksh", "fish", "python", "python3", "python2", "node", "perl", "ruby", "php",
                "iex", "invoke-expression", "pwsh", "powershell", "cmd", "source", ".", "deno", "bun"},
               word);
}

// The whole launch line, as one shell text: the inner lines of wrappers
// arrive as single args, so joining exposes their pipes and chains.
std::string LaunchText(const Server& s) {
  std::string text = s.command;
  for (const std::string& a : s.args) text += " " + a;
  return text;
}

std::string FirstWord(const std::vector<std::string>& words, size_t at) {
  for (; at < words.size(); ++at) {
    const std::string name = CommandName(words[at]);
    if (name != "sudo" && name != "exec" && name != "env") return name;
  }
  return "";
}

bool IsOperator(std::string_view w) { return OneOf({"|", "||", "&&", ";", "&"}, w); }

// Where a command starts: the line's start, after an operator, or after a
// shell's "-c" / "/c" / "-Command" (the inner line of a wrapper).
bool IsCommandStart(const std::vector<std::string>& words, size_t i) {
  if (i == 0) return true;
  const std::string prev = ToLower(words[i - 1]);
  return IsOperator(prev) || OneOf({"-c", "-lc", "-ic", "-ec", "/c", "/k", "-command", "--command"}, prev);
}

// "curl … | sh", "base64 -d | bash", "curl -o f … && sh f"
std::string PipelineReason(const std::vector<std::string>& words) {
  bool download = false;
  std::vector<std::string> saved;  // files a downloader wrote
  for (size_t i = 0; i < words.size(); ++i) {
    const bool start = IsCommandStart(words, i);
    if (!start) {
      if ((words[i] == "-o" || words[i] == "-O" || words[i] == "--output") && download && i + 1 < words.size()) saved.push_back(words[i + 1]);
      continue;
    }
    const std::string first = FirstWord(words, i);
    if (i > 0 && words[i - 1] == "|" && download && IsInterpreter(first)) return "a download piped into " + first;
    if (i > 0 && !saved.empty() && std::any_of(saved.begin(), saved.end(), [&](const std::string& f) {
          return words[i] == f || (i + 1 < words.size() && words[i + 1] == f && IsInterpreter(first));
        })) {
      return "a downloaded file run";
    }
    if (i > 0 && words[i - 1] != "|") download = false;
    if (IsDownloader(first)) download = true;
    if (first == "base64") download = true;  // an encoded payload decoded into a shell is the same thing
  }
  return "";
}

std::string SubstitutionReason(const std::string& lower) {
  for (std::string_view p : {"$(curl", "$(wget", "`curl", "`wget", "<(curl", "<(wget", "$(iwr", "$(irm"}) {
    if (lower.find(p) != std::string::npos) return "output of " + std::string(p.substr(p.find_first_of("cwi"))) + " run as code";
  }
  const bool fetches = lower.find("downloadstring") != std::string::npos || lower.find("iwr ") != std::string::npos ||
                       lower.find("irm ") != std::string::npos || lower.find("invoke-webrequest") != std::string::npos ||
                       lower.find("invoke-restmethod") != std::string::npos || lower.find("net.webclient") != std::string::npos;
  const bool runs = lower.find("iex") != std::string::npos || lower.find("invoke-expression") != std::string::npos;
  if (fetches && runs) return "a download run with Invoke-Expression";
  return "";
}

std::string ArtifactReason(const Artifact& a) {
  if (a.kind == "npm" || (a.kind == "remote" && a.launcher != "" && ArtifactEcosystem(a) == "npm")) {
    if (a.pin == "url") return "a package fetched from a URL, outside the registry";
    if (a.pin == "git" && !a.pinned) return "a package built from a git ref that can move";
  }
  if (a.kind == "script" && a.pin == "url") return "a script fetched from a URL";
  return "";
}

void CheckDownloadRun(Context& cx) {
  const std::string text = LaunchText(cx.server);
  std::string reason = ArtifactReason(cx.artifact);
  if (reason.empty()) reason = PipelineReason(SplitCommandLine(text));
  if (reason.empty()) reason = SubstitutionReason(ToLower(text));
  if (reason.empty()) return;
  std::string host;
  for (const std::string& w : SplitCommandLine(text)) {
    if (StartsWith(ToLower(w), "http://") || StartsWith(ToLower(w), "https://")) {
      host = UrlHost(w);
      break;
    }
  }
  Finding& f = cx.Add(kDownloadRun, Severity::kCritical);
  f.message = cx.Who() + " downloads code and runs it on every start (" + reason + ")";
  f.evidence = reason + (host.empty() ? "" : "; from " + host);
  f.remediation = "install the server once from a pinned, verified source and run the installed copy";
}

void CheckShell(Context& cx) {
  const Artifact& a = cx.artifact;
  const bool encoded = a.launcher.find("-EncodedCommand") != std::string::npos;
  const bool inline_code = a.kind == "script" && a.pin == "none";
  if (a.wrapper.empty() && !encoded && !inline_code) return;
  Finding& f = cx.Add(kShell, encoded ? Severity::kHigh : Severity::kMedium);
  if (encoded) {
    f.message = cx.Who() + " runs an encoded PowerShell command: what it does is hidden from review";
    f.evidence = a.launcher;
  } else if (!a.wrapper.empty()) {
    f.message = cx.Who() + " starts through a shell (" + a.wrapper + "): the line is shell code, open to chaining and "
                "expansion, and harder to pin";
    f.evidence = a.wrapper + (a.launcher.empty() ? "" : " -> " + a.launcher);
  } else {
    f.message = cx.Who() + " runs inline code (" + a.launcher + " " + a.spec + ") instead of a file";
    f.evidence = a.launcher + " " + a.spec;
  }
  f.remediation = "run the server's executable directly (command + args, no shell), with its environment in env";
}

struct SecretFile {
  std::string_view needle;  // lower case, '/' separators
  std::string_view label;
};

constexpr SecretFile kSecretFiles[] = {
    {".ssh/id_", "~/.ssh/id_* (an SSH private key)"},
    {".ssh/identity", "~/.ssh/identity (an SSH private key)"},
    {".aws/credentials", "~/.aws/credentials (AWS keys)"},
    {"/environ", "/proc/*/environ (a process's environment: every secret in it)"},
    {".git-credentials", "~/.git-credentials (git passwords and tokens)"},
    {".netrc", "~/.netrc (passwords)"},
    {".npmrc", "~/.npmrc (npm tokens)"},
    {".pypirc", "~/.pypirc (PyPI tokens)"},
    {".docker/config.json", "~/.docker/config.json (registry credentials)"},
    {".kube/config", "~/.kube/config (cluster credentials)"},
    {"gcloud/application_default_credentials.json", "gcloud application default credentials"},
    {"gcloud/credentials.db", "gcloud credentials"},
    {".config/gh/hosts.yml", "the GitHub CLI's token file"},
    {".gnupg/", "~/.gnupg (private keys)"},
    {"/etc/shadow", "/etc/shadow (password hashes)"},
    {"keychains/login.keychain", "the macOS login keychain"},
};

bool NamesSecretFile(const std::string& arg, const SecretFile& s) {
  if (arg.find(s.needle) == std::string::npos) return false;
  if (s.needle == "/environ") return arg.find("/proc/") != std::string::npos;
  if (StartsWith(s.needle, ".ssh/")) return !EndsWith(arg, ".pub");  // a public key is no secret
  return true;
}

// Docker mounts are reported by 003, not here.
bool IsMountValue(const Server& s, size_t i) {
  const std::string& a = s.args[i];
  if (StartsWith(a, "--volume=") || StartsWith(a, "--mount=") || StartsWith(a, "-v=")) return true;
  return i > 0 && OneOf({"-v", "--volume", "--mount"}, s.args[i - 1]);
}

bool Exfiltrates(const std::string& lower_text) {
  for (const std::string& w : SplitCommandLine(lower_text)) {
    if (OneOf({"curl", "wget", "nc", "ncat", "netcat", "scp", "rsync", "ftp", "socat", "telnet", "sftp"}, CommandName(w))) return true;
  }
  return lower_text.find("$(cat") != std::string::npos || lower_text.find("`cat") != std::string::npos;
}

void CheckSecretFiles(Context& cx) {
  const std::string lower_text = ToLower(LaunchText(cx.server));
  const bool exfil = Exfiltrates(lower_text);
  for (size_t i = 0; i < cx.server.args.size(); ++i) {
    if (IsMountValue(cx.server, i)) continue;
    std::string arg = ToLower(cx.server.args[i]);
    std::replace(arg.begin(), arg.end(), '\\', '/');
    for (const SecretFile& s : kSecretFiles) {
      if (!NamesSecretFile(arg, s)) continue;
      const bool sent = exfil || arg.find('@') != std::string::npos || s.needle == "/environ";
      Finding& f = cx.Add(kSecretFile, sent ? Severity::kCritical : Severity::kHigh);
      f.message = cx.Who() + "'s command line " + (sent ? "reads and can send " : "hands the server ") + std::string(s.label);
      f.evidence = "args[" + std::to_string(i) + "] names " + std::string(s.label);
      f.remediation = sent ? "remove the server and rotate the credentials in that file: this is the shape of the MCP "
                             "spec's own exfiltration example"
                           : "check that the server needs this file; give it a dedicated, narrowly scoped key instead";
      break;
    }
  }
}

// ---- 011: package sources ------------------------------------------------------

bool IsPublicRegistry(std::string_view host) {
  return OneOf({"registry.npmjs.org", "registry.npmjs.com", "registry.yarnpkg.com", "pypi.org", "pypi.python.org",
                "files.pythonhosted.org"},
               host);
}

bool IsSourceFlag(std::string_view name) {
  return EndsWith(name, ":registry") || OneOf({"--registry", "--userconfig", "--globalconfig", "-i", "--index-url",
                                                "--extra-index-url", "--index", "--default-index", "--find-links", "-f",
                                                "--pip-args", "--allow-insecure-host"},
                                               name);
}

void AddRegistry(Context& cx, const std::string& what, const std::string& host, model::SourcePos pos) {
  Finding& f = cx.Add(kRegistry, Severity::kHigh, pos);
  if (what == "--userconfig" || what == "--globalconfig") {
    f.message = cx.Who() + " reads npm settings, the registry included, from another file (" + what + ")";
  } else if (what == "--allow-insecure-host") {
    f.message = cx.Who() + " accepts packages from " + host + " without checking its certificate";
  } else {
    f.message = cx.Who() + " installs packages from " + (host.empty() ? std::string("another index") : host) + " (" +
                what + "): that index decides what code runs";
  }
  f.evidence = what + (host.empty() ? "" : " -> " + host);
  f.remediation = "use the public registry, or your organisation's mirror, set in your own npm/pip/uv config rather "
                  "than in the server entry";
}

void CheckRegistryFlags(Context& cx) {
  for (const std::string& flag : cx.artifact.flags) {
    const std::string_view name = FlagName(flag);
    if (!IsSourceFlag(name)) continue;
    const std::string_view value = FlagValue(flag);
    if (name == "--pip-args" && value.find("index-url") == std::string_view::npos && value.find("-i ") == std::string_view::npos) continue;
    std::string host = UrlHost(value);
    if (name == "--pip-args") host.clear();
    if (IsPublicRegistry(host)) continue;
    AddRegistry(cx, std::string(name), host, {});
  }
  if (cx.ecosystem != "npm" && cx.ecosystem != "pypi") return;
  ForEachEnv(cx.server, [&](const NamedValue& v) {
    const std::string name = ToUpper(v.name);
    const bool source = (StartsWith(name, "NPM_CONFIG_") && EndsWith(name, "REGISTRY")) ||
                        OneOf({"PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "UV_INDEX_URL", "UV_DEFAULT_INDEX",
                               "UV_EXTRA_INDEX_URL", "UV_INDEX", "UV_FIND_LINKS", "BUN_CONFIG_REGISTRY",
                               "YARN_NPM_REGISTRY_SERVER"},
                              name);
    if (!source || !v.reference.empty()) return;
    const std::string host = UrlHost(v.value);
    if (host.empty() || IsPublicRegistry(host)) return;
    AddRegistry(cx, "env." + v.name, host, v.pos);
  });
}

}  // namespace

std::string LookalikeReason(std::string_view ecosystem, std::string_view name, std::string_view known) {
  return Imitates(ecosystem, name, known);
}
bool IsTempPath(std::string_view path) { return InTempDir(path); }
bool IsLoopbackHost(std::string_view host) { return IsLoopback(host); }
std::string HostOfUrl(std::string_view value) { return UrlHost(value); }

std::vector<Finding> LaunchFindings(const ConfigFile& config, const Server& server, const Artifact& artifact,
                                    const PackageRules& packages, const PathFacts* facts) {
  std::vector<Finding> out;
  Context cx{config, server, artifact, packages, ArtifactEcosystem(artifact), out};
  CheckPackages(cx);
  CheckImage(cx);
  CheckContainerFlags(cx);
  CheckPaths(cx, facts);
  CheckEnv(cx);
  CheckDownloadRun(cx);
  CheckShell(cx);
  CheckSecretFiles(cx);
  CheckRegistryFlags(cx);
  return out;
}

}  // namespace mcpguard::pinning

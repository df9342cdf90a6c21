// End-to-end: what each server runs, pinned by hash (threats.md §6). Fake
// homes with a Cursor config, scanned by the built binary. Expected values
// are computed here independently of mcpguard: npx cache keys and file
// hashes with OpenSSL, tree digests by re-implementing the
// documented mcpguard.tree/1 text (pinning/hash.h) over std::filesystem, npm
// versions and integrities read from the lockfile npm itself wrote.
//
// One test runs the real npx (it needs the npm registry); the others use
// tests/fixtures/npx/semver-7.6.3, a trimmed copy of what that npx wrote, and
// run offline.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <openssl/evp.h>

#include "base/process.h"
#include "support/evidence.h"
#include "support/npx_fixture.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

// ----------------------------------------------------------------- helpers

std::string Sha256OfFile(const std::string& path) { return Sha256OfText(ReadFile(path)); }

std::string RealPath(const std::string& path) {
  char buf[PATH_MAX];
  return ::realpath(path.c_str(), buf) != nullptr ? std::string(buf) : path;
}

// mcpguard.tree/1's escaping: bytes <= 0x20, 0x7f and '\' as \xHH.
std::string Escape(const std::string& raw) {
  std::string out;
  for (const char c : raw) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b == 0x7f || c == '\\') {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(b));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

struct Tree {
  std::string sha256;
  uint64_t files = 0;
};

// The tree digest of `root` as pinning/hash.h documents it, computed here.
Tree ExpectedTree(const std::string& root) {
  std::vector<std::pair<std::string, std::string>> lines;  // relpath, line
  std::vector<std::pair<std::string, std::string>> files;  // relpath, "x"/"-"
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path& p = it->path();
    const std::string rel = p.lexically_relative(root).generic_string();
    const fs::file_status st = it->symlink_status();
    if (fs::is_symlink(st)) {
      lines.emplace_back(rel, "L " + Escape(fs::read_symlink(p).string()) + " " + Escape(rel));
    } else if (fs::is_regular_file(st)) {
      const bool exec = (st.permissions() & (fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec)) !=
                        fs::perms::none;
      files.emplace_back(rel, exec ? "x" : "-");
    } else if (fs::is_directory(st)) {
      if (fs::is_empty(p)) lines.emplace_back(rel, "D " + Escape(rel));
    } else {
      lines.emplace_back(rel, "O " + Escape(rel));
    }
  }
  for (const auto& [rel, mode] : files) {
    lines.emplace_back(rel, "F " + mode + " " + Sha256OfFile(root + "/" + rel) + " " + Escape(rel));
  }
  std::sort(lines.begin(), lines.end());
  std::string text = "mcpguard.tree/1\n";
  for (const auto& line : lines) text += line.second + "\n";
  return Tree{Sha256OfText(text), files.size()};
}

// A file of `mode` with `content`, its times set in the past.
std::string WriteFile(const TempDir& t, const std::string& rel, const std::string& content, mode_t mode) {
  const std::string path = t.Write(rel, content);
  REQUIRE(::chmod(path.c_str(), mode) == 0);
  SetTimes(path, kPast);
  return path;
}

std::string WriteConfig(const TempDir& t, const json& servers) {
  const std::string path = t.Write("home/.cursor/mcp.json", json{{"mcpServers", servers}}.dump(2));
  ::chmod(path.c_str(), 0600);
  return path;
}

Run ScanRun(const TempDir& t, const Env& env = {}, const std::string& format = "json") {
  t.MakeDir("root");
  return RunMcpguard({"scan", "--format", format, "--os", "linux", "--root", t.Path("root"), "--no-cwd"},
                     t.MakeDir("home"), env);
}

json Scan(const TempDir& t, const Env& env = {}) {
  const Run r = ScanRun(t, env);
  INFO("stderr: " << r.err);
  // 1: findings at or above the default --fail-on (high).
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  json snap = r.Json();
  CHECK(snap.at("status") == "complete");
  return snap;
}

const json& Server(const json& snap, const std::string& name) {
  for (const json& c : snap.at("configs")) {
    for (const json& s : c.at("servers")) {
      if (s.at("name") == name) return s;
    }
  }
  FAIL("no server " << name << " in " << snap.at("configs").dump());
  throw std::logic_error("unreachable");
}

const json& Artifact(const json& snap, const std::string& name) {
  const json& s = Server(snap, name);
  INFO("server " << s.dump());
  REQUIRE(s.contains("artifact"));
  return s.at("artifact");
}

std::vector<json> Findings(const json& snap, const std::string& server, const std::string& id) {
  std::vector<json> out;
  for (const json& f : snap.at("findings")) {
    if (f.at("server") == server && f.at("id") == id) out.push_back(f);
  }
  return out;
}

std::string S(const json& j, const char* key) { return j.contains(key) ? j.at(key).get<std::string>() : std::string(); }

bool IsHex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// What mcpguard calls a temporary directory (checks.cc InTempDir), for the
// paths this test creates: all of them live under $TMPDIR, usually /tmp.
bool UnderTmp(const std::string& path) {
  for (const char* p : {"/tmp/", "/var/tmp/", "/dev/shm/"}) {
    if (path.rfind(p, 0) == 0) return true;
  }
  return false;
}

bool MentionsWritableByOthers(const json& f) {
  return f.at("message").get<std::string>().find("every user can modify") != std::string::npos;
}

// The npm package fields every resolved copy of semver 7.6.3 must show.
void CheckSemverArtifact(const json& a, const std::string& entry_dir) {
  INFO("artifact " << a.dump());
  const json lock = json::parse(ReadFile(entry_dir + "/package-lock.json"));
  const json& node = lock.at("packages").at("node_modules/semver");
  CHECK(a.at("kind") == "npm");
  CHECK(S(a, "launcher") == "npx");
  CHECK(S(a, "spec") == kSemverSpec);
  CHECK(S(a, "name") == "semver");
  CHECK(S(a, "version") == "7.6.3");
  CHECK(a.at("pin") == "exact");
  CHECK(a.at("pinned") == true);
  CHECK(S(a, "installed_version") == node.at("version").get<std::string>());
  CHECK(S(a, "installed_version") == "7.6.3");
  CHECK_THAT(S(a, "integrity"), StartsWith("sha512-"));
  CHECK(S(a, "integrity") == node.at("integrity").get<std::string>());
  CHECK(S(a, "path") == entry_dir + "/node_modules/semver");
  const Tree tree = ExpectedTree(entry_dir + "/node_modules/semver");
  CHECK(IsHex64(S(a, "tree_sha256")));
  CHECK(S(a, "tree_sha256") == tree.sha256);
  REQUIRE(a.contains("files"));
  CHECK(a.at("files").get<uint64_t>() == tree.files);
  CHECK(tree.files > 0);
  CHECK(S(a, "resolution") == "resolved");
  CHECK_FALSE(a.contains("sha256"));
}

json NpxServer(const std::string& spec, const std::string& cache = {}) {
  json s = {{"command", "npx"}, {"args", {"-y", spec}}};
  if (!cache.empty()) s["env"] = {{"npm_config_cache", cache}};
  return s;
}

// ------------------------------------------------------------ npm / npx

// The real thing: npx fills its own cache, mcpguard finds and hashes it.
TEST_CASE("pinning: a real npx cache entry made by npx is found, versioned and hashed", "[e2e][pinning]") {
  TempDir t;
  const std::string home = t.MakeDir("home");
  const std::string cache = t.Path("npmcache");
  ProcessOptions o;
  o.argv = {"npx", "-y", kSemverSpec, "1.2.3"};
  o.env = std::vector<std::string>{"npm_config_cache=" + cache, "HOME=" + home, "npm_config_update_notifier=false",
                                   "npm_config_fund=false", "npm_config_audit=false",
                                   // fail in seconds, not a minute, without the registry
                                   "npm_config_fetch_retries=1", "npm_config_fetch_retry_mintimeout=1000",
                                   "npm_config_fetch_retry_maxtimeout=3000"};
  // What the machine needs to reach its registry.
  for (const char* keep : {"PATH", "TMPDIR", "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                           "NO_PROXY", "npm_config_registry", "NPM_CONFIG_REGISTRY", "NODE_EXTRA_CA_CERTS"}) {
    if (const char* v = std::getenv(keep)) o.env->push_back(std::string(keep) + "=" + v);
  }
  o.cwd = t.MakeDir("work");
  o.timeout_ms = 180'000;
  auto r = RunProcess(o);
  const bool ok = r && !r->timed_out && r->exit_code == 0 && r->out == "1.2.3\n";
  if (!ok) {
    const std::string why = !r ? r.error().ToString()
                               : "exit " + std::to_string(r->exit_code) + (r->timed_out ? " (timed out)" : "") +
                                     "\nstdout: " + r->out + "\nstderr: " + r->err;
    const char* offline = std::getenv("MCPGUARD_OFFLINE");
    if (offline != nullptr && std::string(offline) == "1") {
      WARN("SKIPPED (MCPGUARD_OFFLINE=1): npx -y semver@7.6.3 failed: " << why);
      return;
    }
    FAIL("npx -y semver@7.6.3 failed (set MCPGUARD_OFFLINE=1 to skip without the npm registry): " << why);
  }

  // npx's own layout (threats.md §6.1): one entry, named by the spec's key.
  const std::string key = NpxKey(kSemverSpec);
  REQUIRE(key.size() == 16);
  std::vector<std::string> entries;
  for (const auto& e : fs::directory_iterator(cache + "/_npx")) entries.push_back(e.path().filename().string());
  CHECK(entries == std::vector<std::string>{key});
  const std::string entry = cache + "/_npx/" + key;
  const json pkg = json::parse(ReadFile(entry + "/package.json"));
  CHECK(pkg.at("_npx").at("packages") == json::array({kSemverSpec}));
  const json lock = json::parse(ReadFile(entry + "/package-lock.json"));
  CHECK(lock.at("lockfileVersion") == 3);

  WriteConfig(t, {{"semver", NpxServer(kSemverSpec, cache)}});
  const json snap = Scan(t);
  CheckSemverArtifact(Artifact(snap, "semver"), entry);
  CHECK(Findings(snap, "semver", "MCPG-LAUNCH-001").empty());
  CHECK(snap.at("stats").at("files_hashed").get<uint64_t>() + snap.at("stats").at("files_from_cache").get<uint64_t>() ==
        Artifact(snap, "semver").at("files").get<uint64_t>());
}

// The offline copy, where npm would look: the server's npm_config_cache,
// else the user's, else ~/.npm.
TEST_CASE("pinning: the fixture npx entry resolves from the server's cache, the user's, or ~/.npm", "[e2e][pinning]") {
  const json fixture_pkg = json::parse(ReadFile(NpxFixtureDir() + "/package.json"));
  REQUIRE(fixture_pkg.at("_npx").at("packages") == json::array({kSemverSpec}));
  REQUIRE(json::parse(ReadFile(NpxFixtureDir() + "/package-lock.json")).at("lockfileVersion") == 3);

  TempDir t;
  const std::string server_cache = t.Path("server-cache");
  const std::string user_cache = t.Path("user-cache");
  const std::string server_entry = InstallNpxFixture(server_cache);
  const std::string user_entry = InstallNpxFixture(user_cache);
  const std::string home_entry = InstallNpxFixture(t.Path("home/.npm"));
  CHECK(fs::path(server_entry).filename().string() == NpxKey(kSemverSpec));
  struct stat st {};
  REQUIRE(::stat((server_entry + "/node_modules/semver/bin/semver.js").c_str(), &st) == 0);
  CHECK((st.st_mode & 0111) != 0);  // the copy kept the bin's exec bit

  SECTION("the server's npm_config_cache wins over the user's") {
    WriteConfig(t, {{"semver", NpxServer(kSemverSpec, server_cache)}});
    const json snap = Scan(t, {{"npm_config_cache", user_cache}});
    CheckSemverArtifact(Artifact(snap, "semver"), server_entry);
    CHECK(Findings(snap, "semver", "MCPG-LAUNCH-001").empty());
  }
  SECTION("else the user's npm_config_cache") {
    WriteConfig(t, {{"semver", NpxServer(kSemverSpec)}});
    CheckSemverArtifact(Artifact(Scan(t, {{"npm_config_cache", user_cache}}), "semver"), user_entry);
  }
  SECTION("else ~/.npm") {
    WriteConfig(t, {{"semver", NpxServer(kSemverSpec)}});
    CheckSemverArtifact(Artifact(Scan(t), "semver"), home_entry);
  }
}

// npx runs a global install the spec accepts before anything in its cache
// (libnpmexec): with semver@7.6.3 installed under the server's
// npm_config_prefix, the pin is that global copy, not the npx cache entry.
TEST_CASE("pinning: a global install of the exact version shadows the npx cache", "[e2e][pinning]") {
  TempDir t;
  const std::string cache = t.Path("npmcache");
  InstallNpxFixture(cache);
  const std::string prefix = t.Path("global");
  const std::string global = prefix + "/lib/node_modules/semver";
  MakeDirs(prefix + "/lib/node_modules");
  fs::copy(NpxFixtureDir() + "/node_modules/semver", global, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  SetTreeTimes(prefix, kPast);

  SECTION("an exact pin runs the global copy") {
    json server = NpxServer(kSemverSpec, cache);
    server["env"]["npm_config_prefix"] = prefix;
    WriteConfig(t, {{"semver", server}});
    const json a = Artifact(Scan(t), "semver");
    INFO(a.dump());
    CHECK(S(a, "path") == global);
    CHECK(S(a, "installed_version") == "7.6.3");
    CHECK(S(a, "tree_sha256") == ExpectedTree(global).sha256);
    CHECK_THAT(S(a, "resolution"), Contains("global install"));
  }
  SECTION("a bare name may run it: the cache is pinned and the global copy named") {
    const std::string bare_entry = InstallNpxFixture(cache, "semver");
    json server = NpxServer("semver", cache);
    server["env"]["npm_config_prefix"] = prefix;
    WriteConfig(t, {{"semver", server}});
    const json a = Artifact(Scan(t), "semver");
    INFO(a.dump());
    CHECK(S(a, "path") == bare_entry + "/node_modules/semver");
    CHECK(S(a, "global_shadow") == "semver@7.6.3 at " + global);
  }
  SECTION("another version in the global tree does not shadow an exact pin") {
    std::string pkg = ReadFile(global + "/package.json");
    const size_t at = pkg.find("\"version\": \"7.6.3\"");
    REQUIRE(at != std::string::npos);
    pkg.replace(at, 18, "\"version\": \"7.5.0\"");
    t.Write("global/lib/node_modules/semver/package.json", pkg);
    json server = NpxServer(kSemverSpec, cache);
    server["env"]["npm_config_prefix"] = prefix;
    WriteConfig(t, {{"semver", server}});
    const json a = Artifact(Scan(t), "semver");
    CHECK(S(a, "path") == cache + "/_npx/" + NpxKey(kSemverSpec) + "/node_modules/semver");
    CHECK_FALSE(a.contains("global_shadow"));
  }
}

TEST_CASE("pinning: one changed byte in the cached package changes tree_sha256 and nothing else", "[e2e][pinning]") {
  TempDir t;
  const std::string cache = t.Path("npmcache");
  const std::string entry = InstallNpxFixture(cache);
  WriteConfig(t, {{"semver", NpxServer(kSemverSpec, cache)}});
  const json before = Scan(t);
  CheckSemverArtifact(Artifact(before, "semver"), entry);

  // Same size, same mtime: only the content (and the ctime) differ.
  const std::string file = entry + "/node_modules/semver/index.js";
  std::string content = ReadFile(file);
  REQUIRE(content.size() > 100);
  content[100] = content[100] == 'x' ? 'y' : 'x';
  t.Write(fs::path(file).lexically_relative(t.path()).string(), content);
  SetTimes(file, kPast);

  const json after = Scan(t);
  json a = Artifact(before, "semver"), b = Artifact(after, "semver");
  CHECK(a.at("tree_sha256") != b.at("tree_sha256"));
  CHECK(S(b, "tree_sha256") == ExpectedTree(entry + "/node_modules/semver").sha256);
  a.erase("tree_sha256");
  b.erase("tree_sha256");
  CHECK(a == b);
  CHECK(before.at("findings") == after.at("findings"));
}

TEST_CASE("pinning: unpinned npx specs map to other cache keys and are reported unpinned", "[e2e][pinning]") {
  TempDir t;
  const std::string cache = t.Path("npmcache");
  InstallNpxFixture(cache);  // only semver@7.6.3 is cached
  const std::vector<std::pair<std::string, std::string>> specs = {
      {"semver", "bare"}, {"semver@^7", "range"}, {"semver@latest", "tag"}};
  json servers = json::object();
  for (const auto& [spec, pin] : specs) {
    CHECK(NpxKey(spec) != NpxKey(kSemverSpec));
    servers[pin] = NpxServer(spec, cache);
  }
  WriteConfig(t, servers);
  const json snap = Scan(t);
  for (const auto& [spec, pin] : specs) {
    INFO("spec " << spec);
    const json& a = Artifact(snap, pin);
    INFO("artifact " << a.dump());
    CHECK(a.at("kind") == "npm");
    CHECK(S(a, "name") == "semver");
    CHECK(S(a, "spec") == spec);
    CHECK(a.at("pin") == pin);
    CHECK(a.at("pinned") == false);
    CHECK_THAT(S(a, "resolution"), StartsWith("not installed"));
    CHECK_FALSE(a.contains("path"));
    CHECK_FALSE(a.contains("installed_version"));
    CHECK_FALSE(a.contains("tree_sha256"));
    const std::vector<json> unpinned = Findings(snap, pin, "MCPG-LAUNCH-001");
    REQUIRE(unpinned.size() == 1);
    CHECK(unpinned[0].at("severity") == "medium");
    CHECK(unpinned[0].at("name") == "unpinned-package");
    CHECK(unpinned[0].at("host") == "cursor");
    CHECK_THAT(unpinned[0].at("message").get<std::string>(), Contains("\"semver\""));
  }
}

// ------------------------------------------------------------ the stat cache

// The cache trusts a file only when its ctime is more than ~2 s older than
// the moment hashing starts (stat_cache.h). ctime cannot be set back, so
// the fixture is made first, then the test waits that long once.
TEST_CASE("pinning: the stat cache answers an unchanged re-scan and re-hashes only what changed", "[e2e][pinning]") {
  TempDir t;
  const std::string cache = t.Path("npmcache");
  const std::string entry = InstallNpxFixture(cache);
  const std::string tool = WriteFile(t, "home/tools/tool", "#!/bin/sh\nexec cat\n", 0755);
  ::chmod(t.Path("home/tools").c_str(), 0755);
  const std::string script = WriteFile(t, "home/proj/server.js", "console.log('hi')\n", 0644);
  WriteConfig(t, {{"semver", NpxServer(kSemverSpec, cache)},
                  {"tool", {{"command", tool}}},
                  {"script", {{"command", "node"}, {"args", {"./server.js"}}, {"cwd", t.Path("home/proj")}}}});
  const Tree tree = ExpectedTree(entry + "/node_modules/semver");
  const uint64_t total = tree.files + 2;
  std::this_thread::sleep_for(std::chrono::milliseconds(2600));

  auto digests = [](const json& snap) {
    return std::vector<std::string>{S(Artifact(snap, "semver"), "tree_sha256"), S(Artifact(snap, "tool"), "sha256"),
                                    S(Artifact(snap, "script"), "sha256")};
  };
  auto hashed = [](const json& snap) { return snap.at("stats").at("files_hashed").get<uint64_t>(); };
  auto cached = [](const json& snap) { return snap.at("stats").at("files_from_cache").get<uint64_t>(); };
  const std::vector<std::string> expected = {tree.sha256, Sha256OfFile(tool), Sha256OfFile(script)};

  const json first = Scan(t);
  CHECK(digests(first) == expected);
  CHECK(hashed(first) == total);
  CHECK(cached(first) == 0);
  CHECK(fs::is_regular_file(t.Path("home/.cache/mcpguard/hashes")));

  const json second = Scan(t);
  CHECK(digests(second) == expected);
  CHECK(hashed(second) == 0);
  CHECK(cached(second) == hashed(first));

  // A new mtime, same content: read again, same digests.
  SetTimes(entry + "/node_modules/semver/LICENSE", kPast + 86400);
  const json third = Scan(t);
  CHECK(digests(third) == expected);
  CHECK(hashed(third) == 1);
  CHECK(cached(third) == total - 1);

  // A rewrite that keeps the size and restores the mtime is still seen
  // (the ctime moved).
  std::string body = ReadFile(tool);
  body[body.size() - 2] = 'X';
  t.Write("home/tools/tool", body);
  SetTimes(tool, kPast);
  const json fourth = Scan(t);
  CHECK(S(Artifact(fourth, "tool"), "sha256") == Sha256OfFile(tool));
  CHECK(S(Artifact(fourth, "tool"), "sha256") != expected[1]);
  CHECK(hashed(fourth) >= 1);

  // A garbled cache costs a full re-hash, never a wrong digest or a failed scan.
  const std::vector<std::string> now = digests(fourth);
  t.Write("home/.cache/mcpguard/hashes", "mcpguard.hashcache/2\nthis is not a cache \x01\x02\xff\n");
  const json fifth = Scan(t);
  CHECK(digests(fifth) == now);
  CHECK(hashed(fifth) == total);
  CHECK(cached(fifth) == 0);
}

// ------------------------------------------------------------ binaries and scripts

TEST_CASE("pinning: binaries are found on the server's PATH, the user's, the fallbacks, or not at all",
          "[e2e][pinning]") {
  TempDir t;
  auto tool = [&](const std::string& dir, const std::string& name) {
    const std::string path = WriteFile(t, dir + "/" + name, "#!/bin/sh\necho " + dir + "\n", 0755);
    ::chmod(t.Path(dir).c_str(), 0755);
    return path;
  };
  const std::string abs = tool("home/opt/bin", "abs-tool");
  const std::string in_a = tool("home/dir-a", "mcpguard-e2e-mytool");
  tool("home/dir-b", "mcpguard-e2e-mytool");
  tool("home/user-bin", "mcpguard-e2e-mytool");
  const std::string user_only = tool("home/user-bin", "mcpguard-e2e-usertool");
  const std::string fallback = tool("home/.local/bin", "mcpguard-e2e-fallbacktool");
  const std::string not_exec = WriteFile(t, "home/dir-a/mcpguard-e2e-notexec", "#!/bin/sh\n", 0644);
  const std::string proj = t.MakeDir("home/proj");
  ::chmod(proj.c_str(), 0755);
  const std::string script = WriteFile(t, "home/proj/server.js", "require('http')\n", 0644);
  const std::string beside_config = WriteFile(t, "home/.cursor/beside.js", "// next to the config\n", 0644);

  const std::string server_path = t.Path("home/dir-a") + ":" + t.Path("home/dir-b");
  WriteConfig(t, {{"abs", {{"command", abs}}},
                  {"mytool", {{"command", "mcpguard-e2e-mytool"}, {"env", {{"PATH", server_path}}}}},
                  {"usertool", {{"command", "mcpguard-e2e-usertool"}, {"env", {{"PATH", server_path}}}}},
                  {"fallback", {{"command", "mcpguard-e2e-fallbacktool"}}},
                  {"missing", {{"command", "mcpguard-e2e-no-such-tool"}, {"env", {{"PATH", server_path}}}}},
                  {"notexec", {{"command", not_exec}}},
                  {"script", {{"command", "node"}, {"args", {"./server.js", "--port", "0"}}, {"cwd", proj}}},
                  {"beside", {{"command", "node"}, {"args", {"beside.js"}}}},
                  {"nofile", {{"command", "node"}, {"args", {"./absent.js"}}, {"cwd", proj}}}});
  const char* path = std::getenv("PATH");
  const json snap = Scan(t, {{"PATH", t.Path("home/user-bin") + ":" + (path != nullptr ? path : "/usr/bin:/bin")}});

  auto check_file = [&](const std::string& server, const std::string& kind, const std::string& file) {
    const json& a = Artifact(snap, server);
    INFO("server " << server << ": " << a.dump());
    CHECK(a.at("kind") == kind);
    CHECK(S(a, "path") == RealPath(file));
    CHECK(S(a, "sha256") == Sha256OfFile(file));
    CHECK(S(a, "resolution") == "resolved");
    CHECK_FALSE(a.contains("tree_sha256"));
  };
  check_file("abs", "binary", abs);
  check_file("mytool", "binary", in_a);         // the server's PATH, first dir first
  check_file("usertool", "binary", user_only);  // then the user's PATH
  check_file("fallback", "binary", fallback);   // then ~/.local/bin from hosts.toml [launch]
  check_file("script", "script", script);       // relative to cwd
  check_file("beside", "script", beside_config);  // no cwd: relative to the config's directory
  CHECK(S(Artifact(snap, "script"), "launcher") == "node");
  CHECK(S(Artifact(snap, "script"), "spec") == "./server.js");

  for (const char* server : {"missing", "notexec", "nofile"}) {
    const json& a = Artifact(snap, server);
    INFO("server " << server << ": " << a.dump());
    CHECK(S(a, "resolution") == "not found");
    CHECK_FALSE(a.contains("path"));
    CHECK_FALSE(a.contains("sha256"));
  }

  // Nothing here is writable by others; the temp-dir rule fires exactly for
  // commands and working directories written as paths under /tmp.
  for (const char* server : {"abs", "mytool", "usertool", "fallback", "script", "beside"}) {
    INFO("server " << server);
    for (const json& f : Findings(snap, server, "MCPG-LAUNCH-005")) CHECK_FALSE(MentionsWritableByOthers(f));
  }
  CHECK(Findings(snap, "abs", "MCPG-LAUNCH-005").size() == (UnderTmp(abs) ? 1u : 0u));
  CHECK(Findings(snap, "script", "MCPG-LAUNCH-005").size() == (UnderTmp(proj) ? 1u : 0u));
  CHECK(Findings(snap, "fallback", "MCPG-LAUNCH-005").empty());
  CHECK(Findings(snap, "usertool", "MCPG-LAUNCH-005").empty());
}

TEST_CASE("pinning: a binary that every user can modify is reported", "[e2e][pinning]") {
  TempDir t;
  const std::string open_dir = t.MakeDir("home/open");
  const std::string sticky_dir = t.MakeDir("home/sticky");
  const std::string closed_dir = t.MakeDir("home/closed");
  const std::string in_open = WriteFile(t, "home/open/tool", "#!/bin/sh\n", 0755);
  const std::string in_sticky = WriteFile(t, "home/sticky/tool", "#!/bin/sh\n", 0755);
  const std::string open_file = WriteFile(t, "home/closed/open-tool", "#!/bin/sh\n", 0755);
  const std::string closed_file = WriteFile(t, "home/closed/tool", "#!/bin/sh\n", 0755);
  REQUIRE(::chmod(open_dir.c_str(), 0777) == 0);
  REQUIRE(::chmod(sticky_dir.c_str(), 01777) == 0);  // like /tmp: others cannot replace our file
  REQUIRE(::chmod(closed_dir.c_str(), 0755) == 0);
  REQUIRE(::chmod(open_file.c_str(), 0777) == 0);
  WriteConfig(t, {{"open-dir", {{"command", in_open}}},
                  {"sticky-dir", {{"command", in_sticky}}},
                  {"open-file", {{"command", open_file}}},
                  {"closed", {{"command", closed_file}}}});
  const json snap = Scan(t);

  for (const auto& [server, file] : std::vector<std::pair<std::string, std::string>>{
           {"open-dir", in_open}, {"sticky-dir", in_sticky}, {"open-file", open_file}, {"closed", closed_file}}) {
    INFO("server " << server);
    CHECK(S(Artifact(snap, server), "sha256") == Sha256OfFile(file));
    std::vector<json> writable;
    for (const json& f : Findings(snap, server, "MCPG-LAUNCH-005")) {
      if (MentionsWritableByOthers(f)) writable.push_back(f);
    }
    const bool expected = server == "open-dir" || server == "open-file";
    REQUIRE(writable.size() == (expected ? 1u : 0u));
    if (expected) {
      CHECK(writable[0].at("severity") == "high");
      CHECK(writable[0].at("name") == "code-in-writable-dir");
      CHECK_THAT(writable[0].at("evidence").get<std::string>(), Contains(RealPath(file)) && Contains("writable by others"));
    }
  }
}

// PathFacts::world_writable (checks.h): "the file or a directory above it is
// writable by every user". Whoever can write <open>/ can rename <open>/sub
// away and put their own sub/tool in its place.
TEST_CASE("pinning: a binary below a world-writable directory, not directly in it, is reported",
          "[e2e][pinning]") {
  TempDir t;
  const std::string open_dir = t.MakeDir("home/open");
  const std::string sub = t.MakeDir("home/open/sub");
  const std::string tool = WriteFile(t, "home/open/sub/tool", "#!/bin/sh\n", 0755);
  REQUIRE(::chmod(open_dir.c_str(), 0777) == 0);
  REQUIRE(::chmod(sub.c_str(), 0755) == 0);
  WriteConfig(t, {{"deep", {{"command", tool}}}});
  const json snap = Scan(t);
  CHECK(S(Artifact(snap, "deep"), "sha256") == Sha256OfFile(tool));
  std::vector<json> writable;
  for (const json& f : Findings(snap, "deep", "MCPG-LAUNCH-005")) {
    if (MentionsWritableByOthers(f)) writable.push_back(f);
  }
  INFO("findings " << snap.at("findings").dump());
  CHECK(writable.size() == 1);
}

// ------------------------------------------------------------ docker and remote

TEST_CASE("pinning: docker images by digest and by tag, and a vulnerable mcp-remote", "[e2e][pinning]") {
  TempDir t;
  const std::string digest = "sha256:" + Sha256OfText("an image manifest");
  WriteConfig(t, {{"pinned-image", {{"command", "docker"}, {"args", {"run", "-i", "--rm", "mcp/github@" + digest}}}},
                  {"open-image",
                   {{"command", "docker"}, {"args", {"run", "-i", "--rm", "--privileged", "-v", "/:/host", "mcp/github"}}}},
                  {"old-remote", {{"command", "npx"}, {"args", {"-y", "mcp-remote@0.1.15", "https://mcp.example.com/sse"}}}},
                  {"new-remote", {{"command", "npx"}, {"args", {"-y", "mcp-remote@0.1.16", "https://mcp.example.com/sse"}}}}});
  const json snap = Scan(t);

  const json& pinned = Artifact(snap, "pinned-image");
  INFO("pinned-image " << pinned.dump());
  CHECK(pinned.at("kind") == "docker");
  CHECK(S(pinned, "name") == "mcp/github");
  CHECK(pinned.at("pinned") == true);
  CHECK(pinned.at("pin") == "exact");
  CHECK(S(pinned, "digest") == digest);
  CHECK(S(pinned, "resolution") == "pinned by digest");
  CHECK(Findings(snap, "pinned-image", "MCPG-LAUNCH-002").empty());
  CHECK(Findings(snap, "pinned-image", "MCPG-LAUNCH-003").empty());

  const json& open = Artifact(snap, "open-image");
  INFO("open-image " << open.dump());
  CHECK(open.at("kind") == "docker");
  CHECK(open.at("pinned") == false);
  CHECK_FALSE(open.contains("digest"));
  CHECK(open.at("flags") == json::array({"--privileged", "-v /:/host"}));
  const std::vector<json> no_digest = Findings(snap, "open-image", "MCPG-LAUNCH-002");
  REQUIRE(no_digest.size() == 1);
  CHECK(no_digest[0].at("severity") == "medium");
  const std::vector<json> host_access = Findings(snap, "open-image", "MCPG-LAUNCH-003");
  REQUIRE(host_access.size() == 2);
  for (const json& f : host_access) CHECK(f.at("severity") == "critical");
  CHECK_THAT(host_access[0].at("message").get<std::string>() + host_access[1].at("message").get<std::string>(),
             Contains("--privileged") && Contains("-v /:/host"));

  const json& old_remote = Artifact(snap, "old-remote");
  INFO("old-remote " << old_remote.dump());
  CHECK(old_remote.at("kind") == "remote");
  CHECK(S(old_remote, "remote_url") == "https://mcp.example.com/sse");
  CHECK(S(old_remote, "name") == "mcp-remote");
  CHECK(S(old_remote, "version") == "0.1.15");
  CHECK(old_remote.at("pinned") == true);
  const std::vector<json> vulnerable = Findings(snap, "old-remote", "MCPG-LAUNCH-013");
  REQUIRE(vulnerable.size() == 1);
  CHECK(vulnerable[0].at("severity") == "critical");  // the affected version is certain
  CHECK_THAT(vulnerable[0].at("message").get<std::string>(), Contains("CVE-2025-6514") && Contains("0.1.16"));
  CHECK(Findings(snap, "new-remote", "MCPG-LAUNCH-013").empty());
  CHECK(Findings(snap, "old-remote", "MCPG-LAUNCH-001").empty());
}

// mcp-remote run by npx is an npm package in the npx cache like any other:
// "the code that actually runs" is there, and its installed version is what
// the CVE check should judge.
TEST_CASE("pinning: the npx cache entry of a remote bridge is resolved like any npm package",
          "[e2e][pinning]") {
  TempDir t;
  const std::string cache = t.Path("npmcache");
  const std::string spec = "mcp-remote@0.1.15";
  const std::string entry = cache + "/_npx/" + NpxKey(spec);
  const std::string integrity = "sha512-" + std::string(86, 'A') + "==";
  t.Write(fs::path(entry).lexically_relative(t.path()).string() + "/package.json",
          json{{"dependencies", {{"mcp-remote", "^0.1.15"}}}, {"_npx", {{"packages", {spec}}}}}.dump(2));
  t.Write(fs::path(entry).lexically_relative(t.path()).string() + "/package-lock.json",
          json{{"name", NpxKey(spec)},
               {"lockfileVersion", 3},
               {"requires", true},
               {"packages",
                {{"", {{"dependencies", {{"mcp-remote", "^0.1.15"}}}}},
                 {"node_modules/mcp-remote",
                  {{"version", "0.1.15"},
                   {"resolved", "https://registry.npmjs.org/mcp-remote/-/mcp-remote-0.1.15.tgz"},
                   {"integrity", integrity}}}}}}
              .dump(2));
  t.Write(fs::path(entry).lexically_relative(t.path()).string() + "/node_modules/mcp-remote/package.json",
          R"({"name": "mcp-remote", "version": "0.1.15"})");
  t.Write(fs::path(entry).lexically_relative(t.path()).string() + "/node_modules/mcp-remote/dist/proxy.js",
          "// proxy\n");
  SetTreeTimes(entry, kPast);
  WriteConfig(t, {{"bridge", {{"command", "npx"}, {"args", {"-y", spec, "https://mcp.example.com/sse"}}, {"env", {{"npm_config_cache", cache}}}}}});
  const json snap = Scan(t);
  const json& a = Artifact(snap, "bridge");
  INFO("artifact " << a.dump());
  CHECK(a.at("kind") == "remote");
  CHECK(S(a, "path") == entry + "/node_modules/mcp-remote");
  CHECK(S(a, "installed_version") == "0.1.15");
  CHECK(S(a, "integrity") == integrity);
  CHECK(S(a, "tree_sha256") == ExpectedTree(entry + "/node_modules/mcp-remote").sha256);
  CHECK(S(a, "resolution") == "resolved");
}

// ------------------------------------------------------------ secrets

std::string Canary(std::mt19937_64& rng) {
  static constexpr char kChars[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  std::uniform_int_distribution<size_t> pick(0, sizeof kChars - 2);
  std::string out;
  for (int i = 0; i < 24; ++i) out += kChars[pick(rng)];
  return out;
}

TEST_CASE("pinning: no secret from a command line reaches an artifact or any output", "[e2e][pinning]") {
  std::random_device seed;
  std::mt19937_64 rng(seed());
  const std::vector<std::pair<std::string, std::string>> canaries = {
      {"--api-key", Canary(rng)}, {"--token=", Canary(rng)},   {"url query", Canary(rng)},
      {"url password", Canary(rng)}, {"docker -e", Canary(rng)}, {"registry password", Canary(rng)}};
  TempDir t;
  WriteFile(t, "home/proj/server.js", "// server\n", 0644);
  WriteConfig(
      t, {{"node-key", {{"command", "node"}, {"args", {"server.js", "--api-key", canaries[0].second}}, {"cwd", t.Path("home/proj")}}},
          {"npx-token", {{"command", "npx"}, {"args", {"-y", "pkg", "--token=" + canaries[1].second}}}},
          {"bridge-query",
           {{"command", "npx"}, {"args", {"-y", "mcp-remote@0.1.16", "https://mcp.example.com/sse?api_key=" + canaries[2].second}}}},
          {"bridge-user",
           {{"command", "npx"},
            {"args", {"-y", "mcp-remote@0.1.16", "https://user:" + canaries[3].second + "@mcp.example.com/sse"}}}},
          {"docker-env",
           {{"command", "docker"}, {"args", {"run", "-i", "--rm", "-e", "GITHUB_TOKEN=" + canaries[4].second, "mcp/github"}}}},
          {"registry",
           {{"command", "npx"},
            {"args", {"--registry", "https://ci:" + canaries[5].second + "@npm.example.com/", "-y", "pkg@1.0.0"}}}}});
  for (const std::string format : {"json", "text"}) {
    const Run r = ScanRun(t, {}, format);
    INFO(format << " stdout:\n" << r.out << "\nstderr:\n" << r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    CHECK(Leaks(r.out, canaries) == std::vector<std::string>{});
    CHECK(Leaks(r.err, canaries) == std::vector<std::string>{});
    if (format == "json") {
      const json snap = r.Json();
      // The artifacts are still there, with what is safe to show.
      CHECK(S(Artifact(snap, "node-key"), "sha256") == Sha256OfFile(t.Path("home/proj/server.js")));
      CHECK(S(Artifact(snap, "npx-token"), "name") == "pkg");
      CHECK(S(Artifact(snap, "bridge-query"), "name") == "mcp-remote");
      CHECK(S(Artifact(snap, "docker-env"), "name") == "mcp/github");
      CHECK(S(Artifact(snap, "registry"), "name") == "pkg");
    }
  }
}

// launch.h: "a bridge's remote_url drops its query and fragment (where API
// keys usually sit)". What is left holds no secret and names the endpoint
// the bridge connects to, the one thing a reviewer needs.
TEST_CASE("pinning: a bridge URL with a key in its query keeps its endpoint in remote_url",
          "[e2e][pinning]") {
  std::random_device seed;
  std::mt19937_64 rng(seed());
  const std::string key = Canary(rng);
  TempDir t;
  WriteConfig(t, {{"bridge", {{"command", "npx"},
                              {"args", {"-y", "mcp-remote@0.1.16", "https://mcp.example.com/sse?api_key=" + key}}}}});
  const Run r = ScanRun(t);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  CHECK(Leaks(r.out + r.err, {{"api_key", key}}) == std::vector<std::string>{});
  const json snap = r.Json();
  const json& a = Artifact(snap, "bridge");
  INFO("artifact " << a.dump());
  CHECK(a.at("kind") == "remote");
  CHECK(S(a, "remote_url") == "https://mcp.example.com/sse");
}

// RunProcess (base/process.h) kills the child's process group as soon as
// its stdout and stderr are closed. coreutils close both at exit, before
// _exit, so the SIGKILL can land first: the tool looks killed (exit -1)
// although it finished. The exit status must be the tool's own.
TEST_CASE("pinning: RunProcess reports the exit status of a tool that closes its output before exiting",
          "[e2e][pinning][process]") {
  int killed = 0;
  for (int i = 0; i < 20; ++i) {
    ProcessOptions o;
    o.argv = {"sha256sum"};
    o.stdin_data = "abc";
    auto r = RunProcess(o);
    REQUIRE(r);
    CHECK(r->out.substr(0, 64) == Sha256OfText("abc"));
    INFO("exit " << r->exit_code << ", signal " << r->signal);
    if (r->exit_code != 0 || r->signal != 0) ++killed;
  }
  CHECK(killed == 0);
  ProcessOptions o;
  o.argv = {"sha256sum"};
  o.stdin_data = "abc";
  auto r = RunProcess(o);
  REQUIRE(r);
  CHECK(r->signal == 0);
  CHECK(r->exit_code == 0);
}

}  // namespace
}  // namespace mcpguard::test

namespace mcpguard::test {
namespace {

// uvx reuses a tool installed with `uv tool install` first, then an
// environment from its cache; the whole environment is what runs.
TEST_CASE("pinning: uvx servers resolve to the uv tool or cached environment and are hashed", "[e2e][pinning]") {
  TempDir t;
  const std::string site = "home/.cache/uv/environments-v2/8c1f0e/lib/python3.11/site-packages";
  t.Write(site + "/mcp_server_fetch-2025.4.7.dist-info/RECORD", "mcp_server_fetch/__init__.py,,\n");
  t.Write(site + "/mcp_server_fetch/__init__.py", "def main():\n    pass\n");
  t.Write(site + "/mcp_server_fetch/__pycache__/__init__.cpython-311.pyc", "bytecode");
  WriteConfig(t, {{"fetch", {{"command", "uvx"}, {"args", {"mcp-server-fetch"}}}},
                  {"pinned-fetch", {{"command", "uvx"}, {"args", {"mcp-server-fetch@2025.4.7"}}}},
                  {"missing", {{"command", "uvx"}, {"args", {"mcp-server-time@1.0.0"}}}}});
  const json snap = Scan(t);
  const json& fetch = Artifact(snap, "fetch");
  CHECK(fetch.at("kind") == "pypi");
  CHECK(fetch.at("pinned") == false);
  CHECK(S(fetch, "installed_version") == "2025.4.7");
  CHECK(S(fetch, "path") == t.Path("home/.cache/uv/environments-v2/8c1f0e"));
  CHECK(fetch.at("files") == 2);  // RECORD and __init__.py; byte code is not installed code
  CHECK(S(fetch, "resolution") == "resolved");
  const json& pinned = Artifact(snap, "pinned-fetch");
  CHECK(pinned.at("pinned") == true);
  CHECK(S(pinned, "tree_sha256") == S(fetch, "tree_sha256"));
  CHECK(S(Artifact(snap, "missing"), "resolution") == "not installed: uvx installs it at first launch");

  // One changed byte of the installed code changes the pin.
  t.Write(site + "/mcp_server_fetch/__init__.py", "def main():\n    passX\n");
  CHECK(S(Artifact(Scan(t), "fetch"), "tree_sha256") != S(fetch, "tree_sha256"));
}

}  // namespace
}  // namespace mcpguard::test

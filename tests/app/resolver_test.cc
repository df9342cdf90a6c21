#include "app/resolver.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "pinning/launch.h"
#include "support/temp_dir.h"

namespace mcpguard::app {
namespace {

using test::TempDir;

// SHA-256 of "abc" (FIPS 180-2, appendix B.1).
constexpr char kAbcSha[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

Environment HomeEnv(const TempDir& t) {
  Environment env;
  env.Set("HOME", t.Path("home"));
  env.Set("XDG_CACHE_HOME", t.Path("home/.cache"));
  env.Set("PATH", "/usr/bin:/bin");
  return env;
}

model::Server NodeServer(const std::string& name, const std::string& script) {
  model::Server s;
  s.host = "cursor";
  s.name = name;
  s.command = "node";
  s.args = {script};
  return s;
}

// Two configs of scripts, some missing, and a remote server without a
// command, in an order the threads will interleave.
model::Snapshot Servers(const TempDir& t) {
  model::Snapshot snap;
  for (int c = 0; c < 2; ++c) {
    model::ConfigFile& cf = snap.configs.emplace_back();
    cf.path = t.Path("home/config" + std::to_string(c) + ".json");
    for (int i = 0; i < 15; ++i) {
      const std::string name = "s" + std::to_string(c) + "-" + std::to_string(i);
      if (i % 7 == 6) {
        model::Server remote;
        remote.name = name;
        remote.url = "https://mcp.example.com/" + name;
        cf.servers.push_back(remote);
      } else if (i % 5 == 4) {
        cf.servers.push_back(NodeServer(name, t.Path("home/missing/" + name + ".js")));
      } else {
        const std::string script = t.Write("home/servers/" + name + ".js", i % 2 == 0 ? "abc" : "// " + name + "\n");
        cf.servers.push_back(NodeServer(name, script));
      }
    }
  }
  return snap;
}

TEST_CASE("the resolver resolves every server once, in snapshot order, as one thread would", "[app][resolver]") {
  TempDir t;
  const Environment env = HomeEnv(t);
  const model::Snapshot snap = Servers(t);
  const std::string home = t.Path("home");

  Resolver resolver(env, Os::kLinux, home, {});
  resolver.Submit(snap);
  const Resolved got = resolver.Finish();

  pinning::ResolveContext ctx{Os::kLinux, &env, home, {}, nullptr};
  pinning::ResolveStats stats;
  size_t i = 0;
  size_t scripts = 0;
  for (const model::ConfigFile& cf : snap.configs) {
    for (const model::Server& s : cf.servers) {
      INFO(s.name);
      REQUIRE(i < got.artifacts.size());
      const std::optional<model::Artifact>& a = got.artifacts[i++];
      if (s.command.empty()) {
        CHECK_FALSE(a.has_value());
        continue;
      }
      REQUIRE(a.has_value());
      model::Artifact alone = pinning::ParseLaunch(s.command, s.args);
      pinning::ResolveArtifact(alone, s, ctx, stats);
      CHECK(a->path == alone.path);
      CHECK(a->sha256 == alone.sha256);
      CHECK(a->resolution == alone.resolution);
      if (s.args[0].find("/missing/") == std::string::npos) {
        ++scripts;
        CHECK(a->path == s.args[0]);
        if (s.name.back() == '0' || s.name.back() == '2' || s.name.back() == '4' || s.name.back() == '6' ||
            s.name.back() == '8') {
          CHECK(a->sha256 == kAbcSha);
        }
      } else {
        CHECK(a->sha256.empty());
      }
    }
  }
  CHECK(i == got.artifacts.size());
  CHECK(scripts == 20);
  // Every script was read once, by one of the two threads.
  CHECK(got.stats.files_hashed + got.stats.files_from_cache == scripts);
  CHECK_FALSE(got.cache_not_saved.has_value());
}

TEST_CASE("a resolver given nothing finishes empty, and one dropped unfinished does not hang", "[app][resolver]") {
  TempDir t;
  const Environment env = HomeEnv(t);
  {
    Resolver resolver(env, Os::kLinux, t.Path("home"), {});
    const Resolved got = resolver.Finish();
    CHECK(got.artifacts.empty());
    CHECK(got.stats.files_hashed == 0);
  }
  {
    // A scan that fails between start and Submit (a usage error) drops it.
    Resolver resolver(env, Os::kLinux, t.Path("home"), {});
  }
  {
    // Submitted, never finished (an exception between the two): dropping it
    // stops the worker before the snapshot, declared first, goes.
    const model::Snapshot snap = Servers(t);
    Resolver resolver(env, Os::kLinux, t.Path("home"), {});
    resolver.Submit(snap);
  }
  SUCCEED("the three resolvers were joined");
}

}  // namespace
}  // namespace mcpguard::app

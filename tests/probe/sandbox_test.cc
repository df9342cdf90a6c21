#include "probe/sandbox.h"

#include <algorithm>

#include <catch2/catch.hpp>

#include "support/temp_dir.h"

namespace mcpguard::probe {
namespace {

// The index of `a` followed by `b` (and `c`) in argv; -1 when absent.
long Find(const std::vector<std::string>& argv, const std::vector<std::string>& seq) {
  for (size_t i = 0; i + seq.size() <= argv.size(); ++i) {
    if (std::equal(seq.begin(), seq.end(), argv.begin() + static_cast<long>(i))) return static_cast<long>(i);
  }
  return -1;
}

TEST_CASE("the sandbox hides the home and binds back only what the launch names", "[probe][sandbox]") {
  test::TempDir t;
  const std::string home = t.MakeDir("home");
  t.MakeDir("home/.npm");
  t.MakeDir("home/.nvm/versions/node/v22/bin");
  const std::string npx = t.Write("home/.nvm/versions/node/v22/bin/npx", "#!/bin/sh\n");
  const std::string allowed = t.MakeDir("home/projects/notes");
  t.Write("home/.ssh/id_ed25519", "key");

  SandboxSpec spec{"/usr/bin/bwrap", home, npx, {"-y", "@scope/server", allowed, "--root=" + allowed, home}, home};
  const std::vector<std::string> argv = SandboxArgv(spec);
  CHECK(argv.front() == "/usr/bin/bwrap");
  CHECK(Find(argv, {"--ro-bind", "/", "/"}) == 1);
  CHECK(Find(argv, {"--tmpfs", "/tmp"}) > 0);
  CHECK(Find(argv, {"--unshare-pid"}) > 0);
  CHECK(Find(argv, {"--die-with-parent"}) > 0);
  // A home under /tmp is a fresh directory in the new /tmp; elsewhere it is
  // a tmpfs of its own.
  const long hidden = std::max(Find(argv, {"--dir", home}), Find(argv, {"--tmpfs", home}));
  REQUIRE(hidden > 0);
  // Back in, after the hiding: the npm cache (writable), the launcher's
  // install and the directory named as an argument (read-only).
  const long npm = Find(argv, {"--bind", home + "/.npm", home + "/.npm"});
  const long nvm = Find(argv, {"--ro-bind", home + "/.nvm/versions/node/v22", home + "/.nvm/versions/node/v22"});
  const long arg = Find(argv, {"--ro-bind", allowed, allowed});
  CHECK(npm > hidden);
  CHECK(nvm > hidden);
  CHECK(arg > hidden);
  // Never the home itself, although it is an argument and the cwd, nor ~/.ssh.
  CHECK(Find(argv, {"--ro-bind", home, home}) == -1);
  CHECK(std::none_of(argv.begin(), argv.end(), [](const std::string& a) { return a.find(".ssh") != std::string::npos; }));
  // Then the command, as given.
  const long sep = Find(argv, {"--", npx, "-y", "@scope/server"});
  CHECK(sep > arg);
  CHECK(Find(argv, {"--chdir", home}) > 0);
}

// A node script under a hidden directory imports from the node_modules of
// an ancestor (a checkout in /tmp, a server installed in the home): that
// package comes back whole, read-only; a lone script brings its directory.
TEST_CASE("a script under a hidden directory brings back the package it imports from", "[probe][sandbox]") {
  test::TempDir t;
  const std::string home = t.MakeDir("home");
  const std::string pkg = t.MakeDir("home/servers/weather");
  t.MakeDir("home/servers/weather/node_modules/@modelcontextprotocol/sdk");
  const std::string script = t.Write("home/servers/weather/node_modules/weather-mcp/dist/index.js", "x");
  const std::string lone = t.Write("home/scripts/tool.mjs", "x");
  t.Write("home/.ssh/id_ed25519", "key");

  SandboxSpec spec{"/usr/bin/bwrap", home, "/usr/bin/node", {script, lone}, home};
  const std::vector<std::string> argv = SandboxArgv(spec);
  const long hidden = std::max(Find(argv, {"--dir", home}), Find(argv, {"--tmpfs", home}));
  REQUIRE(hidden > 0);
  CHECK(Find(argv, {"--ro-bind", script, script}) > hidden);
  CHECK(Find(argv, {"--ro-bind", pkg, pkg}) > hidden);
  CHECK(Find(argv, {"--ro-bind", home + "/scripts", home + "/scripts"}) > hidden);
  // Not the home, nor anything outside the two packages.
  CHECK(Find(argv, {"--ro-bind", home, home}) == -1);
  CHECK(Find(argv, {"--ro-bind", home + "/servers", home + "/servers"}) == -1);
  CHECK(std::none_of(argv.begin(), argv.end(), [](const std::string& a) { return a.find(".ssh") != std::string::npos; }));
}

TEST_CASE("bwrap is looked up in PATH", "[probe][sandbox]") {
  test::TempDir t;
  CHECK(FindBwrap(t.path()).empty());
  CHECK(FindBwrap("").empty());
}

}  // namespace
}  // namespace mcpguard::probe

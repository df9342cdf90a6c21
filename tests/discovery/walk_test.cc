#include "discovery/walk.h"

#include <unistd.h>

#include <catch2/catch.hpp>

#include "support/temp_dir.h"

namespace mcpguard::discovery {
namespace {

using test::TempDir;

std::vector<std::string> Walk(const std::string& root, WalkStats* stats = nullptr) {
  auto catalog = rules::LoadCatalog("");
  REQUIRE(catalog);
  std::vector<std::string> found;
  auto s = DeepWalk(root, *catalog, {}, [&](Candidate c) { found.push_back(c.path); });
  REQUIRE(s);
  if (stats) *stats = *s;
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

TEST_CASE("nested project configs are found", "[discovery][walk]") {
  TempDir t;
  std::vector<std::string> want{
      t.Write("src/a/.mcp.json", "{}"),
      t.Write("src/b/deep/er/.vscode/mcp.json", "{}"),
      t.Write("src/c/.continue/mcpServers/db.yaml", ""),
      t.Write("src/d/opencode.json", "{}"),
  };
  std::sort(want.begin(), want.end());
  CHECK(Walk(t.Path("src")) == want);
}

TEST_CASE("dependency and VCS folders are never entered", "[discovery][walk]") {
  TempDir t;
  const std::string real = t.Write("src/app/.cursor/mcp.json", "{}");
  t.Write("src/app/node_modules/pkg/.cursor/mcp.json", "{}");
  t.Write("src/app/.git/x/.mcp.json", "{}");
  t.Write("src/app/.venv/lib/.mcp.json", "{}");
  CHECK(Walk(t.Path("src")) == std::vector<std::string>{real});
}

TEST_CASE("symlinked directories are not followed, so loops end", "[discovery][walk]") {
  TempDir t;
  const std::string real = t.Write("src/a/.mcp.json", "{}");
  REQUIRE(::symlink(t.Path("src").c_str(), t.Path("src/a/loop").c_str()) == 0);
  REQUIRE(::symlink(t.Path("src/a").c_str(), t.Path("src/alias").c_str()) == 0);
  WalkStats stats;
  CHECK(Walk(t.Path("src"), &stats) == std::vector<std::string>{real});
  CHECK(stats.directories == 2);
}

TEST_CASE("a symlinked config file is found", "[discovery][walk]") {
  TempDir t;
  const std::string target = t.Write("dotfiles/mcp.json", "{}");
  t.MakeDir("src/p");
  REQUIRE(::symlink(target.c_str(), t.Path("src/p/.mcp.json").c_str()) == 0);
  CHECK(Walk(t.Path("src")) == std::vector<std::string>{t.Path("src/p/.mcp.json")});
}

TEST_CASE("walking something that is not a directory is an error", "[discovery][walk]") {
  TempDir t;
  auto catalog = rules::LoadCatalog("");
  REQUIRE(catalog);
  auto s = DeepWalk(t.Path("missing"), *catalog, {}, [](Candidate) {});
  REQUIRE_FALSE(s);
  CHECK(s.error().code == Errc::kNotFound);
  const std::string file = t.Write("f", "");
  auto s2 = DeepWalk(file, *catalog, {}, [](Candidate) {});
  REQUIRE_FALSE(s2);
  CHECK(s2.error().message == "is not a directory");
}

}  // namespace
}  // namespace mcpguard::discovery

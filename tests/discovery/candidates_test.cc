#include "discovery/candidates.h"

#include <catch2/catch.hpp>

#include "support/temp_dir.h"

namespace mcpguard::discovery {
namespace {

using test::TempDir;

rules::Catalog MiniCatalog() {
  rules::Catalog c;
  c.variable_defaults = {{"XDG_CONFIG_HOME", "~/.config"}, {"APPDATA", "~/AppData/Roaming"},
                         {"PROGRAMDATA", "/ProgramData"}};
  rules::Family vs;
  vs.members = {"Code", "Cursor"};
  vs.paths[Os::kLinux] = {"$XDG_CONFIG_HOME/{member}/User"};
  vs.extra = {"~/.vscode-server/data/User"};
  c.families.emplace("vscode", vs);
  return c;
}

Context Ctx(const TempDir& t, Os os = Os::kLinux) {
  Context ctx;
  ctx.os = os;
  ctx.home = t.Path("home");
  ctx.env.Set("HOME", ctx.home);
  ctx.root = t.Path("root");
  return ctx;
}

TEST_CASE("~ and variable defaults resolve against the scanned home", "[discovery]") {
  TempDir t;
  const std::string want = t.Write("home/.config/zed/settings.json", "{}");
  auto found = ExpandTemplate("$XDG_CONFIG_HOME/zed/settings.json", Ctx(t), MiniCatalog());
  CHECK(found == std::vector<std::string>{want});
}

TEST_CASE("an environment variable overrides the default", "[discovery]") {
  TempDir t;
  const std::string want = t.Write("elsewhere/zed/settings.json", "{}");
  t.Write("home/.config/zed/settings.json", "{}");
  Context ctx = Ctx(t);
  ctx.env.Set("XDG_CONFIG_HOME", t.Path("elsewhere"));
  CHECK(ExpandTemplate("$XDG_CONFIG_HOME/zed/settings.json", ctx, MiniCatalog()) == std::vector<std::string>{want});
}

TEST_CASE("an unset variable without a default drops the path", "[discovery]") {
  TempDir t;
  t.Write("home/.claude.json", "{}");
  CHECK(ExpandTemplate("$CLAUDE_CONFIG_DIR/.claude.json", Ctx(t), MiniCatalog()).empty());
}

TEST_CASE("system paths live under --root", "[discovery]") {
  TempDir t;
  const std::string want = t.Write("root/etc/codex/config.toml", "");
  CHECK(ExpandTemplate("/etc/codex/config.toml", Ctx(t), MiniCatalog()) == std::vector<std::string>{want});
  const std::string win = t.Write("root/ProgramData/gemini-cli/settings.json", "{}");
  CHECK(ExpandTemplate("%PROGRAMDATA%/gemini-cli/settings.json", Ctx(t, Os::kWindows), MiniCatalog()) ==
        std::vector<std::string>{win});
}

TEST_CASE("globs expand within one component, skipping hidden entries", "[discovery]") {
  TempDir t;
  const std::string a = t.Write("home/.aws/amazonq/cli-agents/a.json", "{}");
  const std::string b = t.Write("home/.aws/amazonq/cli-agents/b.json", "{}");
  t.Write("home/.aws/amazonq/cli-agents/.hidden.json", "{}");
  t.Write("home/.aws/amazonq/cli-agents/notes.txt", "");
  CHECK(ExpandTemplate("~/.aws/amazonq/cli-agents/*.json", Ctx(t), MiniCatalog()) == std::vector<std::string>{a, b});
}

TEST_CASE("a family expands to every member and the extra dirs", "[discovery]") {
  TempDir t;
  const std::string code = t.Write("home/.config/Code/User/globalStorage/x/s.json", "{}");
  const std::string cursor = t.Write("home/.config/Cursor/User/globalStorage/x/s.json", "{}");
  const std::string remote = t.Write("home/.vscode-server/data/User/globalStorage/x/s.json", "{}");
  auto found = ExpandTemplate("{vscode}/globalStorage/x/s.json", Ctx(t), MiniCatalog());
  std::vector<std::string> want{code, cursor, remote};
  std::sort(want.begin(), want.end());
  CHECK(found == want);
}

TEST_CASE("the Windows home is USERPROFILE", "[discovery]") {
  Environment env;
  env.Set("HOME", "/home/u");
  env.Set("USERPROFILE", "/mnt/c/Users/u");
  CHECK(HomeOf(env, Os::kWindows) == "/mnt/c/Users/u");
  CHECK(HomeOf(env, Os::kLinux) == "/home/u");
}

TEST_CASE("the built-in catalog finds a user file and a project file", "[discovery]") {
  TempDir t;
  auto catalog = rules::LoadCatalog("");
  REQUIRE(catalog);
  const std::string cursor = t.Write("home/.cursor/mcp.json", "{}");
  auto user = UserCandidates(*catalog, Ctx(t), {"cursor"});
  REQUIRE(user.size() == 1);
  CHECK(user[0].path == cursor);
  CHECK(user[0].host->id == "cursor");
  const std::string proj = t.Write("p/.roo/mcp.json", "{}");
  auto project = ProjectCandidates(*catalog, t.Path("p"), "cwd", {"roo"});
  REQUIRE(project.size() == 1);
  CHECK(project[0].path == proj);
  CHECK(project[0].project == t.Path("p"));
  CHECK(project[0].file->scope == model::Scope::kProject);
}

}  // namespace
}  // namespace mcpguard::discovery

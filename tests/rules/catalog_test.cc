#include "rules/catalog.h"

#include <catch2/catch.hpp>

namespace mcpguard::rules {
namespace {

TEST_CASE("the built-in catalog loads and names every host of hosts.md", "[rules]") {
  auto c = LoadCatalog("");
  REQUIRE(c);
  for (const char* id : {"claude-desktop", "claude-code", "cursor", "vscode", "vscode-insiders", "visual-studio",
                         "copilot-cli", "windsurf", "zed", "cline", "roo", "continue", "gemini-cli", "codex", "goose",
                         "amazon-q", "kiro", "lm-studio", "jetbrains-ai", "junie", "opencode", "warp", "augment"}) {
    CAPTURE(id);
    const HostSpec* h = c->FindHost(id);
    REQUIRE(h != nullptr);
    CHECK_FALSE(h->files.empty());
    CHECK_FALSE(h->name.empty());
  }
}

TEST_CASE("every built-in file spec has paths for some OS or project", "[rules]") {
  auto c = LoadCatalog("");
  REQUIRE(c);
  for (const HostSpec& h : c->hosts) {
    for (const FileSpec& f : h.files) {
      CAPTURE(h.id);
      size_t paths = f.project_paths.size();
      for (const auto& [os, list] : f.paths) paths += list.size();
      CHECK(paths > 0);
      CHECK_FALSE(f.servers.empty());
    }
  }
}

TEST_CASE("catalog details that discovery relies on", "[rules]") {
  auto c = LoadCatalog("");
  REQUIRE(c);
  const HostSpec* codex = c->FindHost("codex");
  REQUIRE(codex != nullptr);
  CHECK(codex->files[0].format == formats::Format::kToml);
  CHECK(codex->files[0].paths.at(Os::kLinux) == std::vector<std::string>{"$CODEX_HOME/config.toml"});
  const HostSpec* cline = c->FindHost("cline");
  REQUIRE(cline != nullptr);
  CHECK(cline->files[0].timeout_unit_ms == 1000);
  const HostSpec* claude = c->FindHost("claude-code");
  REQUIRE(claude != nullptr);
  CHECK(claude->files[0].nested == "projects");
  CHECK(claude->files[0].nested_scope == model::Scope::kLocal);
  CHECK(c->variable_defaults.at("XDG_CONFIG_HOME") == "~/.config");
  CHECK(c->families.at("vscode").members.front() == "Code");
  CHECK(std::find(c->walk_skip.begin(), c->walk_skip.end(), "node_modules") != c->walk_skip.end());
}

TEST_CASE("a malformed catalog names the file, line and column", "[rules]") {
  const std::string text =
      "schema = \"mcpguard.hosts/1\"\n"
      "[[host]]\n"
      "id = \"x\"\n"
      "name = \"X\"\n"
      "[[host.file]]\n"
      "scope = \"user\"\n"
      "format = \"xml\"\n"
      "servers = [\"s\"]\n";
  auto c = ParseCatalog(text, "hosts.toml");
  REQUIRE_FALSE(c);
  CHECK(c.error().ToString() == "hosts.toml:7:10: unknown format \"xml\"");
}

TEST_CASE("a catalog with another schema is refused", "[rules]") {
  auto c = ParseCatalog("schema = \"mcpguard.hosts/9\"\n", "h.toml");
  REQUIRE_FALSE(c);
  CHECK(c.error().message == "unsupported schema \"mcpguard.hosts/9\" (expected mcpguard.hosts/1)");
}

TEST_CASE("project paths need project scope", "[rules]") {
  const std::string text =
      "schema = \"mcpguard.hosts/1\"\n"
      "[[host]]\nid = \"x\"\nname = \"X\"\n"
      "[[host.file]]\nscope = \"user\"\nformat = \"json\"\nservers = [\"s\"]\nproject = [\".x.json\"]\n";
  auto c = ParseCatalog(text, "h.toml");
  REQUIRE_FALSE(c);
  CHECK(c.error().message == "\"project\" paths need scope = \"project\"");
}

}  // namespace
}  // namespace mcpguard::rules

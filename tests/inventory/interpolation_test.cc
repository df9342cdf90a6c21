#include "inventory/interpolation.h"

#include <catch2/catch.hpp>

namespace mcpguard::inventory {
namespace {

struct Case {
  const char* text;
  const char* syntax;
  const char* kind;
  const char* name;
};

TEST_CASE("every host's reference syntax is recognised and kept symbolic", "[inventory][interpolation]") {
  const Case c = GENERATE(values<Case>({
      {"${env:GITHUB_TOKEN}", "${env:GITHUB_TOKEN}", "env", "GITHUB_TOKEN"},
      {"Bearer ${input:gh-token}", "${input:gh-token}", "input", "gh-token"},
      {"${workspaceFolder}/src", "${workspaceFolder}", "predefined", "workspaceFolder"},
      {"${DATABASE_URL:-postgres://localhost/dev}", "${DATABASE_URL:-…}", "env", "DATABASE_URL"},
      {"Bearer $GITHUB_MCP_PAT", "$GITHUB_MCP_PAT", "env", "GITHUB_MCP_PAT"},
      {"{env:OPENAI_API_KEY}", "{env:OPENAI_API_KEY}", "env", "OPENAI_API_KEY"},
      {"Bearer {file:~/.secrets/corp}", "{file:~/.secrets/corp}", "file", "~/.secrets/corp"},
      {"${file:/home/a/.figma-token}", "${file:/home/a/.figma-token}", "file", "/home/a/.figma-token"},
      {"${{ secrets.SQLITE_TOKEN }}", "${{ secrets.SQLITE_TOKEN }}", "secret", "SQLITE_TOKEN"},
      {"${{ inputs.DB }}", "${{ inputs.DB }}", "input", "DB"},
      {"${user_config.api_key}", "${user_config.api_key}", "user_config", "api_key"},
      {"${__dirname}/server/index.js", "${__dirname}", "predefined", "__dirname"},
  }));
  CAPTURE(c.text);
  auto found = FindInterpolations(c.text, "args[0]");
  REQUIRE(found.size() == 1);
  CHECK(found[0].syntax == c.syntax);
  CHECK(found[0].kind == c.kind);
  CHECK(found[0].name == c.name);
  CHECK(found[0].field == "args[0]");
}

TEST_CASE("plain text and prices hold no reference", "[inventory][interpolation]") {
  CHECK(FindInterpolations("npx -y @scope/pkg", "command").empty());
  CHECK(FindInterpolations("costs $5", "x").empty());
}

TEST_CASE("several references in one string are all found", "[inventory][interpolation]") {
  auto found = FindInterpolations("${env:A}:${B}/$C", "url");
  REQUIRE(found.size() == 3);
  CHECK(found[0].name == "A");
  CHECK(found[1].name == "B");
  CHECK(found[2].name == "C");
}

}  // namespace
}  // namespace mcpguard::inventory

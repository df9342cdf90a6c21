#include "base/path.h"

#include <catch2/catch.hpp>

#include "base/text.h"

namespace mcpguard {
namespace {

TEST_CASE("paths join, split and clean", "[base][path]") {
  CHECK(JoinPath("/a/", "b") == "/a/b");
  CHECK(JoinPath("/a", "/b") == "/b");
  CHECK(Dirname("/a/b/c.json") == "/a/b");
  CHECK(Dirname("/a") == "/");
  CHECK(Basename("/a/b/c.json") == "c.json");
  CHECK(CleanPath("/a//b/./c/") == "/a/b/c");
  CHECK(CleanPath("/") == "/");
}

TEST_CASE("relative paths resolve with .. and .", "[base][path]") {
  CHECK(ResolvePath("/a/Claude Extensions/ext.id", "../../Claude Extensions Settings/ext.id.json") ==
        "/a/Claude Extensions Settings/ext.id.json");
  CHECK(ResolvePath("/a/b", "./c") == "/a/b/c");
  CHECK(ResolvePath("/a", "../../..") == "/");
  CHECK(ResolvePath("/a", "/x/y") == "/x/y");
}

TEST_CASE("the home is shown as ~ only at a path boundary", "[base][path]") {
  CHECK(AbbreviateHome("/home/u/.cursor/mcp.json", "/home/u") == "~/.cursor/mcp.json");
  CHECK(AbbreviateHome("/home/u", "/home/u/") == "~");
  CHECK(AbbreviateHome("/home/user2/x", "/home/u") == "/home/user2/x");
}

TEST_CASE("file URIs become paths, percent-decoded", "[base][path]") {
  CHECK(FileUriToPath("file:///home/u/my%20proj") == "/home/u/my proj");
  CHECK(FileUriToPath("vscode-remote://ssh/x") == "");
  CHECK(FileUriToPath("file://server/share") == "");
}

TEST_CASE("globs match one path component", "[base][text]") {
  CHECK(GlobMatch("*.json", "mcp.json"));
  CHECK(GlobMatch("Claude_*", "Claude_pzs8sxrjxfjjc"));
  CHECK_FALSE(GlobMatch("*.yaml", "a.yml"));
  CHECK(GlobMatch("a?c", "abc"));
  CHECK(GlobMatch("*", ""));
}

TEST_CASE("arguments are quoted for display only when needed", "[base][text]") {
  CHECK(ShellQuote("@scope/pkg@1.2.3") == "@scope/pkg@1.2.3");
  CHECK(ShellQuote("a b") == "'a b'");
  CHECK(ShellQuote("it's") == "'it'\\''s'");
  CHECK(ShellQuote("") == "''");
}

}  // namespace
}  // namespace mcpguard

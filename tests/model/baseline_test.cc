#include "model/baseline.h"

#include <catch2/catch.hpp>
#include <string>

namespace mcpguard::model {
namespace {

ApprovedServer Approved(std::string host, std::string scope, std::string project, std::string name) {
  ApprovedServer s;
  s.host = std::move(host);
  s.scope = std::move(scope);
  s.project = std::move(project);
  s.name = std::move(name);
  return s;
}

TEST_CASE("a baseline finds a server by its key, and only by its whole key", "[model][baseline]") {
  Baseline b;
  b.servers = {Approved("cursor", "user", "", "github"), Approved("cursor", "user", "", "github-extra"),
               Approved("claude-code", "project", "~/src/shop", "db"), Approved("zed", "user", "", "a/b")};
  CHECK(b.servers[0].Key() == "cursor/user/github");  // the documented form

  const ApprovedServer* github = b.Find("cursor/user/github");
  REQUIRE(github != nullptr);
  CHECK(github->name == "github");
  const ApprovedServer* extra = b.Find("cursor/user/github-extra");
  REQUIRE(extra != nullptr);
  CHECK(extra->name == "github-extra");
  const ApprovedServer* db = b.Find("claude-code/project/~/src/shop/db");
  REQUIRE(db != nullptr);
  CHECK(db->project == "~/src/shop");
  const ApprovedServer* slash = b.Find("zed/user/a/b");
  REQUIRE(slash != nullptr);
  CHECK(slash->name == "a/b");

  for (const char* key : {"cursor/user/githu", "cursor/user/github/", "cursor/user", "cursor/user/", "cursor//github",
                          "cursoruser/github", "claude-code/project/db", "claude-code/project/~/src/shop/",
                          "/user/github", "", "zed/user/a"}) {
    INFO(key);
    CHECK(b.Find(key) == nullptr);
  }
}

}  // namespace
}  // namespace mcpguard::model

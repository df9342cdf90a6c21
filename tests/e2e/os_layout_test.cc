// End-to-end: macOS and Windows homes laid out under a temp dir on Linux and
// found through --os.
#include <catch2/catch.hpp>

#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

TEST_CASE("macos: Claude Desktop under Library/Application Support", "[e2e][os]") {
  TempDir t;
  t.Copy(RealWorld("AbuMareBear__dotfiles__claude_desktop_config.json"),
         "home/Library/Application Support/Claude/claude_desktop_config.json");
  Run linux_run = RunMcpguard({"scan", "--format", "json", "--os", "linux"}, t.Path("home"));
  CHECK(linux_run.Json()["configs"].empty());
  Run r = RunMcpguard({"scan", "--format", "json", "--os", "macos"}, t.Path("home"));
  REQUIRE(r.exit_code == 0);
  auto snap = r.Json();
  REQUIRE(snap["configs"].size() == 1);
  CHECK(snap["configs"][0]["host"] == "claude-desktop");
  CHECK(snap["os"] == "macos");
}

}  // namespace
}  // namespace mcpguard::test

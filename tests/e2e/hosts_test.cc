// End-to-end: one fake home per host, laid out from real-world configs
// (../shared/fixtures/realworld) or hand-written ones, scanned by the built
// binary; the exact servers found are asserted.
#include <catch2/catch.hpp>

#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

using nlohmann::json;

// The servers found in `snapshot`, as "host scope name transport" lines, sorted.
std::vector<std::string> ServerLines(const json& snapshot) {
  std::vector<std::string> out;
  for (const json& c : snapshot.at("configs")) {
    for (const json& s : c.at("servers")) {
      out.push_back(s.at("host").get<std::string>() + " " + s.at("scope").get<std::string>() + " " +
                    s.at("name").get<std::string>() + " " + s.at("transport").get<std::string>());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("claude desktop: the real-world config in ~/.config/Claude", "[e2e][hosts]") {
  TempDir t;
  t.Copy(RealWorld("AbuMareBear__dotfiles__claude_desktop_config.json"), "home/.config/Claude/claude_desktop_config.json");
  Run r = RunMcpguard({"scan", "--format", "json", "--os", "linux"}, t.Path("home"));
  REQUIRE(r.exit_code == 0);
  json snap = r.Json();
  CHECK(ServerLines(snap) == std::vector<std::string>{"claude-desktop user filesystem stdio"});
  const json& s = snap["configs"][0]["servers"][0];
  CHECK(s["command"] == "/Users/abdullahhashim/.asdf/shims/npx");
  CHECK(s["args"] == json::array({"-y", "@modelcontextprotocol/server-filesystem", "/Users/abdullahhashim"}));
  CHECK(snap["configs"][0]["path"] == t.Path("home/.config/Claude/claude_desktop_config.json"));
}

}  // namespace
}  // namespace mcpguard::test

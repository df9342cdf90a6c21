#include "support/config_scan.h"

#include <catch2/catch.hpp>

namespace mcpguard::test {

using nlohmann::json;

void GoodNeighbour(const TempDir& t) {
  t.Write("home/.kiro/settings/mcp.json", R"({"mcpServers": {"ok": {"command": "uvx", "args": ["mcp-server-fetch"]}}})");
}

Outcome ScanConfig(const TempDir& t, const std::string& path, const std::vector<std::string>& extra,
                   const Env& env) {
  std::vector<std::string> args = {"scan", "--no-cwd", "--json", "--os", "linux"};
  args.insert(args.end(), extra.begin(), extra.end());
  Outcome o{RunMcpguard(args, t.Path("home"), env), {}, {}};
  o.snapshot = o.run.Json();
  for (const json& c : o.snapshot["configs"]) {
    if (c["path"] == path) o.config = c;
  }
  return o;
}

void CheckPartial(const Outcome& o) {
  CHECK(o.run.exit_code == 1);
  CHECK(o.snapshot["status"] == "partial");
  CHECK(o.snapshot["summary"]["unreadable_configs"] == 1);
  bool neighbour = false;
  for (const json& c : o.snapshot["configs"]) neighbour |= c["host"] == "kiro" && c["servers"].size() == 1;
  CHECK(neighbour);
}

}  // namespace mcpguard::test

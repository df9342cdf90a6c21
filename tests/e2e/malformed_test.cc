// End-to-end: broken and hostile config files. Each yields a
// path:line:col diagnostic, the config is still listed (as unreadable), the
// other configs are still scanned, and the exit status says it was partial.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "support/config_scan.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

using nlohmann::json;

struct SyntaxCase {
  const char* rel;
  const char* text;
  const char* where;    // ":line:col: error: message" expected on stderr after the path
};

TEST_CASE("a syntax error in each dialect gives path:line:col and the scan goes on", "[e2e][malformed]") {
  const SyntaxCase c = GENERATE(values<SyntaxCase>({
      {"home/.cursor/mcp.json", "{\n  \"mcpServers\": {\n    \"a\": {\"command\": \"x\" \"args\": []}\n  }\n}\n",
       ":3:26: error: expected ',' or '}' after object member"},
      {"home/.codex/config.toml", "[mcp_servers.a]\ncommand = \"x\"\nargs = [\"-y\",\n", ""},
      {"home/.config/goose/config.yaml", "extensions:\n  a:\n    cmd: [unclosed\n", ""},
  }));
  CAPTURE(c.rel);
  TempDir t;
  GoodNeighbour(t);
  const std::string path = t.Write(c.rel, c.text);
  Outcome o = ScanConfig(t, path);
  CheckPartial(o);
  REQUIRE(o.config.is_object());
  CHECK(o.config["status"] == "unreadable");
  CHECK(o.config["servers"].empty());
  REQUIRE(o.config["diagnostics"].size() == 1);
  const json& d = o.config["diagnostics"][0];
  CHECK(d["severity"] == "error");
  CHECK(d["line"].get<int>() > 0);
  CHECK(d["column"].get<int>() > 0);
  const std::string expected_prefix = "mcpguard: error: " + path + ":" + std::to_string(d["line"].get<int>()) + ":" +
                                      std::to_string(d["column"].get<int>()) + ": error: ";
  CHECK_THAT(o.run.err, Catch::Matchers::StartsWith(expected_prefix));
  if (std::string(c.where).size() > 0) CHECK_THAT(o.run.err, Catch::Matchers::Contains(path + c.where));
}

TEST_CASE("wrong types are warnings and the server is still listed", "[e2e][malformed]") {
  TempDir t;
  const std::string path =
      t.Write("home/.cursor/mcp.json", "{\"mcpServers\": {\"a\": {\"command\": 42, \"args\": {\"x\": 1}}}}");
  Outcome o = ScanConfig(t, path);
  CHECK(o.run.exit_code == 0);
  REQUIRE(o.config["servers"].size() == 1);
  CHECK(o.config["servers"][0]["command"] == "42");
  REQUIRE(o.config["diagnostics"].size() == 1);
  CHECK(o.config["diagnostics"][0]["message"] == "\"args\" should be an array of strings");
  CHECK(o.config["diagnostics"][0]["column"] == 46);
}

struct HostileCase {
  const char* name;
  const char* message;
};

TEST_CASE("hostile files where a config should be", "[e2e][malformed]") {
  const HostileCase c = GENERATE(values<HostileCase>({
      {"directory", "is a directory, not a config file"},
      {"fifo", "is a FIFO, not a config file"},
      {"dev-zero", "is a character device, not a config file"},
      {"huge", "file is 200 MiB, over the 16 MiB limit"},
      {"garbage", "binary content: NUL byte"},
      {"loop", "cannot open: too many levels of symbolic links"},
  }));
  CAPTURE(c.name);
  TempDir t;
  GoodNeighbour(t);
  const std::string path = t.Path("home/.cursor/mcp.json");
  t.MakeDir("home/.cursor");
  const std::string kind = c.name;
  if (kind == "directory") t.MakeDir("home/.cursor/mcp.json");
  if (kind == "fifo") REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
  if (kind == "dev-zero") REQUIRE(::symlink("/dev/zero", path.c_str()) == 0);
  if (kind == "huge") {
    t.Write("home/.cursor/mcp.json", "");
    REQUIRE(::truncate(path.c_str(), 200ll << 20) == 0);
  }
  if (kind == "garbage") t.Write("home/.cursor/mcp.json", std::string("{\"mcp\x00\xff\xfe", 8));
  if (kind == "loop") REQUIRE(::symlink(path.c_str(), path.c_str()) == 0);
  Outcome o = ScanConfig(t, path);
  CheckPartial(o);
  REQUIRE(o.config.is_object());
  REQUIRE(o.config["diagnostics"].size() == 1);
  CHECK(o.config["diagnostics"][0]["message"] == c.message);
}

TEST_CASE("a file without read permission is reported, not skipped", "[e2e][malformed]") {
  if (::geteuid() == 0) {
    SUCCEED("root can read any file: the permission case is covered by the unit test as non-root");
    return;
  }
  TempDir t;
  GoodNeighbour(t);
  const std::string path = t.Write("home/.cursor/mcp.json", "{}");
  ::chmod(path.c_str(), 0);
  Outcome o = ScanConfig(t, path);
  CheckPartial(o);
  CHECK(o.config["diagnostics"][0]["message"] == "cannot open: permission denied");
}

TEST_CASE("the text report shows the diagnostic and says the scan is partial", "[e2e][malformed]") {
  TempDir t;
  t.Write("home/.cursor/mcp.json", "{\"mcpServers\": [}");
  Run r = RunMcpguard({"scan", "--no-cwd"}, t.Path("home"));
  CHECK(r.exit_code == 1);
  CHECK(r.out ==
        "Cursor\n"
        "  ~/.cursor/mcp.json  (user)\n"
        "    ~/.cursor/mcp.json:1:17: error: unexpected character '}'\n"
        "\n"
        "0 servers in 1 config of 1 host; 1 config could not be read (partial scan)\n");
}

TEST_CASE("mcpguard never writes to a host's config", "[e2e][malformed]") {
  TempDir t;
  const std::string text = "{\"mcpServers\": {\"a\": {\"command\": \"x\",}}}";
  const std::string path = t.Write("home/.config/Claude/claude_desktop_config.json", text);
  struct stat before {};
  REQUIRE(::stat(path.c_str(), &before) == 0);
  Run r = RunMcpguard({"scan", "--no-cwd", "--json"}, t.Path("home"));
  CHECK(ReadFile(path) == text);
  struct stat after {};
  REQUIRE(::stat(path.c_str(), &after) == 0);
  CHECK(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);
  // Claude Desktop ignores a file with a trailing comma: say so.
  json j = r.Json();
  REQUIRE(j["configs"][0]["diagnostics"].size() == 1);
  CHECK(j["configs"][0]["diagnostics"][0]["severity"] == "warning");
  CHECK(j["configs"][0]["diagnostics"][0]["line"] == 1);
  CHECK(j["configs"][0]["diagnostics"][0]["column"] == 37);
}

}  // namespace
}  // namespace mcpguard::test

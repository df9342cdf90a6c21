// End-to-end: the hostile-input matrix (issue 10), the rows that
// malformed_test.cc does not already cover (a FIFO, /dev/zero, a 200 MiB
// file, NUL bytes in JSON, a symlink to itself and permission denied are
// there). Each row runs the real binary on a fake home and checks: a
// `path:line:col: message` diagnostic, no crash, no hang (RunMcpguard's
// timeout), no partial write, and the documented exit status.
//
// Duplicate keys: JSON hosts read their file with JSON.parse or serde_json,
// where the last duplicate wins, so mcpguard maps what the host runs and
// warns; TOML forbids them and Codex refuses such a file, so it is an error.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include <catch2/catch.hpp>

#include "app/baseline_store.h"
#include "base/file.h"
#include "base/process.h"
#include "support/config_scan.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

using nlohmann::json;

Outcome Scan(const TempDir& t, const std::string& path, const Env& env = {}) {
  return ScanConfig(t, path, {"--no-record"}, env);
}

// The file could not be read: exit 1, a partial scan, the neighbour still
// scanned, and exactly one error diagnostic, also on stderr as
// "<path>:<line>:<col>: error: <message>".
void ExpectUnreadable(const Outcome& o, const std::string& path, int line, int col, const std::string& message) {
  CheckPartial(o);
  REQUIRE(o.config.is_object());
  CHECK(o.config["status"] == "unreadable");
  REQUIRE(o.config["diagnostics"].size() == 1);
  const json& d = o.config["diagnostics"][0];
  CHECK(d["severity"] == "error");
  CHECK(d["message"] == message);
  CHECK(d["line"] == line);
  if (col > 0) CHECK(d["column"] == col);
  // A problem with the whole file (line 0 in JSON) is shown at 1:1, so the
  // text keeps the path:line:col shape editors jump to.
  const std::string where = path + ":" + std::to_string(line == 0 ? 1 : line) + ":" +
                            (line == 0 ? "1" : col > 0 ? std::to_string(col) : d["column"].dump()) + ": error: " +
                            message;
  CHECK_THAT(o.run.err, Catch::Matchers::Contains(where));
}

ProcessResult Git(const TempDir& t, std::vector<std::string> args, std::vector<std::string> env = {}) {
  ProcessOptions p;
  p.argv = {"git", "--git-dir", t.Path("home/.local/state/mcpguard/history")};
  p.argv.insert(p.argv.end(), args.begin(), args.end());
  env.push_back("HOME=" + t.path());
  env.push_back("GIT_CONFIG_NOSYSTEM=1");
  env.push_back(std::string("PATH=") + (std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin"));
  p.env = env;
  auto r = RunProcess(p);
  REQUIRE(r);
  INFO(r->err);
  REQUIRE(r->exit_code == 0);
  return *r;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

json Log(const TempDir& t, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"log", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  Run r = RunMcpguard(args, t.Path("home"));
  REQUIRE(r.exit_code == 0);
  return r.Json();
}

struct DeepCase {
  const char* rel;
  std::string text;
  int col;  // 0: not checked (yaml-cpp's own limit counts differently)
  const char* message;
};

TEST_CASE("hostile: nesting 200,000 levels deep stops at the depth limit", "[e2e][hostile]") {
  const DeepCase c = GENERATE(values<DeepCase>({
      // The 513th '[' is one level too many.
      {"home/.cursor/mcp.json", std::string(200'000, '['), 513, "nesting deeper than 512 levels"},
      // The root table is level 1, so the 512th '[' (after "x = ") is level 513.
      {"home/.codex/config.toml", "x = " + std::string(200'000, '['), 516, "nesting deeper than 512 levels"},
      {"home/.config/goose/config.yaml", std::string(200'000, '['), 0, "nesting deeper than 498 levels"},
  }));
  CAPTURE(c.rel);
  TempDir t;
  GoodNeighbour(t);
  const std::string path = t.Write(c.rel, c.text);
  ExpectUnreadable(Scan(t, path), path, 1, c.col, c.message);
}

TEST_CASE("hostile: a 1 GiB file is refused by its size, without reading it", "[e2e][hostile]") {
  TempDir t;
  GoodNeighbour(t);
  const std::string path = t.Write("home/.cursor/mcp.json", "");
  REQUIRE(::truncate(path.c_str(), 1ll << 30) == 0);  // sparse: costs no disk
  const auto start = std::chrono::steady_clock::now();
  Outcome o = Scan(t, path);
  const auto took = std::chrono::steady_clock::now() - start;
  ExpectUnreadable(o, path, 0, 0, "file is 1024 MiB, over the 16 MiB limit");
  // Reading 1 GiB of zeros would take seconds; refusing by size takes none.
  CHECK(took < std::chrono::seconds(5));
}

TEST_CASE("hostile: invalid UTF-8 is an error at the bad byte", "[e2e][hostile]") {
  TempDir t;
  GoodNeighbour(t);
  SECTION("json") {
    // {"mcpServers": {"a": {"command": "x<FF>"}}}: the 0xFF is byte 36.
    const std::string path = t.Write("home/.cursor/mcp.json", "{\"mcpServers\": {\"a\": {\"command\": \"x\xFF\"}}}");
    ExpectUnreadable(Scan(t, path), path, 1, 36, "invalid UTF-8 in string");
  }
  SECTION("toml") {
    const std::string path = t.Write("home/.codex/config.toml", "[mcp_servers.a]\ncommand = \"x\xFF\"\n");
    Outcome o = Scan(t, path);
    REQUIRE(o.config["diagnostics"].size() == 1);
    CHECK(o.config["diagnostics"][0]["line"] == 2);
    CHECK(o.config["status"] == "unreadable");
    CHECK(o.run.exit_code == 1);
  }
}

TEST_CASE("hostile: NUL bytes in TOML and YAML are binary content", "[e2e][hostile]") {
  TempDir t;
  GoodNeighbour(t);
  SECTION("toml") {
    // Line 2 is `a = "x<NUL>"`: the NUL is column 7.
    const std::string path = t.Write("home/.codex/config.toml", std::string("ok = 1\na = \"x\0\"\n", 15));
    ExpectUnreadable(Scan(t, path), path, 2, 7, "binary content: NUL byte");
  }
  SECTION("yaml") {
    // Line 3 is `    cmd: x<NUL>`: the NUL is column 11.
    const std::string path =
        t.Write("home/.config/goose/config.yaml", std::string("extensions:\n  a:\n    cmd: x\0\n", 28));
    ExpectUnreadable(Scan(t, path), path, 3, 11, "binary content: NUL byte");
  }
}

TEST_CASE("hostile: duplicate keys: the last wins in JSON, TOML refuses the file", "[e2e][hostile]") {
  TempDir t;
  SECTION("json: warned, and the server is the last definition, as JSON.parse reads it") {
    // The second "a" key starts at byte 42.
    const std::string path =
        t.Write("home/.cursor/mcp.json", R"({"mcpServers": {"a": {"command": "one"}, "a": {"command": "two"}}})");
    Outcome o = Scan(t, path);
    CHECK(o.run.exit_code == 0);
    REQUIRE(o.config["servers"].size() == 1);
    CHECK(o.config["servers"][0]["name"] == "a");
    CHECK(o.config["servers"][0]["command"] == "two");
    REQUIRE(o.config["diagnostics"].size() == 1);
    const json& d = o.config["diagnostics"][0];
    CHECK(d["severity"] == "warning");
    CHECK(d["message"] == "duplicate key \"a\" (the last one wins)");
    CHECK(d["line"] == 1);
    CHECK(d["column"] == 42);
  }
  SECTION("toml: an error on the second definition") {
    GoodNeighbour(t);
    const std::string path = t.Write("home/.codex/config.toml", "[mcp_servers.a]\ncommand = \"x\"\ncommand = \"y\"\n");
    Outcome o = Scan(t, path);
    CHECK(o.run.exit_code == 1);
    CHECK(o.config["status"] == "unreadable");
    REQUIRE(o.config["diagnostics"].size() == 1);
    CHECK(o.config["diagnostics"][0]["line"] == 3);
    CHECK_THAT(o.run.err, Catch::Matchers::Contains(path + ":3:"));
  }
}

TEST_CASE("hostile: numbers out of range", "[e2e][hostile]") {
  TempDir t;
  SECTION("json: a timeout of 1e400 or 1e20 is a warning, not a number") {
    const std::string text = GENERATE(as<std::string>{}, "1e400", "100000000000000000000", "-1e400");
    // The value starts at byte 50 of the line.
    const std::string path =
        t.Write("home/.cursor/mcp.json", R"({"mcpServers": {"a": {"command": "x", "timeout": )" + text + "}}}");
    Outcome o = Scan(t, path);
    CHECK(o.run.exit_code == 0);
    REQUIRE(o.config["servers"].size() == 1);
    CHECK_FALSE(o.config["servers"][0].contains("timeout_ms"));
    REQUIRE(o.config["diagnostics"].size() == 1);
    CHECK(o.config["diagnostics"][0]["severity"] == "warning");
    CHECK(o.config["diagnostics"][0]["message"] == "\"timeout\" is out of range");
    CHECK(o.config["diagnostics"][0]["column"] == 50);
  }
  SECTION("toml: an integer over 64 bits is an error") {
    GoodNeighbour(t);
    const std::string path =
        t.Write("home/.codex/config.toml", "[mcp_servers.a]\ncommand = \"x\"\nstartup_timeout_sec = 99999999999999999999\n");
    Outcome o = Scan(t, path);
    CHECK(o.run.exit_code == 1);
    REQUIRE(o.config["diagnostics"].size() == 1);
    CHECK(o.config["diagnostics"][0]["line"] == 3);
  }
}

TEST_CASE("hostile: a YAML alias bomb is refused before it expands", "[e2e][hostile]") {
  TempDir t;
  GoodNeighbour(t);
  const std::string path = t.Write("home/.config/goose/config.yaml",
                                   "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                                   "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                                   "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                                   "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                                   "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
                                   "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
                                   "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
                                   "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
                                   "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n");
  // 9^9 "lol"s if expanded. Counted: root 1, a 10, b 91, c 820, d 7,381 and
  // e 66,430 make 74,733; f is 1 more and each *e 66,430, so the seventh *e
  // on line 6 (column 26) is the one over 500,000.
  ExpectUnreadable(Scan(t, path), path, 6, 26, "document expands to more than 500000 values (alias bomb?)");
}

TEST_CASE("hostile: a --deep walk through a symlink loop ends", "[e2e][hostile]") {
  TempDir t;
  t.Write("home/src/app/.cursor/mcp.json", R"({"mcpServers": {"a": {"command": "x"}}})");
  REQUIRE(::symlink("..", t.Path("home/src/app/up").c_str()) == 0);
  REQUIRE(::symlink(t.Path("home/src").c_str(), t.Path("home/src/app/.cursor/src").c_str()) == 0);
  Run r = RunMcpguard({"scan", "--no-cwd", "--no-record", "--json", "--os", "linux", "--deep", t.Path("home/src")},
                      t.Path("home"));
  CHECK(r.exit_code == 0);
  const json snapshot = r.Json();
  std::set<std::string> paths;
  for (const json& c : snapshot["configs"]) paths.insert(c["path"].get<std::string>());
  CHECK(paths == std::set<std::string>{t.Path("home/src/app/.cursor/mcp.json")});
}

TEST_CASE("hostile: a config rewritten while it is read", "[e2e][hostile]") {
  TempDir t;
  const std::string one = R"({"mcpServers": {"a": {"command": "x"}}})";
  const std::string two = R"({"mcpServers": {"a": {"command": "x"}, "b": {"url": "https://example.com/mcp"}}})";
  const std::string path = t.Write("home/.cursor/mcp.json", one);
  std::atomic<bool> stop{false};
  // Rewrites in place (truncate, then write in two pieces), as an editor
  // without atomic saves does, so a reader can see an empty or half file.
  std::thread writer([&] {
    for (size_t i = 0; !stop; ++i) {
      const std::string& text = i % 2 == 0 ? two : one;
      const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC);
      if (fd < 0) continue;
      const size_t half = text.size() / 2;
      (void)!::write(fd, text.data(), half);
      (void)!::write(fd, text.data() + half, text.size() - half);
      ::close(fd);
    }
  });
  std::vector<Outcome> runs;
  for (int i = 0; i < 6; ++i) runs.push_back(Scan(t, path));
  stop = true;
  writer.join();
  for (const Outcome& o : runs) {
    CAPTURE(o.run.err);
    REQUIRE(o.config.is_object());
    std::set<std::string> names;
    for (const json& s : o.config["servers"]) names.insert(s["name"].get<std::string>());
    if (o.config["status"] == "unreadable") {
      // A torn read: a parse error with a position, and a partial scan.
      CHECK(o.run.exit_code == 1);
      REQUIRE(o.config["diagnostics"].size() == 1);
      CHECK(o.config["diagnostics"][0]["severity"] == "error");
      CHECK_FALSE(o.config["diagnostics"][0]["message"].get<std::string>().empty());
      CHECK(names.empty());
    } else {
      // One whole version of the file, never a mix.
      CHECK(o.run.exit_code == 0);
      const bool whole = names == std::set<std::string>{"a"} || names == std::set<std::string>{"a", "b"};
      CHECK(whole);
    }
  }
}

TEST_CASE("hostile: state and cache dirs that cannot be written", "[e2e][hostile]") {
  TempDir t;
  t.Write("home/.cursor/mcp.json", R"({"mcpServers": {"a": {"command": "x"}}})");
  std::map<std::string, std::string> env;
  SECTION("a file where the dirs should be") {
    // Works as root too: no permission bit stops mkdir under a regular file.
    env["XDG_STATE_HOME"] = t.Write("state-file", "not a directory\n");
    env["XDG_CACHE_HOME"] = t.Write("cache-file", "not a directory\n");
  }
  SECTION("read-only dirs") {
    if (::geteuid() == 0) {
      SUCCEED("root writes through read-only modes; the file case covers it");
      return;
    }
    env["XDG_STATE_HOME"] = t.MakeDir("state");
    env["XDG_CACHE_HOME"] = t.MakeDir("cache");
    ::chmod(t.Path("state").c_str(), 0500);
    ::chmod(t.Path("cache").c_str(), 0500);
  }
  Run r = RunMcpguard({"scan", "--no-cwd", "--os", "linux"}, t.Path("home"), env);
  // The report is whole and the exit status is the scan's own: recording
  // history is not part of the verdict.
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Matchers::Contains("1 server in 1 config of 1 host"));
  CHECK_THAT(r.err, Catch::Matchers::Contains("mcpguard: warning: history not recorded: "));
  // Nothing written where it could not go.
  if (Exists(t.Path("state-file"))) CHECK(ReadFile(t.Path("state-file")) == "not a directory\n");
  if (Exists(t.Path("cache-file"))) CHECK(ReadFile(t.Path("cache-file")) == "not a directory\n");
  ::chmod(t.Path("state").c_str(), 0700);
  ::chmod(t.Path("cache").c_str(), 0700);
}

TEST_CASE("hostile: a history commit whose object writes fail leaves the history as it was", "[e2e][hostile]") {
  TempDir t;
  const std::string path = t.Write("home/.cursor/mcp.json", R"({"mcpServers": {"a": {"command": "x"}}})");
  REQUIRE(RunMcpguard({"scan", "--no-cwd"}, t.Path("home")).exit_code == 0);
  const std::string head = Trim(Git(t, {"rev-parse", "refs/heads/main"}).out);
  // Every object into a pack, then a plain file in place of each loose-object
  // directory: the next object git writes fails on mkdir, halfway through
  // the commit (after the lock, before the ref moves), even as root.
  Git(t, {"repack", "-a", "-d", "-q"});
  Git(t, {"prune-packed"});
  const std::string objects = t.Path("home/.local/state/mcpguard/history/objects/");
  std::vector<std::string> blockers;
  for (int i = 0; i < 256; ++i) {
    char name[3];
    std::snprintf(name, sizeof name, "%02x", i);
    struct stat st {};
    if (::stat((objects + name).c_str(), &st) == 0) continue;
    blockers.push_back(objects + name);
    REQUIRE(::close(::open(blockers.back().c_str(), O_WRONLY | O_CREAT, 0600)) == 0);
  }
  t.Write("home/.cursor/mcp.json", R"({"mcpServers": {"a": {"command": "y"}}})");
  Run r = RunMcpguard({"scan", "--no-cwd"}, t.Path("home"));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Matchers::Contains("1 server in 1 config of 1 host"));
  CHECK_THAT(r.err, Catch::Matchers::Contains("mcpguard: warning: history not recorded: "));
  // Nothing half-recorded: the branch is where it was, the log as it was.
  CHECK(Trim(Git(t, {"rev-parse", "refs/heads/main"}).out) == head);
  CHECK(Log(t).size() == 1);
  // And the lock was let go: once writes work again the scan records.
  for (const std::string& b : blockers) ::unlink(b.c_str());
  REQUIRE(RunMcpguard({"scan", "--no-cwd"}, t.Path("home")).exit_code == 0);
  const json log = Log(t);
  REQUIRE(log.size() == 2);
  CHECK(log[0]["message"] == "cursor: a changed");
  (void)path;
}

TEST_CASE("hostile: clock skew: a commit dated before its parent", "[e2e][hostile]") {
  TempDir t;
  t.Write("home/.cursor/mcp.json", R"({"mcpServers": {"a": {"command": "x"}}})");
  REQUIRE(RunMcpguard({"scan", "--no-cwd"}, t.Path("home")).exit_code == 0);
  t.Write("home/.cursor/mcp.json", R"({"mcpServers": {"a": {"command": "x"}, "b": {"command": "y"}}})");
  REQUIRE(RunMcpguard({"scan", "--no-cwd"}, t.Path("home")).exit_code == 0);
  // As if the clock had been 30 days behind when the second scan was
  // recorded: the same commit, dated 30 days before its parent.
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const std::string past = "@" + std::to_string(now - 30 * 86400) + " +0000";
  const std::string parent = Trim(Git(t, {"rev-parse", "refs/heads/main~1"}).out);
  const std::string message = Trim(Git(t, {"log", "-1", "--format=%B", "refs/heads/main"}).out);
  const std::string skewed = Trim(Git(t, {"commit-tree", "refs/heads/main^{tree}", "-p", parent, "-m", message},
                                      {"GIT_AUTHOR_NAME=u", "GIT_AUTHOR_EMAIL=u@h", "GIT_COMMITTER_NAME=u",
                                       "GIT_COMMITTER_EMAIL=u@h", "GIT_AUTHOR_DATE=" + past,
                                       "GIT_COMMITTER_DATE=" + past})
                                      .out);
  Git(t, {"update-ref", "refs/heads/main", skewed});
  // The clock is right again and the next scan records on top of it.
  t.Write("home/.cursor/mcp.json", R"({"mcpServers": {"b": {"command": "y"}}})");
  REQUIRE(RunMcpguard({"scan", "--no-cwd"}, t.Path("home")).exit_code == 0);

  // The log is in recording order (parents after children), whatever the dates.
  const json log = Log(t);
  REQUIRE(log.size() == 3);
  CHECK(log[0]["message"] == "cursor: -a");
  CHECK(log[1]["message"] == "cursor: +b");
  CHECK(log[1]["id"] == skewed);
  CHECK_THAT(log[2]["message"].get<std::string>(), Catch::Matchers::StartsWith("first scan: "));
  // --since keeps every commit in the window, not only those before the
  // first one outside it.
  const json week = Log(t, {"--since", "7d"});
  REQUIRE(week.size() == 2);
  CHECK(week[0]["message"] == "cursor: -a");
  CHECK_THAT(week[1]["message"].get<std::string>(), Catch::Matchers::StartsWith("first scan: "));
  // diff and show read by revision, not by date.
  Run diff = RunMcpguard({"diff", "HEAD~2", "HEAD"}, t.Path("home"));
  CHECK(diff.exit_code == 0);
  CHECK_THAT(diff.out, Catch::Matchers::Contains("- cursor/a"));
}

// tests/fuzz/regressions/baseline/: a signature says who wrote a baseline,
// not that it is well formed. A "schema" that is not a string made
// json::value() throw out of the reader (and verify end on std::terminate);
// wrong field types must be an error naming the file too.
TEST_CASE("hostile: a signed but malformed baseline is an error, not a crash", "[e2e][hostile][fuzz]") {
  const std::string dir = std::string(MCPGUARD_SOURCE_DIR) + "/tests/fuzz/regressions/baseline/";
  auto schema = app::ParseBaseline(ReadFile(dir + "schema-not-a-string.json"), "baseline.json");
  REQUIRE_FALSE(schema);
  CHECK(schema.error().message == "not a mcpguard.baseline/1 document");
  CHECK(schema.error().path == "baseline.json");
  auto types = app::ParseBaseline(ReadFile(dir + "wrong-field-types.json"), "baseline.json");
  REQUIRE_FALSE(types);
  CHECK_THAT(types.error().message, Catch::Matchers::StartsWith("malformed baseline: "));
}

}  // namespace
}  // namespace mcpguard::test

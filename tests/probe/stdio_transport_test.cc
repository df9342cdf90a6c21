// The stdio transport against small shell scripts: framing, caps, deadlines,
// and that Close leaves nothing of the child's process group behind.
#include "probe/stdio_transport.h"

#include <signal.h>

#include <cerrno>
#include <cstdio>
#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "probe/json_depth.h"
#include "support/temp_dir.h"

namespace mcpguard::probe {
namespace {

using Catch::Matchers::Contains;
using namespace std::chrono_literals;

std::unique_ptr<Transport> Start(const std::string& script, int max_stray = 20, size_t stderr_cap = 64u << 10) {
  StdioLaunch launch;
  launch.argv = {"/bin/sh", "-c", script};
  launch.env = {"PATH=/usr/bin:/bin"};
  launch.max_stray_lines = max_stray;
  launch.stderr_cap = stderr_cap;
  auto t = StartStdio(launch);
  REQUIRE(t);
  return std::move(*t);
}

bool Dead(pid_t pid) {
  if (::kill(pid, 0) != 0 && errno == ESRCH) return true;
  std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
  if (f == nullptr) return true;
  char state = '?';
  const int got = std::fscanf(f, "%*d %*s %c", &state);
  std::fclose(f);
  return got == 1 && state == 'Z';
}

Deadline In(std::chrono::milliseconds ms) { return Clock::now() + ms; }

TEST_CASE("messages are lines: blank lines skipped, CRLF accepted, sends framed", "[probe][stdio]") {
  // Echoes back what it reads, after a blank line and a CRLF-framed message.
  auto t = Start("printf '\\n  \\n{\"a\":1}\\r\\n'; read line; printf '%s\\n' \"$line\"");
  auto first = t->Receive(In(5s));
  REQUIRE(first);
  CHECK(*first == "{\"a\":1}");
  REQUIRE(t->Send("{\"b\":2}", In(5s)));
  auto echoed = t->Receive(In(5s));
  REQUIRE(echoed);
  CHECK(*echoed == "{\"b\":2}");
}

TEST_CASE("a few stray lines are tolerated and reported, many are an error", "[probe][stdio]") {
  SECTION("tolerated") {
    auto t = Start("echo 'server starting'; echo 'listening'; echo '{\"ok\":true}'");
    auto m = t->Receive(In(5s));
    REQUIRE(m);
    CHECK(*m == "{\"ok\":true}");
    CHECK_THAT(t->Diagnostics(), Contains("2 non-JSON line(s) on stdout, first: \"server starting\""));
  }
  SECTION("too many") {
    auto t = Start("for i in 1 2 3 4 5; do printf 'noise\\033[1m %s\\n' $i; done; sleep 5", 3);
    auto m = t->Receive(In(5s));
    REQUIRE_FALSE(m);
    CHECK(m.error().code == Errc::kProtocol);
    CHECK(m.error().message == "the server writes text that is not JSON-RPC to stdout: \"noise\\x1b[1m 1\"");
  }
}

TEST_CASE("a line longer than the message cap is refused", "[probe][stdio]") {
  auto t = Start("head -c 9000000 /dev/zero | tr '\\0' x; sleep 5");
  auto m = t->Receive(In(10s));
  REQUIRE_FALSE(m);
  CHECK(m.error().code == Errc::kTooLarge);
  CHECK(m.error().message == "a message from the server is larger than 8 MiB");
}

TEST_CASE("JSON nesting is measured outside strings", "[probe][stdio]") {
  CHECK(JsonDepth("{}") == 1);
  CHECK(JsonDepth(R"({"a":[{"b":[]}]})") == 4);
  CHECK(JsonDepth(R"({"a":"[[[[{{{{\"[["})") == 1);
  CHECK(JsonDepth("1") == 0);
  CHECK(JsonDepth(std::string(500, '['), 128) == 129);  // stops counting past the limit
}

TEST_CASE("a message nested too deep is refused before parsing", "[probe][stdio]") {
  auto t = Start("i=0; s=''; while [ $i -lt 300 ]; do s=\"[$s]\"; i=$((i+1)); done; echo \"$s\"; sleep 5");
  auto m = t->Receive(In(5s));
  REQUIRE_FALSE(m);
  CHECK(m.error().message == "a message from the server nests deeper than 128 levels");
}

TEST_CASE("waiting ends at the deadline", "[probe][stdio]") {
  auto t = Start("sleep 30");
  const auto start = Clock::now();
  auto m = t->Receive(In(300ms));
  REQUIRE_FALSE(m);
  CHECK(m.error().code == Errc::kTimeout);
  CHECK(Clock::now() - start < 3s);
}

TEST_CASE("a server that exits says so, with its status and its stderr", "[probe][stdio]") {
  auto t = Start("echo 'fatal: no config' >&2; exit 3");
  auto m = t->Receive(In(5s));
  REQUIRE_FALSE(m);
  CHECK(m.error().message == "the server closed its stdout (exit status 3)");
  CHECK(t->Diagnostics() == "fatal: no config\n");
}

TEST_CASE("stderr keeps only its last bytes", "[probe][stdio]") {
  auto t = Start("i=0; while [ $i -lt 200 ]; do echo \"line $i\" >&2; i=$((i+1)); done; exit 0", 20, 32);
  REQUIRE_FALSE(t->Receive(In(5s)));
  const std::string err = t->Diagnostics();
  CHECK(err.size() == 32);
  CHECK_THAT(err, Contains("line 199\n"));
}

TEST_CASE("a command that does not exist is an error at start", "[probe][stdio]") {
  StdioLaunch launch;
  launch.argv = {"/nonexistent/server"};
  auto t = StartStdio(launch);
  REQUIRE_FALSE(t);
  CHECK(t.error().code == Errc::kNotFound);
}

TEST_CASE("Close kills the whole process group, grandchildren included", "[probe][stdio]") {
  test::TempDir dir;
  const std::string pidfile = dir.Path("grandchild.pid");
  // The grandchild ignores SIGTERM and outlives its parent's stdin.
  auto t = Start("trap '' TERM; (trap '' TERM; sleep 60) & echo $! > " + pidfile + "; echo '{}'; sleep 60");
  REQUIRE(t->Receive(In(5s)));
  const pid_t grandchild = static_cast<pid_t>(std::stol(test::ReadFile(pidfile)));
  REQUIRE(::kill(grandchild, 0) == 0);
  t->Close();
  // SIGKILL is delivered at once; the orphan is then a zombie until whoever
  // adopted it reaps it (a container's init may never do so).
  bool gone = false;
  for (int i = 0; i < 100 && !gone; ++i) {
    gone = Dead(grandchild);
    if (!gone) std::this_thread::sleep_for(20ms);
  }
  CHECK(gone);
  t->Close();  // twice is fine
  CHECK_FALSE(t->Send("{}", In(1s)));
}

}  // namespace
}  // namespace mcpguard::probe

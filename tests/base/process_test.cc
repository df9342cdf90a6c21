#include "base/process.h"

#include <catch2/catch.hpp>

namespace mcpguard {
namespace {

TEST_CASE("a child's stdout, stderr and exit status are captured", "[base][process]") {
  ProcessOptions o;
  o.argv = {"sh", "-c", "echo out; echo err >&2; exit 3"};
  auto r = RunProcess(o);
  REQUIRE(r);
  CHECK(r->out == "out\n");
  CHECK(r->err == "err\n");
  CHECK(r->exit_code == 3);
  CHECK_FALSE(r->timed_out);
}

TEST_CASE("stdin is fed to the child", "[base][process]") {
  ProcessOptions o;
  o.argv = {"cat"};
  o.stdin_data = "hello\n";
  auto r = RunProcess(o);
  REQUIRE(r);
  CHECK(r->out == "hello\n");
}

TEST_CASE("a child that never ends is killed, with its whole group", "[base][process]") {
  ProcessOptions o;
  // The background sleep is a grandchild: killing only the child would leak it.
  o.argv = {"sh", "-c", "sleep 30 & echo started; wait"};
  o.timeout_ms = 300;
  auto r = RunProcess(o);
  REQUIRE(r);
  CHECK(r->timed_out);
  CHECK(r->signal == 9);
  CHECK(r->out == "started\n");
}

TEST_CASE("output past the cap is dropped and flagged", "[base][process]") {
  ProcessOptions o;
  o.argv = {"sh", "-c", "head -c 100000 /dev/zero"};
  o.output_cap = 1000;
  auto r = RunProcess(o);
  REQUIRE(r);
  CHECK(r->out.size() == 1000);
  CHECK(r->out_truncated);
}

TEST_CASE("the child gets exactly the environment given", "[base][process]") {
  ProcessOptions o;
  o.argv = {"/usr/bin/env"};
  o.env = std::vector<std::string>{"ONLY=this"};
  auto r = RunProcess(o);
  REQUIRE(r);
  CHECK(r->out == "ONLY=this\n");
}

TEST_CASE("a command that does not exist is an error", "[base][process]") {
  ProcessOptions o;
  o.argv = {"/nonexistent/binary"};
  auto r = RunProcess(o);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::kNotFound);
}

}  // namespace
}  // namespace mcpguard

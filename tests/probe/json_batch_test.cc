#include "probe/json_batch.h"

#include <catch2/catch.hpp>

namespace mcpguard::probe {
namespace {

TEST_CASE("json batch: one message is passed through as sent", "[probe][json]") {
  auto r = SplitJsonRpc(" {\"jsonrpc\":\"2.0\", \"id\":1,\"result\":{}}\n");
  REQUIRE(r);
  REQUIRE(r->size() == 1);
  CHECK((*r)[0] == "{\"jsonrpc\":\"2.0\", \"id\":1,\"result\":{}}");
}

TEST_CASE("json batch: a batch is cut into its messages, strings and nesting respected", "[probe][json]") {
  auto r = SplitJsonRpc(
      "[{\"id\":1,\"result\":{\"a\":[1,2]}} , {\"id\":2,\"result\":\"x,]}\\\"{\"},\n{\"method\":\"n\"}]");
  REQUIRE(r);
  REQUIRE(r->size() == 3);
  CHECK((*r)[0] == "{\"id\":1,\"result\":{\"a\":[1,2]}}");
  CHECK((*r)[1] == "{\"id\":2,\"result\":\"x,]}\\\"{\"}");
  CHECK((*r)[2] == "{\"method\":\"n\"}");
}

TEST_CASE("json batch: text that is not one message or a batch of them is refused", "[probe][json]") {
  for (const char* bad : {"", "{", "not json", "[]", "42", "\"s\"", "[{\"id\":1}, 2]", "{} {}"}) {
    INFO(bad);
    auto r = SplitJsonRpc(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::kProtocol);
  }
}

// Found by the jsonrpc_batch fuzzer: nlohmann's lexer stops at a NUL byte,
// so a valid batch followed by "\0\1" passed validation and its last message
// came out with "]\0" glued on.
TEST_CASE("json batch: a NUL byte anywhere is refused, not read as the end", "[probe][json]") {
  using namespace std::string_literals;
  for (const std::string& text : {"[{\"id\":2,\"result\":{}}]\0\1"s, "{\"id\":1}\0"s, "{\"a\":\"x\0y\"}"s}) {
    auto r = SplitJsonRpc(text);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::kProtocol);
    CHECK(r.error().message == "not JSON: a NUL byte");
  }
}

}  // namespace
}  // namespace mcpguard::probe

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

}  // namespace
}  // namespace mcpguard::probe

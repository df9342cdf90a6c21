#include "probe/json_message.h"

#include <string>

#include <catch2/catch.hpp>

namespace mcpguard::probe {
namespace {

using nlohmann::json;

TEST_CASE("an untrusted JSON-RPC message parses to its JSON", "[probe][json_message]") {
  auto m = ParseUntrustedJson(R"({"jsonrpc":"2.0","id":7,"result":{"tools":[]}})");
  REQUIRE(m);
  CHECK(*m == json{{"jsonrpc", "2.0"}, {"id", 7}, {"result", {{"tools", json::array()}}}});
  // A batch is JSON too; what it holds is the caller's to judge.
  auto batch = ParseUntrustedJson(R"([{"id":1},{"id":2}])");
  REQUIRE(batch);
  CHECK(batch->size() == 2);
}

TEST_CASE("a message with a NUL byte is refused, not read up to the NUL", "[probe][json_message]") {
  // nlohmann alone reads {"id":1,...} and ignores what follows the NUL.
  static constexpr char kAfterMessage[] = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\0{\"tools\":[\"hidden\"]}";
  const std::string after_message(kAfterMessage, sizeof kAfterMessage - 1);
  REQUIRE(after_message.find('\0') == 36);
  auto m = ParseUntrustedJson(after_message);
  REQUIRE_FALSE(m);
  CHECK(m.error().code == Errc::kProtocol);
  CHECK(m.error().message == "something that is not JSON");
  // A raw NUL inside a string is no better.
  auto in_string = ParseUntrustedJson(std::string("{\"a\":\"x\0y\"}", 11));
  REQUIRE_FALSE(in_string);
  CHECK(in_string.error().message == "something that is not JSON");
  // Escaped, it is an ordinary character.
  auto escaped = ParseUntrustedJson(R"({"a":"x\u0000y"})");
  REQUIRE(escaped);
  CHECK((*escaped)["a"].get<std::string>() == std::string("x\0y", 3));
}

TEST_CASE("a message nested deeper than the limit is refused before it parses", "[probe][json_message]") {
  auto deep = ParseUntrustedJson(std::string(129, '[') + std::string(129, ']'));
  REQUIRE_FALSE(deep);
  CHECK(deep.error().code == Errc::kProtocol);
  CHECK(deep.error().message == "a message nested deeper than 128 levels");
  // At the limit it parses.
  CHECK(ParseUntrustedJson(std::string(128, '[') + std::string(128, ']')));
}

TEST_CASE("text that is not JSON is refused", "[probe][json_message]") {
  for (const char* text : {"", "{not json", "{\"id\":1} trailing"}) {
    CAPTURE(text);
    auto m = ParseUntrustedJson(text);
    REQUIRE_FALSE(m);
    CHECK(m.error().message == "something that is not JSON");
  }
}

}  // namespace
}  // namespace mcpguard::probe

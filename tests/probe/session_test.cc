// The MCP session against a scripted transport: each message we send is
// answered by a function of the test, so every exchange is spelled out here.
#include "probe/session.h"

#include <deque>
#include <functional>

#include <catch2/catch.hpp>

namespace mcpguard::probe {
namespace {

using nlohmann::json;
using Catch::Matchers::Contains;

class ScriptedTransport final : public Transport {
 public:
  // The messages the server sends back after receiving `sent`.
  std::function<std::vector<json>(const json& sent)> server;
  std::vector<json> sent;
  std::string version;
  bool closed = false;

  Result<void> Send(const std::string& message, Deadline) override {
    json m = json::parse(message);
    sent.push_back(m);
    if (server) {
      for (const json& reply : server(m)) inbox_.push_back(reply.dump());
    }
    return {};
  }
  Result<std::string> Receive(Deadline) override {
    if (inbox_.empty()) return Fail(Errc::kTimeout, "no answer before the deadline");
    std::string m = inbox_.front();
    inbox_.pop_front();
    return m;
  }
  void SetProtocolVersion(const std::string& v) override { version = v; }
  void Close() override { closed = true; }
  // Raw text queued as if the server had written it.
  void Queue(std::string raw) { inbox_.push_back(std::move(raw)); }

  std::vector<std::string> Methods() const {
    std::vector<std::string> out;
    for (const json& m : sent) {
      if (m.contains("method")) out.push_back(m["method"]);
    }
    return out;
  }

 private:
  std::deque<std::string> inbox_;
};

json Answer(const json& request, json result) {
  return {{"jsonrpc", "2.0"}, {"id", request["id"]}, {"result", std::move(result)}};
}

json InitResult(const std::string& version, json capabilities) {
  return {{"protocolVersion", version},
          {"capabilities", std::move(capabilities)},
          {"serverInfo", {{"name", "demo"}, {"version", "1.2.3"}}}};
}

SessionOptions Options() {
  SessionOptions o;
  o.deadline = Clock::now() + std::chrono::seconds(5);
  o.client_version = "9.9";
  return o;
}

// A server with two pages of tools, one prompt, and no resources.
std::vector<json> TwoPageServer(const json& m) {
  const std::string method = m.value("method", "");
  if (method == "initialize") {
    return {Answer(m, InitResult("2025-06-18", {{"tools", {{"listChanged", true}}}, {"prompts", json::object()}}))};
  }
  if (method == "tools/list") {
    if (!m["params"].contains("cursor")) return {Answer(m, {{"tools", {{{"name", "a"}}}}, {"nextCursor", "p2"}})};
    return {Answer(m, {{"tools", {{{"name", "b"}}}}})};
  }
  if (method == "prompts/list") return {Answer(m, {{"prompts", {{{"name", "hello"}}}}})};
  return {};
}

TEST_CASE("a session initializes, then lists what the capabilities declare, page by page", "[probe][session]") {
  ScriptedTransport t;
  t.server = TwoPageServer;
  ServedSurface served;
  auto r = ListSurface(t, Options(), served);
  REQUIRE(r);
  CHECK(t.Methods() ==
        std::vector<std::string>{"initialize", "notifications/initialized", "tools/list", "tools/list", "prompts/list"});
  // What we offered, and who we said we are.
  const json& init = t.sent[0];
  CHECK(init["jsonrpc"] == "2.0");
  CHECK(init["params"]["protocolVersion"] == "2025-11-25");
  CHECK(init["params"]["clientInfo"] == json{{"name", "mcpguard"}, {"version", "9.9"}});
  CHECK_FALSE(t.sent[1].contains("id"));  // a notification
  CHECK(t.sent[3]["params"] == json{{"cursor", "p2"}});
  CHECK(t.version == "2025-06-18");
  CHECK(served.protocol_version == "2025-06-18");
  CHECK(served.server_info["name"] == "demo");
  REQUIRE(served.tools.size() == 2);
  CHECK(served.tools[0]["name"] == "a");
  CHECK(served.tools[1]["name"] == "b");
  REQUIRE(served.prompts.size() == 1);
  CHECK(served.resources.empty());
  CHECK_FALSE(served.instructions.has_value());
}

TEST_CASE("resources and their templates are listed under the resources capability", "[probe][session]") {
  ScriptedTransport t;
  t.server = [](const json& m) -> std::vector<json> {
    const std::string method = m.value("method", "");
    if (method == "initialize") {
      json result = InitResult("2024-11-05", {{"resources", {{"subscribe", true}}}});
      result["instructions"] = "Read the docs first.";
      return {Answer(m, result)};
    }
    if (method == "resources/list") return {Answer(m, {{"resources", {{{"uri", "file:///a"}}}}})};
    if (method == "resources/templates/list") {
      return {Answer(m, {{"resourceTemplates", {{{"uriTemplate", "x://{id}"}}}}})};
    }
    return {};
  };
  ServedSurface served;
  REQUIRE(ListSurface(t, Options(), served));
  CHECK(t.Methods() == std::vector<std::string>{"initialize", "notifications/initialized", "resources/list",
                                                "resources/templates/list"});
  CHECK(served.resources.size() == 1);
  CHECK(served.resource_templates.size() == 1);
  CHECK(served.instructions == std::optional<std::string>("Read the docs first."));
}

TEST_CASE("a server without resources/templates/list has no templates", "[probe][session]") {
  ScriptedTransport t;
  t.server = [](const json& m) -> std::vector<json> {
    const std::string method = m.value("method", "");
    if (method == "initialize") return {Answer(m, InitResult("2024-11-05", {{"resources", json::object()}}))};
    if (method == "resources/list") return {Answer(m, {{"resources", json::array()}})};
    if (!m.contains("id")) return {};
    return {{{"jsonrpc", "2.0"}, {"id", m["id"]}, {"error", {{"code", -32601}, {"message", "Method not found"}}}}};
  };
  ServedSurface served;
  auto r = ListSurface(t, Options(), served);
  INFO((r ? std::string() : r.error().message));
  CHECK(r);
  CHECK(served.resource_templates.empty());
}

TEST_CASE("every known protocol version is accepted, others are refused", "[probe][session]") {
  for (const char* v : {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"}) CHECK(IsKnownProtocolVersion(v));
  CHECK_FALSE(IsKnownProtocolVersion("2023-01-01"));
  CHECK_FALSE(IsKnownProtocolVersion(""));

  ScriptedTransport t;
  t.server = [](const json& m) -> std::vector<json> {
    if (m.value("method", "") == "initialize") return {Answer(m, InitResult("1999-12-31", {{"tools", json::object()}}))};
    return {};
  };
  ServedSurface served;
  auto r = ListSurface(t, Options(), served);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::kProtocol);
  CHECK(r.error().message == "initialize: the server speaks MCP 1999-12-31, which mcpguard does not know");
  CHECK(t.Methods() == std::vector<std::string>{"initialize"});  // no initialized, no lists
}

TEST_CASE("a JSON-RPC error answer becomes a clear message", "[probe][session]") {
  ScriptedTransport t;
  t.server = [](const json& m) -> std::vector<json> {
    const std::string method = m.value("method", "");
    if (method == "initialize") return {Answer(m, InitResult("2025-11-25", {{"tools", json::object()}}))};
    if (method == "tools/list") {
      return {{{"jsonrpc", "2.0"}, {"id", m["id"]}, {"error", {{"code", -32603}, {"message", "db\x1b[2J down"}}}}};
    }
    return {};
  };
  ServedSurface served;
  auto r = ListSurface(t, Options(), served);
  REQUIRE_FALSE(r);
  // The server's own text, with its control characters made visible.
  CHECK(r.error().message == "tools/list: the server answered error -32603: db\\x1b[2J down");
  CHECK(served.protocol_version == "2025-11-25");  // what came before the failure is kept
}

TEST_CASE("server requests are answered: ping with a result, anything else with an error", "[probe][session]") {
  ScriptedTransport t;
  t.server = [](const json& m) -> std::vector<json> {
    const std::string method = m.value("method", "");
    if (method == "initialize") {
      // Before answering: a log notification, a ping, a sampling request,
      // and a stale answer to an id we never used.
      return {{{"jsonrpc", "2.0"}, {"method", "notifications/message"}, {"params", {{"data", "hi"}}}},
              {{"jsonrpc", "2.0"}, {"id", "srv-1"}, {"method", "ping"}},
              {{"jsonrpc", "2.0"}, {"id", 77}, {"method", "sampling/createMessage"}, {"params", json::object()}},
              {{"jsonrpc", "2.0"}, {"id", 999}, {"result", json::object()}},
              Answer(m, InitResult("2025-11-25", json::object()))};
    }
    return {};
  };
  ServedSurface served;
  REQUIRE(ListSurface(t, Options(), served));
  REQUIRE(t.sent.size() == 4);
  CHECK(t.sent[1] == json{{"jsonrpc", "2.0"}, {"id", "srv-1"}, {"result", json::object()}});
  CHECK(t.sent[2]["id"] == 77);
  CHECK(t.sent[2]["error"]["code"] == -32601);
  CHECK(t.sent[3]["method"] == "notifications/initialized");
}

TEST_CASE("a batch holding the answer is read member by member", "[probe][session]") {
  ScriptedTransport t;
  t.server = [](const json& m) -> std::vector<json> {
    if (m.value("method", "") == "initialize") {
      return {json::array({{{"jsonrpc", "2.0"}, {"method", "notifications/progress"}},
                           Answer(m, InitResult("2025-03-26", json::object()))})};
    }
    return {};
  };
  ServedSurface served;
  REQUIRE(ListSurface(t, Options(), served));
  CHECK(served.protocol_version == "2025-03-26");
}

TEST_CASE("a server that never answers times out with the method named", "[probe][session]") {
  ScriptedTransport t;  // answers nothing
  ServedSurface served;
  auto r = ListSurface(t, Options(), served);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::kTimeout);
  CHECK(r.error().message == "initialize: no answer before the deadline");
}

TEST_CASE("malformed answers are protocol errors", "[probe][session]") {
  ScriptedTransport t;
  SECTION("not JSON") {
    t.Queue("{not json");
    ServedSurface served;
    auto r = ListSurface(t, Options(), served);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "initialize: the server sent something that is not JSON");
  }
  SECTION("a NUL byte after an answer") {
    t.Queue(std::string("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\0", 37));
    ServedSurface served;
    auto r = ListSurface(t, Options(), served);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "initialize: the server sent something that is not JSON");
  }
  SECTION("nested too deep") {
    t.Queue(std::string(1000, '[') + std::string(1000, ']'));
    ServedSurface served;
    auto r = ListSurface(t, Options(), served);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "initialize: the server sent a message nested deeper than 128 levels");
  }
  SECTION("a list that is not an array") {
    t.server = [](const json& m) -> std::vector<json> {
      const std::string method = m.value("method", "");
      if (method == "initialize") return {Answer(m, InitResult("2025-11-25", {{"tools", json::object()}}))};
      if (method == "tools/list") return {Answer(m, {{"tools", "all of them"}})};
      return {};
    };
    ServedSurface served;
    auto r = ListSurface(t, Options(), served);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "tools/list: the answer has no tools array");
  }
  SECTION("no protocolVersion") {
    t.server = [](const json& m) -> std::vector<json> { return {Answer(m, {{"capabilities", json::object()}})}; };
    ServedSurface served;
    auto r = ListSurface(t, Options(), served);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "initialize: the answer has no protocolVersion");
  }
}

TEST_CASE("pagination is bounded: a repeated cursor and too many pages stop it", "[probe][session]") {
  ScriptedTransport t;
  int pages = 0;
  bool repeat = false;
  t.server = [&](const json& m) -> std::vector<json> {
    const std::string method = m.value("method", "");
    if (method == "initialize") return {Answer(m, InitResult("2025-11-25", {{"tools", json::object()}}))};
    if (method == "tools/list") {
      ++pages;
      const std::string next = repeat ? "same" : "page" + std::to_string(pages);
      return {Answer(m, {{"tools", json::array({{{"name", "t" + std::to_string(pages)}}})}, {"nextCursor", next}})};
    }
    return {};
  };
  SECTION("repeated cursor") {
    repeat = true;
    ServedSurface served;
    auto r = ListSurface(t, Options(), served);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "tools/list: the server repeats a cursor");
    CHECK(pages == 2);
  }
  SECTION("page cap") {
    SessionOptions o = Options();
    o.max_pages = 5;
    ServedSurface served;
    auto r = ListSurface(t, o, served);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::kTooLarge);
    CHECK(r.error().message == "tools/list: more than 5 pages");
    CHECK(pages == 5);
    CHECK(served.tools.size() == 5);
  }
  SECTION("item cap") {
    SessionOptions o = Options();
    o.max_items = 3;
    ServedSurface served;
    auto r = ListSurface(t, o, served);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "tools/list: more than 3 items");
  }
}

TEST_CASE("a flood of unrelated messages does not keep the session waiting forever", "[probe][session]") {
  ScriptedTransport t;
  t.server = [](const json& m) -> std::vector<json> {
    std::vector<json> noise(50, {{"jsonrpc", "2.0"}, {"method", "notifications/message"}});
    noise.push_back(Answer(m, InitResult("2025-11-25", json::object())));
    return noise;
  };
  SessionOptions o = Options();
  o.max_unrelated = 10;
  ServedSurface served;
  auto r = ListSurface(t, o, served);
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error().message, Contains("10 other messages and no answer"));
}

}  // namespace
}  // namespace mcpguard::probe

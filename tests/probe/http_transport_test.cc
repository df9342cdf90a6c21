// The HTTP transports against real servers on loopback: the npm
// server-everything in its streamableHttp and sse modes (expected values
// read from its dist/ source: serverInfo.name "mcp-servers/everything",
// a tool named "echo"), and tests/servers/http-misbehave.mjs for every way
// the wire can go wrong.
#include "probe/http_transport.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "support/loopback_server.h"
#include "support/temp_dir.h"

namespace mcpguard::probe {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;
using test::LoopbackServer;
using test::NodeScript;

Deadline In(int ms) { return Clock::now() + std::chrono::milliseconds(ms); }

std::unique_ptr<Transport> Connect(const std::string& url, HttpFlavor flavor = HttpFlavor::kStreamable,
                                   std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpTarget target;
  target.url = url;
  target.headers = std::move(headers);
  auto transport = MakeHttpTransport(target, flavor);
  REQUIRE(transport);
  return std::move(*transport);
}

std::string Request(int id, const std::string& method, const json& params = json::object()) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump();
}

std::string Initialize(const std::string& version) {
  return Request(1, "initialize",
                 {{"protocolVersion", version},
                  {"capabilities", json::object()},
                  {"clientInfo", {{"name", "mcpguard-test"}, {"version", "0"}}}});
}

const std::string kInitialized = R"({"jsonrpc":"2.0","method":"notifications/initialized"})";

// The next message that answers request `id`, skipping notifications.
json AwaitResponse(Transport& t, int id, int ms = 10'000) {
  const Deadline deadline = In(ms);
  for (;;) {
    auto message = t.Receive(deadline);
    INFO((message ? std::string() : message.error().message));
    REQUIRE(message);
    json j = json::parse(*message);
    if (j.contains("id") && j["id"] == id) return j;
  }
}

// One server per test binary run; ctest runs each TEST_CASE in its own process.
LoopbackServer& Misbehaving() {
  static test::TempDir dir;
  static LoopbackServer server(NodeScript("http-misbehave.mjs"), dir.Path("misbehave.log"));
  return server;
}

Error ExpectSendFails(const std::string& path, const std::string& message, int ms = 5'000) {
  auto t = Connect(Misbehaving().Url(path));
  auto sent = t->Send(message, In(ms));
  REQUIRE_FALSE(sent);
  return sent.error();
}

// Sends a request that is accepted, then returns what Receive says.
Error ExpectReceiveFails(const std::string& path, int ms = 5'000) {
  auto t = Connect(Misbehaving().Url(path));
  REQUIRE(t->Send(Request(1, "tools/list"), In(5'000)));
  auto got = t->Receive(In(ms));
  REQUIRE_FALSE(got);
  return got.error();
}

TEST_CASE("streamable http: server-everything initializes and lists tools over SSE answers", "[probe][http]") {
  test::TempDir dir;
  LoopbackServer server(NodeScript("node_modules/@modelcontextprotocol/server-everything/dist/index.js",
                                   {"streamableHttp"}),
                        dir.Path("everything.log"));
  auto t = Connect(server.Url("/mcp"));
  // 2025-11-25 makes the SDK send an id-only "priming" event first, which
  // carries no message and must be skipped.
  REQUIRE(t->Send(Initialize("2025-11-25"), In(10'000)));
  json init = AwaitResponse(*t, 1);
  CHECK(init["result"]["protocolVersion"] == "2025-11-25");
  CHECK(init["result"]["serverInfo"]["name"] == "mcp-servers/everything");
  t->SetProtocolVersion("2025-11-25");

  REQUIRE(t->Send(kInitialized, In(10'000)));
  // The server rejects any request without the session id of initialize
  // (HTTP 400), so this answer shows the id was sent back.
  REQUIRE(t->Send(Request(2, "tools/list"), In(10'000)));
  json tools = AwaitResponse(*t, 2);
  bool has_echo = false;
  for (const json& tool : tools["result"]["tools"]) has_echo = has_echo || tool["name"] == "echo";
  CHECK(has_echo);

  t->Close();
  // Close's DELETE reaches the server, which logs it (dist/transports/streamableHttp.js).
  const Deadline until = In(5'000);
  while (server.Log().find("Received session termination request") == std::string::npos && Clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_THAT(server.Log(), Contains("Received session termination request for session"));
}

TEST_CASE("legacy http+sse: server-everything initializes and lists tools on its event stream", "[probe][http]") {
  test::TempDir dir;
  LoopbackServer server(NodeScript("node_modules/@modelcontextprotocol/server-everything/dist/index.js", {"sse"}),
                        dir.Path("everything.log"));
  auto t = Connect(server.Url("/sse"), HttpFlavor::kLegacySse);
  REQUIRE(t->Send(Initialize("2024-11-05"), In(10'000)));
  json init = AwaitResponse(*t, 1);
  CHECK(init["result"]["protocolVersion"] == "2024-11-05");
  CHECK(init["result"]["serverInfo"]["name"] == "mcp-servers/everything");
  REQUIRE(t->Send(kInitialized, In(10'000)));
  REQUIRE(t->Send(Request(2, "tools/list"), In(10'000)));
  json tools = AwaitResponse(*t, 2);
  bool has_echo = false;
  for (const json& tool : tools["result"]["tools"]) has_echo = has_echo || tool["name"] == "echo";
  CHECK(has_echo);
  t->Close();
  t->Close();  // twice is fine
  auto after = t->Send(kInitialized, In(1'000));
  REQUIRE_FALSE(after);
  CHECK(after.error().message == "the HTTP transport is closed");
}

TEST_CASE("streamable http: headers sent, session id echoed, protocol version once set, DELETE on close",
          "[probe][http]") {
  auto t = Connect(Misbehaving().Url("/json"), HttpFlavor::kStreamable,
                   {{"X-Api-Key", "sk-test-123"}, {"Accept", "text/plain"}});
  REQUIRE(t->Send(Initialize("2025-06-18"), In(5'000)));
  json first = AwaitResponse(*t, 1)["result"]["received"];
  CHECK(first["accept"] == "application/json, text/event-stream");  // the configured Accept is dropped
  CHECK(first["content-type"] == "application/json");
  CHECK(first["x-api-key"] == "sk-test-123");
  CHECK_FALSE(first.contains("mcp-session-id"));
  CHECK_FALSE(first.contains("mcp-protocol-version"));

  t->SetProtocolVersion("2025-06-18");
  REQUIRE(t->Send(kInitialized, In(5'000)));
  // The notification was answered 202 and no answer is pending: Receive
  // says so at once rather than waiting for its deadline.
  const auto before = Clock::now();
  auto nothing = t->Receive(In(5'000));
  REQUIRE_FALSE(nothing);
  CHECK(nothing.error().code == Errc::kProtocol);
  CHECK_THAT(nothing.error().message, Contains("no request is awaiting an answer"));
  CHECK(Clock::now() - before < std::chrono::seconds(2));

  REQUIRE(t->Send(Request(2, "tools/list"), In(5'000)));
  json second = AwaitResponse(*t, 2)["result"]["received"];
  CHECK(second["mcp-session-id"] == "fixture-session-1");
  CHECK(second["mcp-protocol-version"] == "2025-06-18");
  t->Close();  // the fixture answers DELETE with 405, which is fine

  auto log = Connect(Misbehaving().Url("/log"));
  REQUIRE(log->Send(Request(9, "log"), In(5'000)));
  const json all = AwaitResponse(*log, 9);
  json requests = json::array();
  for (const json& r : all["result"]["requests"])
    if (r["path"] == "/json") requests.push_back(r);
  REQUIRE(requests.size() == 4);
  CHECK(requests[1]["headers"]["mcp-session-id"] == "fixture-session-1");
  CHECK(requests[3]["method"] == "DELETE");
  CHECK(requests[3]["path"] == "/json");
  CHECK(requests[3]["headers"]["mcp-session-id"] == "fixture-session-1");
  CHECK(requests[3]["headers"]["x-api-key"] == "sk-test-123");
}

TEST_CASE("streamable http: proxies from the environment are not used", "[probe][http]") {
  // A proxy that would refuse every connection: the request only succeeds
  // if it goes straight to the loopback server.
  const int dead = test::FreeLoopbackPort();
  const std::string proxy = "http://127.0.0.1:" + std::to_string(dead);
  for (const char* name : {"http_proxy", "HTTPS_PROXY", "ALL_PROXY"}) ::setenv(name, proxy.c_str(), 1);
  auto t = Connect(Misbehaving().Url("/json"));
  auto sent = t->Send(Request(1, "tools/list"), In(5'000));
  auto got = t->Receive(In(5'000));
  for (const char* name : {"http_proxy", "HTTPS_PROXY", "ALL_PROXY"}) ::unsetenv(name);
  REQUIRE(sent);
  REQUIRE(got);
  CHECK(json::parse(*got)["id"] == 1);
}

TEST_CASE("streamable http: a JSON batch is received one message at a time, in order", "[probe][http]") {
  auto t = Connect(Misbehaving().Url("/batch"));
  REQUIRE(t->Send(Request(1, "tools/list"), In(5'000)));
  auto a = t->Receive(In(5'000));
  auto b = t->Receive(In(5'000));
  REQUIRE(a);
  REQUIRE(b);
  CHECK(json::parse(*a) == json::parse(R"({"jsonrpc":"2.0","id":1,"result":{"n":"one"}})"));
  CHECK(json::parse(*b) ==
        json::parse(R"({"jsonrpc":"2.0","method":"notifications/message","params":{"n":"two"}})"));
}

TEST_CASE("streamable http: a request answered 202 leaves nothing to receive", "[probe][http]") {
  Error e = ExpectReceiveFails("/accepted");
  CHECK(e.code == Errc::kProtocol);
  CHECK_THAT(e.message, Contains("no message can come from http://127.0.0.1:"));
}

TEST_CASE("streamable http: an answer that is neither JSON nor SSE is an error naming its type", "[probe][http]") {
  Error e = ExpectReceiveFails("/text");
  CHECK(e.code == Errc::kProtocol);
  CHECK_THAT(e.message, Contains("content type \"text/html\""));
}

TEST_CASE("streamable http: an SSE message event that is not JSON is an error", "[probe][http]") {
  Error e = ExpectReceiveFails("/malformed-sse");
  CHECK(e.code == Errc::kProtocol);
  CHECK_THAT(e.message, Contains("an SSE message event from http://127.0.0.1:"));
  CHECK_THAT(e.message, Contains("is not JSON"));
}

TEST_CASE("streamable http: an SSE stream that ends mid-event is an error", "[probe][http]") {
  Error e = ExpectReceiveFails("/truncated-sse");
  CHECK(e.code == Errc::kProtocol);
  CHECK_THAT(e.message, Contains("ended in the middle of an event"));
}

TEST_CASE("streamable http: a JSON body over 8 MiB is refused", "[probe][http]") {
  Error e = ExpectReceiveFails("/oversized", 20'000);
  CHECK(e.code == Errc::kTooLarge);
  CHECK_THAT(e.message, Contains("is larger than 8 MiB"));
}

TEST_CASE("streamable http: an SSE line over 8 MiB is refused", "[probe][http]") {
  Error e = ExpectReceiveFails("/oversized-sse", 20'000);
  CHECK(e.code == Errc::kTooLarge);
  CHECK_THAT(e.message, Contains("SSE line longer than 8388608 bytes"));
}

TEST_CASE("streamable http: a server that never answers times out at the deadline", "[probe][http]") {
  const auto before = Clock::now();
  Error e = ExpectSendFails("/hang-headers", Request(1, "tools/list"), 600);
  const auto took = Clock::now() - before;
  CHECK(e.code == Errc::kTimeout);
  CHECK_THAT(e.message, Contains("did not answer the POST in time"));
  CHECK(took >= std::chrono::milliseconds(550));
  CHECK(took < std::chrono::milliseconds(3'000));
}

TEST_CASE("streamable http: a body that never ends times out at the deadline", "[probe][http]") {
  const auto before = Clock::now();
  Error e = ExpectReceiveFails("/hang-body", 600);
  CHECK(e.code == Errc::kTimeout);
  CHECK_THAT(e.message, Contains("no message from http://127.0.0.1:"));
  CHECK(Clock::now() - before < std::chrono::milliseconds(5'000));
}

TEST_CASE("streamable http: a redirect is not followed, and the error names the host only", "[probe][http]") {
  Error e = ExpectSendFails("/redirect", Request(1, "tools/list"));
  CHECK(e.code == Errc::kProtocol);
  CHECK_THAT(e.message, Contains("HTTP 302, a redirect to evil.example; redirects are not followed"));
  CHECK_THAT(e.message, !Contains("never-shown"));
}

TEST_CASE("streamable http: a 500 shows a short, clean excerpt and never the request headers", "[probe][http]") {
  auto t = Connect(Misbehaving().Url("/error500"), HttpFlavor::kStreamable, {{"Authorization", "Bearer s3cr3t"}});
  auto sent = t->Send(Request(1, "tools/list"), In(5'000));
  REQUIRE_FALSE(sent);
  const std::string& m = sent.error().message;
  CHECK(sent.error().code == Errc::kProtocol);
  CHECK_THAT(m, Contains("HTTP 500 from http://127.0.0.1:"));
  CHECK_THAT(m, Contains("(POST): internal failure:?[31m red? xxxx"));
  CHECK_THAT(m, Contains("..."));
  CHECK(m.size() < 400);
  CHECK_THAT(m, !Contains("s3cr3t"));
  CHECK(m.find('\x1b') == std::string::npos);
  CHECK(m.find('\n') == std::string::npos);
}

TEST_CASE("streamable http: 404 to a request with a session id means the session expired", "[probe][http]") {
  auto t = Connect(Misbehaving().Url("/expire"));
  REQUIRE(t->Send(Initialize("2025-06-18"), In(5'000)));
  REQUIRE(t->Receive(In(5'000)));
  auto sent = t->Send(Request(2, "tools/list"), In(5'000));
  REQUIRE_FALSE(sent);
  CHECK(sent.error().code == Errc::kProtocol);
  CHECK_THAT(sent.error().message, Contains("the session expired (HTTP 404 from http://127.0.0.1:"));
  CHECK_THAT(sent.error().message, Contains("Session not found"));
}

TEST_CASE("streamable http: a refused connection is an I/O error naming the origin", "[probe][http]") {
  const int port = test::FreeLoopbackPort();
  auto t = Connect("http://127.0.0.1:" + std::to_string(port) + "/mcp?key=hidden");
  auto sent = t->Send(Request(1, "tools/list"), In(5'000));
  REQUIRE_FALSE(sent);
  CHECK(sent.error().code == Errc::kIo);
  CHECK(sent.error().message ==
        "cannot connect to http://127.0.0.1:" + std::to_string(port) + ": connection refused");
}

TEST_CASE("streamable http: TLS failing is an I/O error that says TLS", "[probe][http]") {
  // The fixture speaks plain HTTP, so the TLS handshake cannot succeed.
  auto t = Connect("https://127.0.0.1:" + std::to_string(Misbehaving().port()) + "/json");
  auto sent = t->Send(Request(1, "tools/list"), In(5'000));
  REQUIRE_FALSE(sent);
  CHECK(sent.error().code == Errc::kIo);
  CHECK_THAT(sent.error().message,
             Contains("TLS with https://127.0.0.1:" + std::to_string(Misbehaving().port()) + " failed"));
}

TEST_CASE("legacy http+sse: the endpoint is resolved against the stream URL and answers come on the stream",
          "[probe][http]") {
  auto t = Connect(Misbehaving().Url("/legacy-closes"), HttpFlavor::kLegacySse);
  REQUIRE(t->Send(Request(7, "tools/list"), In(5'000)));
  json answer = AwaitResponse(*t, 7, 5'000);
  CHECK(answer["result"]["echoed"] == "tools/list");
  // The fixture ended the stream after that POST: the session is over.
  auto next = t->Receive(In(5'000));
  REQUIRE_FALSE(next);
  CHECK(next.error().code == Errc::kProtocol);
  CHECK_THAT(next.error().message, Contains("closed the event stream"));

  auto log = Connect(Misbehaving().Url("/log"));
  REQUIRE(log->Send(Request(9, "log"), In(5'000)));
  const json all = AwaitResponse(*log, 9);
  json requests = json::array();
  for (const json& r : all["result"]["requests"])
    if (r["path"] != "/log") requests.push_back(r);
  REQUIRE(requests.size() == 2);
  CHECK(requests[0]["method"] == "GET");
  CHECK(requests[0]["headers"]["accept"] == "text/event-stream");
  CHECK(requests[1]["method"] == "POST");
  CHECK(requests[1]["path"] == "/legacy-message");
}

TEST_CASE("legacy http+sse: an endpoint on another origin is refused", "[probe][http]") {
  auto t = Connect(Misbehaving().Url("/legacy-cross-origin"), HttpFlavor::kLegacySse);
  auto sent = t->Send(Request(1, "tools/list"), In(5'000));
  REQUIRE_FALSE(sent);
  CHECK(sent.error().code == Errc::kProtocol);
  CHECK_THAT(sent.error().message, Contains("named an endpoint on another origin (http://evil.example:9); refused"));
}

TEST_CASE("legacy http+sse: a stream that never names its endpoint times out", "[probe][http]") {
  auto t = Connect(Misbehaving().Url("/legacy-no-endpoint"), HttpFlavor::kLegacySse);
  auto sent = t->Send(Request(1, "tools/list"), In(600));
  REQUIRE_FALSE(sent);
  CHECK(sent.error().code == Errc::kTimeout);
  CHECK_THAT(sent.error().message, Contains("sent no endpoint event in time"));
}

TEST_CASE("legacy http+sse: a GET answered with JSON is not an event stream", "[probe][http]") {
  auto t = Connect(Misbehaving().Url("/json"), HttpFlavor::kLegacySse);
  auto sent = t->Send(Request(1, "tools/list"), In(5'000));
  REQUIRE_FALSE(sent);
  CHECK(sent.error().code == Errc::kProtocol);
  CHECK_THAT(sent.error().message, Contains("answered the GET with content type \"application/json\", not an event stream"));
}

TEST_CASE("legacy http+sse: a GET answered with an error status is an error", "[probe][http]") {
  auto t = Connect(Misbehaving().Url("/nowhere"), HttpFlavor::kLegacySse);
  auto sent = t->Send(Request(1, "tools/list"), In(5'000));
  REQUIRE_FALSE(sent);
  CHECK(sent.error().code == Errc::kProtocol);
  CHECK(sent.error().message == "HTTP 405 from " + Misbehaving().Url("") + " (GET)");
}

TEST_CASE("http target: bad URLs and header values are refused without showing the value", "[probe][http]") {
  HttpTarget file;
  file.url = "file:///etc/passwd";
  auto f = MakeHttpTransport(file, HttpFlavor::kStreamable);
  REQUIRE_FALSE(f);
  CHECK(f.error().code == Errc::kInvalidArgument);

  HttpTarget injected;
  injected.url = "http://127.0.0.1:1/mcp";
  injected.headers = {{"X-Key", "secret-value\r\nX-Injected: 1"}};
  auto i = MakeHttpTransport(injected, HttpFlavor::kStreamable);
  REQUIRE_FALSE(i);
  CHECK(i.error().code == Errc::kInvalidArgument);
  CHECK(i.error().message == "the configured HTTP header X-Key has a line break in its value");

  HttpTarget bad_name;
  bad_name.url = "http://127.0.0.1:1/mcp";
  bad_name.headers = {{"X Key: secret", "v"}};
  auto n = MakeHttpTransport(bad_name, HttpFlavor::kStreamable);
  REQUIRE_FALSE(n);
  CHECK_THAT(n.error().message, !Contains("secret"));
}

}  // namespace
}  // namespace mcpguard::probe

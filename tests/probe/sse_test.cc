// Expectations come from the WHATWG "Interpreting an event stream" rules
// and its worked examples, not from the parser's output.
#include "probe/sse.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace mcpguard::probe {
namespace {

constexpr size_t kBig = 1 << 20;

// Feeds the whole stream at once.
std::vector<SseEvent> ParseAll(std::string_view stream, size_t max_line = kBig, size_t max_event = kBig) {
  SseParser parser(max_line, max_event);
  auto events = parser.Feed(stream);
  REQUIRE(events);
  return *events;
}

// Feeds the stream one byte per call, the worst a socket can do.
std::vector<SseEvent> ParseBytewise(std::string_view stream) {
  SseParser parser(kBig, kBig);
  std::vector<SseEvent> all;
  for (char c : stream) {
    auto events = parser.Feed(std::string_view(&c, 1));
    REQUIRE(events);
    for (auto& e : *events) all.push_back(std::move(e));
  }
  return all;
}

TEST_CASE("sse: one event with a type, data and id", "[probe][sse]") {
  auto events = ParseAll("event: message\nid: 7\ndata: {\"jsonrpc\":\"2.0\"}\n\n");
  REQUIRE(events.size() == 1);
  CHECK(events[0].event == "message");
  CHECK(events[0].data == "{\"jsonrpc\":\"2.0\"}");
  CHECK(events[0].id == "7");
  CHECK_FALSE(events[0].retry);
}

TEST_CASE("sse: an event without a type is a message event", "[probe][sse]") {
  auto events = ParseAll("data: x\n\n");
  REQUIRE(events.size() == 1);
  CHECK(events[0].event == "message");
  CHECK(events[0].data == "x");
}

TEST_CASE("sse: data lines are joined with LF, and only one leading space is removed", "[probe][sse]") {
  // The spec's example: "data:  second" keeps one of its two spaces.
  auto events = ParseAll("data:first\ndata:  second\ndata\n\n");
  REQUIRE(events.size() == 1);
  CHECK(events[0].data == "first\n second\n");
}

TEST_CASE("sse: CR, LF and CRLF all end lines", "[probe][sse]") {
  const std::string stream = "event: a\rdata: 1\r\n\r\nevent: b\ndata: 2\n\nevent: c\r\ndata: 3\r\r";
  auto events = ParseAll(stream);
  REQUIRE(events.size() == 3);
  CHECK(events[0].event == "a");
  CHECK(events[0].data == "1");
  CHECK(events[1].event == "b");
  CHECK(events[1].data == "2");
  CHECK(events[2].event == "c");
  CHECK(events[2].data == "3");
}

TEST_CASE("sse: a CRLF split between two chunks is one line end", "[probe][sse]") {
  SseParser parser(kBig, kBig);
  auto first = parser.Feed("data: a\r");
  REQUIRE(first);
  CHECK(first->empty());
  // If the LF counted as a second line end, this would dispatch "a" here.
  auto second = parser.Feed("\ndata: b\r");
  REQUIRE(second);
  CHECK(second->empty());
  auto third = parser.Feed("\n\r\n");
  REQUIRE(third);
  REQUIRE(third->size() == 1);
  CHECK((*third)[0].data == "a\nb");
}

TEST_CASE("sse: feeding one byte at a time gives the same events", "[probe][sse]") {
  const std::string stream =
      "\xEF\xBB\xBF: hello\r\nevent: endpoint\r\ndata: /message?sessionId=1\r\n\r\n"
      "id: 42\rretry: 1500\rdata: {\"a\":1}\r\r"
      "data: line1\ndata: line2\n\n";
  auto events = ParseBytewise(stream);
  REQUIRE(events.size() == 3);
  CHECK(events[0].event == "endpoint");
  CHECK(events[0].data == "/message?sessionId=1");
  CHECK(events[0].id.empty());
  CHECK(events[1].event == "message");
  CHECK(events[1].data == "{\"a\":1}");
  CHECK(events[1].id == "42");
  CHECK(events[1].retry == 1500u);
  CHECK(events[2].data == "line1\nline2");
  CHECK(events[2].id == "42");  // the last event ID persists across events
}

TEST_CASE("sse: comments are ignored", "[probe][sse]") {
  auto events = ParseAll(": keep-alive\n:\ndata: x\n: inside\n\n");
  REQUIRE(events.size() == 1);
  CHECK(events[0].data == "x");
}

TEST_CASE("sse: an event with no data is not dispatched, and its type does not leak", "[probe][sse]") {
  auto events = ParseAll("event: ping\n\ndata: y\n\n");
  REQUIRE(events.size() == 1);
  CHECK(events[0].event == "message");
  CHECK(events[0].data == "y");
}

TEST_CASE("sse: an empty data field dispatches an event with empty data", "[probe][sse]") {
  // What MCP servers send as a "priming" event carrying only an id.
  auto events = ParseAll("id: p1\ndata: \n\n");
  REQUIRE(events.size() == 1);
  CHECK(events[0].data.empty());
  CHECK(events[0].id == "p1");
}

TEST_CASE("sse: a field name with no colon has an empty value", "[probe][sse]") {
  // "data" alone adds an empty line; "event" alone resets the type.
  auto events = ParseAll("data\ndata\n\nevent\ndata: z\n\n");
  REQUIRE(events.size() == 2);
  CHECK(events[0].data == "\n");
  CHECK(events[1].event == "message");
  CHECK(events[1].data == "z");
}

TEST_CASE("sse: field names are case-sensitive and unknown fields are ignored", "[probe][sse]") {
  auto events = ParseAll("Data: no\nfoo: bar\ndata: yes\n\n");
  REQUIRE(events.size() == 1);
  CHECK(events[0].data == "yes");
}

TEST_CASE("sse: a retry that is not all digits is ignored", "[probe][sse]") {
  auto events = ParseAll("retry: 10s\ndata: a\n\nretry: 300\ndata: b\n\nretry: -1\ndata: c\n\n");
  REQUIRE(events.size() == 3);
  CHECK_FALSE(events[0].retry);
  CHECK(events[1].retry == 300u);
  CHECK(events[2].retry == 300u);
}

TEST_CASE("sse: an id holding NUL is ignored and an empty id resets it", "[probe][sse]") {
  using namespace std::string_literals;
  auto events = ParseAll("id: a\ndata: 1\n\nid: b\0c\ndata: 2\n\nid\ndata: 3\n\n"s);
  REQUIRE(events.size() == 3);
  CHECK(events[0].id == "a");
  CHECK(events[1].id == "a");
  CHECK(events[2].id.empty());
}

TEST_CASE("sse: a leading BOM is dropped once, even split across chunks", "[probe][sse]") {
  SseParser parser(kBig, kBig);
  REQUIRE(parser.Feed("\xEF")->empty());
  REQUIRE(parser.Feed("\xBB")->empty());
  auto events = parser.Feed("\xBF" "data: a\n\n\xEF\xBB\xBF" "data: b\n\n");
  REQUIRE(events);
  REQUIRE(events->size() == 1);
  CHECK((*events)[0].data == "a");
  // A second BOM is part of the next line: "\xEF\xBB\xBFdata" is an unknown field.
}

TEST_CASE("sse: an unterminated event is not dispatched, and InsideEvent says so", "[probe][sse]") {
  SseParser parser(kBig, kBig);
  CHECK_FALSE(parser.InsideEvent());
  REQUIRE(parser.Feed("data: {\"jsonrpc\"")->empty());
  CHECK(parser.InsideEvent());
  REQUIRE(parser.Feed(":1}\n")->empty());
  CHECK(parser.InsideEvent());  // no blank line yet
  REQUIRE(parser.Feed("\n")->size() == 1);
  CHECK_FALSE(parser.InsideEvent());
  REQUIRE(parser.Feed(": just a comment\n")->empty());
  CHECK_FALSE(parser.InsideEvent());
}

TEST_CASE("sse: a line over the cap is an error, and the parser stays failed", "[probe][sse]") {
  SseParser parser(16, kBig);
  REQUIRE(parser.Feed("data: 0123456789")->empty());  // exactly 16 bytes: fine
  auto over = parser.Feed("x");
  REQUIRE_FALSE(over);
  CHECK(over.error().code == Errc::kTooLarge);
  CHECK(over.error().message == "SSE line longer than 16 bytes");
  auto after = parser.Feed("\n\n");
  REQUIRE_FALSE(after);
  CHECK(after.error().code == Errc::kTooLarge);
}

TEST_CASE("sse: an event over the cap is an error even when every line fits", "[probe][sse]") {
  // Data "aaaa\nbbbb" is 9 bytes; the cap is 8.
  SseParser parser(kBig, 8);
  auto r = parser.Feed("data: aaaa\ndata: bbbb\n\n");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::kTooLarge);
  CHECK(r.error().message == "SSE event larger than 8 bytes");

  SseParser fits(kBig, 9);
  auto ok = fits.Feed("data: aaaa\ndata: bbbb\n\n");
  REQUIRE(ok);
  REQUIRE(ok->size() == 1);
  CHECK((*ok)[0].data == "aaaa\nbbbb");
}

TEST_CASE("sse: events spread over many chunks come out as they complete", "[probe][sse]") {
  SseParser parser(kBig, kBig);
  auto a = parser.Feed("data: 1\n\ndata: 2");
  REQUIRE(a);
  REQUIRE(a->size() == 1);
  CHECK((*a)[0].data == "1");
  auto b = parser.Feed("\n\ndata: 3\n\n");
  REQUIRE(b);
  REQUIRE(b->size() == 2);
  CHECK((*b)[0].data == "2");
  CHECK((*b)[1].data == "3");
}

}  // namespace
}  // namespace mcpguard::probe

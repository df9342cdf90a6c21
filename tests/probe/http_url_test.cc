#include "probe/http_url.h"

#include <catch2/catch.hpp>

namespace mcpguard::probe {
namespace {

TEST_CASE("http url: the origin names scheme, host and port, never path or credentials", "[probe][url]") {
  auto u = ParseHttpUrl("http://user:secret@LocalHost/mcp?key=hidden");
  REQUIRE(u);
  CHECK(u->Origin() == "http://localhost:80");
  auto s = ParseHttpUrl("https://127.0.0.1:8443/x");
  REQUIRE(s);
  CHECK(s->Origin() == "https://127.0.0.1:8443");
}

TEST_CASE("http url: only absolute http and https URLs are accepted", "[probe][url]") {
  for (const char* bad : {"file:///etc/passwd", "ftp://h/x", "example.com/mcp", "", "http://"}) {
    INFO(bad);
    auto u = ParseHttpUrl(bad);
    REQUIRE_FALSE(u);
    CHECK(u.error().code == Errc::kInvalidArgument);
  }
}

TEST_CASE("http url: a relative endpoint resolves against the stream URL", "[probe][url]") {
  auto base = ParseHttpUrl("http://127.0.0.1:3001/sse");
  REQUIRE(base);
  auto abs_path = ResolveHttpUrl(*base, "/message?sessionId=abc");
  REQUIRE(abs_path);
  CHECK(abs_path->url == "http://127.0.0.1:3001/message?sessionId=abc");
  CHECK(abs_path->SameOrigin(*base));
  auto rel = ResolveHttpUrl(*ParseHttpUrl("http://127.0.0.1:3001/a/sse"), "messages");
  REQUIRE(rel);
  CHECK(rel->url == "http://127.0.0.1:3001/a/messages");
  auto elsewhere = ResolveHttpUrl(*base, "http://evil.example/message");
  REQUIRE(elsewhere);
  CHECK_FALSE(elsewhere->SameOrigin(*base));
  CHECK(elsewhere->host == "evil.example");
  auto other_port = ResolveHttpUrl(*base, "//127.0.0.1:3002/message");
  REQUIRE(other_port);
  CHECK_FALSE(other_port->SameOrigin(*base));
}

TEST_CASE("http url: an excerpt is one printable line, capped", "[probe][url]") {
  CHECK(Excerpt("  a\r\n\tb\x1b[31m c\x7f\xc3\xa9 ", 100) == "a b?[31m c???");
  CHECK(Excerpt("abcdefgh", 4) == "abcd...");
  CHECK(Excerpt("abcd", 4) == "abcd");
}

}  // namespace
}  // namespace mcpguard::probe

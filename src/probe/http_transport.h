// MCP over HTTP with libcurl: Streamable HTTP (one endpoint; POST each
// message, the answer comes back as JSON or as an SSE stream; the
// Mcp-Session-Id header from initialize is echoed on every later request;
// MCP-Protocol-Version once negotiated; DELETE on Close) and the legacy
// HTTP+SSE transport of 2024-11-05 (GET an SSE stream, whose `endpoint`
// event names where to POST).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/error.h"
#include "probe/transport.h"

namespace mcpguard::probe {

enum class HttpFlavor { kStreamable, kLegacySse };

struct HttpTarget {
  std::string url;
  // Sent on every request, as configured (after decoy substitution).
  std::vector<std::pair<std::string, std::string>> headers;
  int connect_timeout_ms = 5'000;
  // Only loopback and the configured host are ever contacted; redirects are
  // not followed (a 3xx is an error naming the Location).
};

// What the session can rely on (the why is in http_transport.cc):
//  - Send returns once the answer's headers are in. A refused connection,
//    a TLS failure, a redirect, a 4xx/5xx (with a short, cleaned excerpt of
//    the page; 404 once a session id was sent: the session expired) is
//    Send's error. What is wrong with a body (not JSON, broken SSE, over
//    kMaxMessageBytes: kTooLarge) is the error of the Receive that reaches
//    it, after any messages that came before it.
//  - Receive fails at once (kProtocol, "no request is awaiting an answer")
//    when nothing is queued and no answer is still streaming, e.g. after a
//    notification's 202; it waits only while some answer is in flight.
//  - A batch (JSON array) is received one message at a time, each as sent.
//  - Legacy: the first Send opens the GET stream and waits for `endpoint`.
//  - kInvalidArgument here for a URL that is not http(s) or a header with a
//    line break; error messages name the origin and header names, never a
//    header value or the URL's path and query.
Result<std::unique_ptr<Transport>> MakeHttpTransport(const HttpTarget& target, HttpFlavor flavor);

}  // namespace mcpguard::probe

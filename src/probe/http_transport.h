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

Result<std::unique_ptr<Transport>> MakeHttpTransport(const HttpTarget& target, HttpFlavor flavor);

}  // namespace mcpguard::probe

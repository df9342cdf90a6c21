// The seam between the MCP session (JSON-RPC, version negotiation, listing)
// and the wire: stdio (a child process speaking newline-delimited JSON) or
// HTTP (Streamable HTTP, or the legacy HTTP+SSE pair). A transport moves
// whole JSON-RPC messages as text; it never interprets them beyond what its
// framing needs (an HTTP transport reads the `Mcp-Session-Id` header of the
// initialize response and sends it back, for instance).
//
// Every call is bounded: Receive waits no later than `deadline`, and every
// message is capped at kMaxMessageBytes, because the peer is untrusted code.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "base/error.h"

namespace mcpguard::probe {

using Clock = std::chrono::steady_clock;
using Deadline = Clock::time_point;

// One JSON-RPC message larger than this is an error, not a reason to grow.
inline constexpr size_t kMaxMessageBytes = 8u << 20;

class Transport {
 public:
  virtual ~Transport() = default;
  Transport() = default;
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // Sends one message (a JSON-RPC request, notification or response).
  virtual Result<void> Send(const std::string& message, Deadline deadline) = 0;
  // The next message from the server. Errc::kTimeout at the deadline; an
  // error when the peer closed, broke the framing or sent too much.
  virtual Result<std::string> Receive(Deadline deadline) = 0;
  // The negotiated protocol version, once known; HTTP transports send it as
  // the MCP-Protocol-Version header on every later request.
  virtual void SetProtocolVersion(const std::string& version) { (void)version; }
  // Ends the session: closes stdin and kills the process group / sends the
  // HTTP DELETE. Safe to call twice; the destructor calls it.
  virtual void Close() = 0;
  // What the server wrote to stderr (stdio only), capped; for diagnostics.
  virtual std::string Diagnostics() const { return {}; }
};

}  // namespace mcpguard::probe

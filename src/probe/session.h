// The client side of one MCP session, as far as a probe needs it:
// initialize (with version negotiation), notifications/initialized, then
// tools/list, prompts/list, resources/list and resources/templates/list, each
// only when the server declared the capability, following nextCursor.
//
// The server is untrusted: every wait ends at one deadline, pages and items
// are capped, and requests the server makes of us (sampling, roots,
// elicitation) are refused with a JSON-RPC error; only ping is answered.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"
#include "probe/surface.h"
#include "probe/transport.h"

namespace mcpguard::probe {

// What we offer; the server may answer with any version we know.
inline constexpr const char* kOfferedProtocolVersion = "2025-11-25";
bool IsKnownProtocolVersion(std::string_view version);

struct SessionOptions {
  Deadline deadline;
  int max_pages = 100;         // per list
  size_t max_items = 10'000;   // per list
  // Messages that are not our answer (notifications, server requests) we
  // put up with while waiting for one answer.
  int max_unrelated = 1'000;
  std::string client_version = "0";
};

// Runs the session over `transport`, filling `served` as it goes, so on an
// error it holds what was listed before. Errors: kTimeout, kProtocol (bad
// JSON-RPC, unknown version, a server error answer), kTooLarge, kIo.
Result<void> ListSurface(Transport& transport, const SessionOptions& options, ServedSurface& served);

}  // namespace mcpguard::probe

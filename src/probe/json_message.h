// Parsing one JSON-RPC message (or batch) that an untrusted peer sent: the
// probe's session reads servers' answers with it, and the exec guard the
// lines it relays. What nlohmann would read differently from the peer's
// other readers, or could not read safely, is refused before it parses.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "base/error.h"

namespace mcpguard::probe {

// The message as JSON. kProtocol, with a message that completes "the server
// sent ...", when `text`
// - nests deeper than kMaxJsonDepth (parsing, copying and printing recurse
//   once a level): "a message nested deeper than 128 levels";
// - holds a NUL byte (nlohmann stops reading at one, so what follows would
//   go unseen; JSON has no raw NUL anywhere) or is not JSON: "something that
//   is not JSON".
Result<nlohmann::json> ParseUntrustedJson(std::string_view text);

}  // namespace mcpguard::probe

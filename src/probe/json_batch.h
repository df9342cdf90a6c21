// An HTTP body or an SSE `message` event carries one JSON-RPC message or a
// batch (a JSON array of them, allowed by the 2025-03-26 revision). The
// transport hands the session one message at a time, so a batch is split
// here: each element is cut out of the original text, not re-serialised, so
// the session parses exactly what the server sent.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace mcpguard::probe {

// The messages in `text`, in order. kProtocol when `text` is not JSON, or is
// neither an object nor a non-empty array of objects.
Result<std::vector<std::string>> SplitJsonRpc(std::string_view text);

}  // namespace mcpguard::probe

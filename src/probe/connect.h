// The transport a launch plan calls for: a child process over stdio, or an
// HTTP connection (Streamable HTTP, or the legacy HTTP+SSE pair).
#pragma once

#include <memory>

#include "base/error.h"
#include "model/server.h"
#include "probe/launch.h"
#include "probe/transport.h"

namespace mcpguard::probe {

Result<std::unique_ptr<Transport>> Connect(const model::Server& server, const LaunchPlan& plan);

// HTTP and SSE servers (connect_http.cc, built with the HTTP transports).
Result<std::unique_ptr<Transport>> ConnectHttp(const model::Server& server, const LaunchPlan& plan);

}  // namespace mcpguard::probe

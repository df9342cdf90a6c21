// Built instead of connect_http.cc while probe/http_transport.cc is absent
// (see src/CMakeLists.txt): remote servers are then reported, not probed.
#include "probe/connect.h"

namespace mcpguard::probe {

Result<std::unique_ptr<Transport>> ConnectHttp(const model::Server& server, const LaunchPlan& plan) {
  (void)server;
  (void)plan;
  return Fail(Errc::kUnsupported, "http probing not built");
}

}  // namespace mcpguard::probe

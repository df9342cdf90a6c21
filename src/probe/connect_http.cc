#include "probe/connect.h"
#include "probe/http_transport.h"

namespace mcpguard::probe {

Result<std::unique_ptr<Transport>> ConnectHttp(const model::Server& server, const LaunchPlan& plan) {
  HttpTarget target;
  target.url = plan.url;
  target.headers = plan.headers;
  return MakeHttpTransport(target,
                           server.transport == model::Transport::kSse ? HttpFlavor::kLegacySse : HttpFlavor::kStreamable);
}

}  // namespace mcpguard::probe

#include "probe/connect.h"

#include "probe/stdio_transport.h"

namespace mcpguard::probe {

Result<std::unique_ptr<Transport>> Connect(const model::Server& server, const LaunchPlan& plan) {
  if (server.transport == model::Transport::kHttp || server.transport == model::Transport::kSse) {
    return ConnectHttp(server, plan);
  }
  StdioLaunch launch;
  launch.argv = plan.argv;
  launch.env = plan.env;
  launch.cwd = plan.cwd;
  return StartStdio(launch);
}

}  // namespace mcpguard::probe

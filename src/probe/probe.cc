#include "probe/probe.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

#include "base/clock.h"
#include "base/text.h"
#include "classify/redact.h"
#include "probe/connect.h"
#include "probe/launch.h"
#include "probe/printable.h"
#include "probe/session.h"
#include "probe/surface.h"

namespace mcpguard::probe {
namespace {

// The real secrets of a --with-credentials probe never reach the snapshot,
// even when a server echoes one into a description.
void ScrubServed(ServedSurface& served, const LaunchPlan& plan) {
  for (auto* list : {&served.tools, &served.prompts, &served.resources, &served.resource_templates}) {
    for (auto& item : *list) ScrubJson(item, plan.secrets);
  }
  ScrubJson(served.server_info, plan.secrets);
  if (served.instructions) served.instructions = Scrub(*served.instructions, plan);
}

// The last line the server wrote to stderr: usually what went wrong
// ("npm error 404", a stack trace's message).
std::string LastLine(const std::string& text) {
  std::vector<std::string> lines = Split(text, '\n');
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    std::string_view line = Trim(*it);
    if (!line.empty()) return std::string(line);
  }
  return {};
}

// "20 s", "2.5 s".
std::string Seconds(int ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, ms % 1000 == 0 ? "%.0f s" : "%.1f s", ms / 1000.0);
  return buf;
}

}  // namespace

bool Probeable(const model::Server& server) {
  switch (server.transport) {
    case model::Transport::kStdio: return !server.command.empty();
    case model::Transport::kHttp:
    case model::Transport::kSse: return !server.url.empty();
    default: return false;
  }
}

model::Surface ProbeServer(const model::Server& server, const ProbeOptions& options) {
  model::Surface surface;
  surface.probed_at = NowUtc();
  const Deadline deadline = Clock::now() + std::chrono::milliseconds(options.timeout_ms);
  auto plan = PlanLaunch(server, options);
  if (!plan) {
    surface.error = plan.error().message;
    return surface;
  }
  auto transport = Connect(server, *plan);
  if (!transport) {
    surface.error = transport.error().message;
    return surface;
  }
  SessionOptions session;
  session.deadline = deadline;
  session.client_version = options.client_version;
  ServedSurface served;
  auto listed = ListSurface(**transport, session, served);
  (*transport)->Close();
  ScrubServed(served, *plan);

  auto made = SurfaceFromLists(served);
  if (made) surface = std::move(*made);
  surface.probed_at = NowUtc();
  std::string error;
  if (!listed) {
    error = listed.error().message;
    if (listed.error().code == Errc::kTimeout) error += " (" + Seconds(options.timeout_ms) + ")";
  } else if (!made) {
    error = made.error().message;
  }
  if (!error.empty()) {
    // Its own words help most ("npm error 404 Not Found"), scrubbed of any
    // real secret and of anything that looks like one.
    std::string said = LastLine(Scrub((*transport)->Diagnostics(), *plan));
    if (!said.empty()) error += "; the server said: " + Printable(classify::RedactText(said));
    // bwrap needs user namespaces, which some containers and hardened kernels refuse.
    if (plan->sandboxed && StartsWith(said, "bwrap:")) error += " (the sandbox could not start: try --no-sandbox)";
    surface.error = std::move(error);
    surface.digest.clear();
    if (!made) {
      surface.protocol_version = served.protocol_version;
    }
  }
  return surface;
}

std::vector<model::Surface> ProbeServers(const std::vector<const model::Server*>& servers,
                                         const ProbeOptions& options, int parallel,
                                         const std::function<void(size_t done, size_t total)>& done,
                                         const std::atomic<bool>* stop) {
  std::vector<model::Surface> out(servers.size());
  std::atomic<size_t> next{0};
  std::mutex mu;
  size_t finished = 0;
  auto worker = [&] {
    for (size_t i = next++; i < servers.size(); i = next++) {
      if (stop != nullptr && stop->load()) {
        out[i].probed_at = NowUtc();
        out[i].error = "interrupted before the probe started";
      } else {
        out[i] = ProbeServer(*servers[i], options);
      }
      std::lock_guard<std::mutex> lock(mu);
      ++finished;
      if (done) done(finished, servers.size());
    }
  };
  const size_t threads = std::min<size_t>(static_cast<size_t>(std::max(parallel, 1)), servers.size());
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  return out;
}

}  // namespace mcpguard::probe

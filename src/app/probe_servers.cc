#include "app/probe_servers.h"

#include <algorithm>

#include "base/text.h"
#include "probe/probe.h"

namespace mcpguard::app {
namespace {

bool Chosen(const ProbeRequest& request, const model::Server& s) {
  if (request.servers.empty()) return true;
  return std::any_of(request.servers.begin(), request.servers.end(),
                     [&](const std::string& want) { return want == s.name || want == s.host + "/" + s.name; });
}

}  // namespace

Result<void> ProbeSnapshot(const ProbeRequest& request, const Environment& env, const std::string& home,
                           const std::string& tool_version, model::Snapshot& snap,
                           const std::function<void(const std::string&)>& progress,
                           const std::atomic<bool>* interrupted) {
  std::vector<model::Server*> targets;
  std::vector<std::string> missing = request.servers;
  for (model::ConfigFile& cf : snap.configs) {
    for (model::Server& s : cf.servers) {
      if (!Chosen(request, s)) continue;
      missing.erase(std::remove_if(missing.begin(), missing.end(),
                                   [&](const std::string& w) { return w == s.name || w == s.host + "/" + s.name; }),
                    missing.end());
      // Named explicitly, a server is probed (or says why it cannot be); in
      // "all", only those a host would start: probeable and not switched off.
      const bool off = s.enabled.has_value() && !*s.enabled;
      if (!request.servers.empty() || (probe::Probeable(s) && !off)) targets.push_back(&s);
    }
  }
  if (!missing.empty()) return Fail(Errc::kNotFound, "--probe: no configured server named " + Join(missing, ", "));

  probe::ProbeOptions options;
  options.with_credentials = request.with_credentials;
  options.sandbox = request.sandbox;
  options.timeout_ms = request.timeout_ms;
  options.home = home;
  options.env = env;
  options.client_version = tool_version.empty() ? "0" : tool_version;
  const std::vector<const model::Server*> servers(targets.begin(), targets.end());
  if (progress) progress("probing " + std::to_string(servers.size()) + " servers");
  auto surfaces = probe::ProbeServers(servers, options, request.parallel, [&](size_t done, size_t total) {
    if (progress) progress("probed " + std::to_string(done) + " of " + std::to_string(total) + " servers");
  }, interrupted);
  for (size_t i = 0; i < targets.size(); ++i) targets[i]->surface = std::move(surfaces[i]);
  return {};
}

}  // namespace mcpguard::app

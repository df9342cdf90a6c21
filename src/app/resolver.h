// Resolving what each server runs (finding the binary or package, hashing it
// through the stat cache) is the longest part of a pre-launch verify, so two
// threads share it. A worker starts with the scan and loads the stat cache
// while the scan finds and reads the configs; then it and the scan's own
// thread, once that has classified the credentials, take servers from one
// queue. Resolving reads a server and writes nothing of it, and the stat
// cache serialises its own lookups and stores.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/environment.h"
#include "base/error.h"
#include "model/artifact.h"
#include "model/snapshot.h"
#include "pinning/resolve.h"
#include "pinning/stat_cache.h"

namespace mcpguard::app {

// One entry per server, in snapshot order; none for a server without a command.
struct Resolved {
  std::vector<std::optional<model::Artifact>> artifacts;
  pinning::ResolveStats stats;
  std::optional<Error> cache_not_saved;  // costs speed next time, not results
};

class Resolver {
 public:
  // Starts the worker, which loads the stat cache of `env`'s user and waits
  // for Submit. `env` must outlive the Resolver.
  Resolver(const Environment& env, Os os, std::string home, const std::vector<std::string>& path_fallbacks);
  // Joins the worker, whether or not anything was submitted; a server being
  // resolved is finished, no other is started. Declare a Resolver after the
  // snapshot it is given, so that it goes first.
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  // The servers to resolve: `snap` must keep its shape (no server added or
  // removed) until Finish, and nobody may write what resolving reads
  // (command, args, env, cwd).
  void Submit(const model::Snapshot& snap);
  // Resolves servers on the calling thread until none is left, then waits for
  // the worker, saves the stat cache and returns what was found.
  Resolved Finish();

 private:
  void Work();
  void Drain(pinning::ResolveStats& stats);

  pinning::ResolveContext ctx_;
  pinning::StatCache cache_;
  std::vector<const model::Server*> servers_;
  std::vector<std::optional<model::Artifact>> artifacts_;
  std::atomic<size_t> next_{0};
  pinning::ResolveStats worker_stats_;

  std::mutex mu_;
  std::condition_variable changed_;  // either flag below was set
  bool submitted_ = false;    // under mu_: servers_ and artifacts_ are set
  bool cache_ready_ = false;  // under mu_: cache_ is loaded
  std::thread worker_;  // last: started once everything above exists
};

}  // namespace mcpguard::app

#include "app/resolver.h"

#include <limits>
#include <utility>

#include "app/settings.h"
#include "base/path.h"
#include "pinning/launch.h"

namespace mcpguard::app {

Resolver::Resolver(const Environment& env, Os os, std::string home, const std::vector<std::string>& path_fallbacks)
    : ctx_{os, &env, std::move(home), path_fallbacks, nullptr}, worker_([this] { Work(); }) {}

Resolver::~Resolver() {
  // A scan that stopped early submitted nothing (a usage error), or did not
  // wait for the result (an exception): the worker is released, takes no
  // further server, and is joined before the snapshot it reads goes away.
  next_.store(std::numeric_limits<size_t>::max() / 2);
  {
    const std::lock_guard<std::mutex> lock(mu_);
    submitted_ = true;
  }
  changed_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void Resolver::Work() {
  pinning::StatCache cache = pinning::StatCache::Load(JoinPath(PathsFor(*ctx_.env).cache_dir, "hashes"));
  std::unique_lock<std::mutex> lock(mu_);
  cache_ = std::move(cache);
  ctx_.cache = &cache_;
  cache_ready_ = true;
  changed_.notify_all();
  changed_.wait(lock, [this] { return submitted_; });
  lock.unlock();
  Drain(worker_stats_);
}

void Resolver::Submit(const model::Snapshot& snap) {
  std::vector<const model::Server*> servers;
  for (const model::ConfigFile& cf : snap.configs) {
    for (const model::Server& s : cf.servers) servers.push_back(&s);
  }
  {
    const std::lock_guard<std::mutex> lock(mu_);
    artifacts_.resize(servers.size());
    servers_ = std::move(servers);
    submitted_ = true;
  }
  changed_.notify_all();
}

void Resolver::Drain(pinning::ResolveStats& stats) {
  // Each index is taken once; each thread writes only the artifacts of the
  // indexes it took.
  for (size_t i = next_.fetch_add(1); i < servers_.size(); i = next_.fetch_add(1)) {
    const model::Server& s = *servers_[i];
    if (s.command.empty()) continue;
    model::Artifact a = pinning::ParseLaunch(s.command, s.args);
    pinning::ResolveArtifact(a, s, ctx_, stats);
    artifacts_[i] = std::move(a);
  }
}

Resolved Resolver::Finish() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (!submitted_) {  // nothing submitted: nothing to resolve, but the worker must not wait forever
      submitted_ = true;
      changed_.notify_all();
    }
    changed_.wait(lock, [this] { return cache_ready_; });
  }
  pinning::ResolveStats mine;
  Drain(mine);
  worker_.join();
  Resolved out;
  out.artifacts = std::move(artifacts_);
  out.stats.files_hashed = mine.files_hashed + worker_stats_.files_hashed;
  out.stats.files_from_cache = mine.files_from_cache + worker_stats_.files_from_cache;
  if (auto saved = cache_.Save(); !saved) out.cache_not_saved = saved.error();
  return out;
}

}  // namespace mcpguard::app

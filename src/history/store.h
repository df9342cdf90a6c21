// The scan history: a bare git repository ($XDG_STATE_HOME/mcpguard/history)
// in which every scan that changed something is one commit on
// refs/heads/main, so "when did this server change?" is answered by ordinary
// `git log`. The store keeps opaque bytes under slash-separated paths; what
// the files mean (the snapshot schema) is app/'s business.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"

namespace mcpguard::history {

// Who recorded a commit. `when` (seconds since the epoch, UTC) defaults to now.
struct Signature {
  std::string name;
  std::string email;
  std::optional<int64_t> when;
};

struct CommitInfo {
  std::string id;       // 40 hex digits
  int64_t time = 0;     // committer time, seconds since the epoch
  std::string author;   // "name <email>"
  std::string message;  // the whole message, trailing newline removed
  std::vector<std::string> changed;  // paths added, removed or modified against the first parent
};

struct StoreOptions {
  // How long Commit waits for another process's lock before giving up.
  std::chrono::milliseconds lock_timeout{10'000};
};

using Files = std::map<std::string, std::string>;

// Builds a commit message from the files of the previous commit (nullopt for
// the first one). Called under the lock, only when something changed.
using MessageFn = std::function<std::string(const std::optional<Files>& previous)>;

class Store {
 public:
  // Opens the bare repository at `dir`, creating it (and `dir`, mode 0700)
  // when `dir` is missing or empty. A repository that cannot be read (garbage
  // HEAD, damaged objects) is a kCorrupt error that says how to recover.
  static Result<Store> OpenOrInit(const std::string& dir, StoreOptions options = {});

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  // Records `files` (path → bytes; '/' makes subdirectories) as the whole
  // tree of a new commit on refs/heads/main. Returns the new commit's id, or
  // nullopt when the tree is identical to the current tip's (nothing is
  // written to the ref). Takes <dir>/mcpguard.lock for the duration.
  Result<std::optional<std::string>> Commit(const Files& files, const std::string& message,
                                            const Signature& who);
  Result<std::optional<std::string>> Commit(const Files& files, const MessageFn& message,
                                            const Signature& who);

  // Commits of refs/heads/main, newest first: at most `max` (0: all), and
  // only those at or after `since` (seconds since the epoch).
  Result<std::vector<CommitInfo>> Log(size_t max = 0, std::optional<int64_t> since = std::nullopt) const;

  // Every file of `rev` (anything git_revparse_single accepts: HEAD, HEAD~3,
  // main@{1}, a full or abbreviated id). kNotFound for an unknown revision.
  Result<Files> Read(const std::string& rev) const;

  // The id of refs/heads/main's commit (hex), "" when nothing is recorded.
  Result<std::string> TipId() const;

  // Committer time of `rev` (seconds since the epoch). kNotFound when unknown.
  Result<int64_t> CommitTime(const std::string& rev) const;

  // Pushes refs/heads/main (forced) to `refname` (a full ref name such as
  // refs/mcpguard/machines/<id>) of any remote libgit2 reaches: a path,
  // file://, ssh (agent keys) or https. kNotFound when nothing is recorded.
  Result<void> Push(const std::string& remote_url, const std::string& refname);

  // Fetches every refs/mcpguard/machines/<id> of `remote_url` into the local
  // refs/mcpguard/remote/<id> (local refs the remote no longer has are
  // removed). Returns the machine ids, sorted.
  Result<std::vector<std::string>> FetchMachines(const std::string& remote_url);

  const std::string& dir() const;

 private:
  struct Impl;  // holds the libgit2 repository; defined in store.cc
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace mcpguard::history

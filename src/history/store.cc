#include "history/store.h"

#include <git2.h>

#include <sys/file.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <string_view>
#include <thread>
#include <utility>

#include "base/file.h"

#include "history/credential_helper.h"
#include "history/known_hosts.h"
#include "history/libgit2.h"

namespace mcpguard::history {
namespace {

// ---------------------------------------------------------- libgit2 handles

template <auto FreeFn>
struct Deleter {
  template <class T>
  void operator()(T* p) const { FreeFn(p); }
};

using Repository = std::unique_ptr<git_repository, Deleter<git_repository_free>>;
using Tree = std::unique_ptr<git_tree, Deleter<git_tree_free>>;
using TreeBuilder = std::unique_ptr<git_treebuilder, Deleter<git_treebuilder_free>>;
using CommitHandle = std::unique_ptr<git_commit, Deleter<git_commit_free>>;
using Revwalk = std::unique_ptr<git_revwalk, Deleter<git_revwalk_free>>;
using Object = std::unique_ptr<git_object, Deleter<git_object_free>>;
using SignatureHandle = std::unique_ptr<git_signature, Deleter<git_signature_free>>;
using Blob = std::unique_ptr<git_blob, Deleter<git_blob_free>>;
using Diff = std::unique_ptr<git_diff, Deleter<git_diff_free>>;
using Reference = std::unique_ptr<git_reference, Deleter<git_reference_free>>;
using Remote = std::unique_ptr<git_remote, Deleter<git_remote_free>>;
using ReferenceIterator = std::unique_ptr<git_reference_iterator, Deleter<git_reference_iterator_free>>;

// Lets an out-parameter land directly in a handle, so nothing leaks on an
// early return: git_commit_lookup(Out(commit), repo, &oid).
template <class Handle>
class Out {
 public:
  explicit Out(Handle& h) : handle_(h) {}
  ~Out() {
    if (raw_ != nullptr) handle_.reset(raw_);
  }
  Out(const Out&) = delete;
  Out& operator=(const Out&) = delete;
  operator typename Handle::pointer*() { return &raw_; }

 private:
  Handle& handle_;
  typename Handle::pointer raw_ = nullptr;
};

constexpr const char* kBranch = "refs/heads/main";
constexpr const char* kLockName = "mcpguard.lock";


// git_error_last() is per thread and replaced by the next failing call: read
// it straight after the failure.
std::string GitMessage() {
  const git_error* e = git_error_last();
  return e != nullptr && e->message != nullptr ? std::string(e->message) : std::string("unknown libgit2 error");
}

// Anything libgit2 cannot read in our own repository is damage (a disk
// error, a half-copied directory, a hand edit). Say how to get going again.
Error Damaged(const std::string& dir, std::string_view what) {
  return Error{Errc::kCorrupt,
               "history repository is damaged (" + std::string(what) + ": " + GitMessage() +
                   "); move it aside and run again",
               dir};
}

std::string Hex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

// ------------------------------------------------------------------ locking

// An exclusive flock(2) on <dir>/mcpguard.lock, released when the descriptor
// closes (also when the process dies, so a killed scan never leaves a stale
// lock behind, unlike git's own index.lock files).
Result<UniqueFd> AcquireLock(const std::string& dir, std::chrono::milliseconds timeout) {
  const std::string path = dir + "/" + kLockName;
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (!fd.valid()) return Fail(Errc::kIo, std::string("cannot open lock file: ") + std::strerror(errno), path);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) == 0) return fd;
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) {
      return Fail(Errc::kIo, std::string("cannot lock: ") + std::strerror(errno), path);
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count();
      return Fail(Errc::kIo,
                  "another mcpguard is recording history (" + path + " stayed locked for " +
                      std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100) + "s); try again",
                  path);
    }
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        std::chrono::milliseconds(50), deadline - now));
  }
}

// libgit2 moves a ref by writing <ref>.lock and renaming it; a process
// killed in between leaves the .lock behind and every later update fails.
// Only mcpguard writes this repository, always under the flock held here,
// so a .lock found now belongs to a dead process and is removed.
void RemoveStaleRefLocks(const std::string& dir) {
  for (const char* name : {"HEAD.lock", "packed-refs.lock", "config.lock", "refs/heads/main.lock"}) {
    ::unlink((dir + "/" + name).c_str());
  }
}

// -------------------------------------------------------------------- trees

// The directory structure of a Files map, built before anything is written so
// that a bad path fails the whole commit, not half of it.
struct Node {
  std::map<std::string, const std::string*> blobs;
  std::map<std::string, Node> dirs;
};

bool ValidComponent(std::string_view c) {
  return !c.empty() && c != "." && c != ".." && c != ".git" && c.find('\0') == std::string_view::npos;
}

Result<Node> BuildNodes(const Files& files) {
  Node root;
  for (const auto& [path, bytes] : files) {
    Node* node = &root;
    size_t start = 0;
    for (;;) {
      const size_t slash = path.find('/', start);
      const std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      if (!ValidComponent(part)) return Fail(Errc::kInvalidArgument, "invalid history path '" + path + "'");
      if (slash == std::string::npos) {
        if (node->dirs.count(part) != 0) {
          return Fail(Errc::kInvalidArgument, "history path '" + path + "' is both a file and a directory");
        }
        node->blobs[part] = &bytes;
        break;
      }
      if (node->blobs.count(part) != 0) {
        return Fail(Errc::kInvalidArgument, "history path '" + path + "' is both a file and a directory");
      }
      node = &node->dirs[part];
      start = slash + 1;
    }
  }
  return root;
}

Result<git_oid> WriteTree(git_repository* repo, const std::string& dir, const Node& node) {
  TreeBuilder builder;
  if (git_treebuilder_new(Out(builder), repo, nullptr) != 0) return tl::make_unexpected(Damaged(dir, "tree"));
  for (const auto& [name, bytes] : node.blobs) {
    git_oid oid;
    if (git_blob_create_from_buffer(&oid, repo, bytes->data(), bytes->size()) != 0 ||
        git_treebuilder_insert(nullptr, builder.get(), name.c_str(), &oid, GIT_FILEMODE_BLOB) != 0) {
      return Fail(Errc::kIo, "cannot write '" + name + "': " + GitMessage(), dir);
    }
  }
  for (const auto& [name, child] : node.dirs) {
    auto oid = WriteTree(repo, dir, child);
    if (!oid) return tl::make_unexpected(oid.error());
    if (git_treebuilder_insert(nullptr, builder.get(), name.c_str(), &*oid, GIT_FILEMODE_TREE) != 0) {
      return Fail(Errc::kIo, "cannot write '" + name + "': " + GitMessage(), dir);
    }
  }
  git_oid oid;
  if (git_treebuilder_write(&oid, builder.get()) != 0) return Fail(Errc::kIo, "cannot write tree: " + GitMessage(), dir);
  return oid;
}

Result<void> ReadTree(git_repository* repo, const std::string& dir, const git_tree* tree, const std::string& prefix,
                      Files& out) {
  const size_t count = git_tree_entrycount(tree);
  for (size_t i = 0; i < count; ++i) {
    const git_tree_entry* entry = git_tree_entry_byindex(tree, i);
    const std::string path = prefix + git_tree_entry_name(entry);
    switch (git_tree_entry_type(entry)) {
      case GIT_OBJECT_TREE: {
        Tree sub;
        if (git_tree_lookup(Out(sub), repo, git_tree_entry_id(entry)) != 0) {
          return tl::make_unexpected(Damaged(dir, path));
        }
        if (auto ok = ReadTree(repo, dir, sub.get(), path + "/", out); !ok) return ok;
        break;
      }
      case GIT_OBJECT_BLOB: {
        Blob blob;
        if (git_blob_lookup(Out(blob), repo, git_tree_entry_id(entry)) != 0) {
          return tl::make_unexpected(Damaged(dir, path));
        }
        out[path].assign(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                         static_cast<size_t>(git_blob_rawsize(blob.get())));
        break;
      }
      default:
        break;  // a submodule link: never written by mcpguard
    }
  }
  return {};
}

// The tip of refs/heads/main; a null handle when the branch does not exist
// yet (a new repository).
Result<CommitHandle> Tip(git_repository* repo, const std::string& dir) {
  git_oid oid;
  const int rc = git_reference_name_to_id(&oid, repo, kBranch);
  if (rc == GIT_ENOTFOUND) return CommitHandle();
  CommitHandle commit;
  if (rc != 0 || git_commit_lookup(Out(commit), repo, &oid) != 0) {
    return tl::make_unexpected(Damaged(dir, kBranch));
  }
  return commit;
}

std::string Clean(std::string s) {
  // libgit2 refuses '<', '>' and line breaks in a signature.
  std::erase_if(s, [](char c) { return c == '<' || c == '>' || c == '\n' || c == '\r'; });
  return s;
}

bool EmptyOrLockOnly(const std::string& dir) {
  auto names = ListDir(dir);
  if (!names) return names.error().code == Errc::kNotFound;
  for (const std::string& n : *names) {
    if (n != kLockName) return false;
  }
  return true;
}

// ------------------------------------------------------------------ remotes

constexpr std::string_view kRemotePrefix = "refs/mcpguard/remote/";

// What the transfer callbacks share: how many times credentials were asked
// for (libgit2 asks again after each rejection; give up rather than loop),
// and the first ref the remote refused.
struct TransferState {
  int credential_attempts = 0;
  std::string rejected;
  GitCredential credential;  // from git's helpers, for http(s) remotes
  int ssh_port = 22;         // from the remote's address, for known_hosts' [host]:port
  std::string host_key_problem;
};

// The port of an ssh:// address (22 when it names none, or for the scp-like
// user@host:path form).
int SshPort(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return 22;
  std::string authority = url.substr(scheme + 3, url.find('/', scheme + 3) - (scheme + 3));
  if (const size_t at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  const size_t close = authority.rfind(']');
  const size_t colon = authority.rfind(':');
  if (colon == std::string::npos || (close != std::string::npos && colon < close)) return 22;
  int port = 0;
  for (char c : authority.substr(colon + 1)) {
    if (c < '0' || c > '9' || port > 65535) return 22;
    port = port * 10 + (c - '0');
  }
  return port > 0 && port <= 65535 ? port : 22;
}

// TLS certificates keep libgit2's own verification (a positive answer
// defers to it); SSH host keys, which libgit2 1.5 does not check, must be
// in the user's or the system's known_hosts.
int CheckCertificate(git_cert* cert, int valid, const char* host, void* payload) {
  (void)valid;
  auto* state = static_cast<TransferState*>(payload);
  if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2) return 1;
  const auto* key = reinterpret_cast<const git_cert_hostkey*>(cert);
  const std::string name = host != nullptr ? host : "";
  if ((key->type & GIT_CERT_SSH_RAW) == 0 || key->hostkey == nullptr) {
    state->host_key_problem = "the ssh host key of " + name + " cannot be read, so it cannot be checked";
    return GIT_ECERTIFICATE;
  }
  const std::string_view raw(key->hostkey, key->hostkey_len);
  const char* home = std::getenv("HOME");
  const std::string user_file = std::string(home != nullptr ? home : "") + "/.ssh/known_hosts";
  HostKeyVerdict verdict = CheckKnownHost(name, state->ssh_port, raw, user_file);
  std::string file = user_file;
  if (verdict == HostKeyVerdict::kUnknown) {
    verdict = CheckKnownHost(name, state->ssh_port, raw, "/etc/ssh/ssh_known_hosts");
    if (verdict != HostKeyVerdict::kUnknown) file = "/etc/ssh/ssh_known_hosts";
  }
  if (verdict == HostKeyVerdict::kKnown) return 0;
  state->host_key_problem = Describe(verdict, name, state->ssh_port, file);
  return GIT_ECERTIFICATE;
}

int AcquireCredential(git_credential** out, const char* url, const char* username_from_url,
                      unsigned int allowed_types, void* payload) {
  auto* state = static_cast<TransferState*>(payload);
  if (++state->credential_attempts > 1) {
    state->credential.Reject();  // it was refused: the helper should forget it
    return GIT_EUSER;
  }
  if ((allowed_types & GIT_CREDENTIAL_USERPASS_PLAINTEXT) != 0 && url != nullptr) {
    state->credential = GitCredential::Fill(url, username_from_url != nullptr ? username_from_url : "");
    if (state->credential.Found()) {
      return git_credential_userpass_plaintext_new(out, state->credential.username().c_str(),
                                                   state->credential.password().c_str());
    }
  }
  if ((allowed_types & GIT_CREDENTIAL_SSH_KEY) != 0) {
    const char* user = username_from_url != nullptr && *username_from_url != '\0' ? username_from_url : "git";
    return git_credential_ssh_key_from_agent(out, user);
  }
  if ((allowed_types & GIT_CREDENTIAL_DEFAULT) != 0) return git_credential_default_new(out);
  return GIT_PASSTHROUGH;
}

int PushUpdateReference(const char* refname, const char* status, void* payload) {
  auto* state = static_cast<TransferState*>(payload);
  if (status != nullptr && state->rejected.empty()) state->rejected = std::string(refname) + ": " + status;
  return 0;
}

git_remote_callbacks Callbacks(TransferState& state) {
  git_remote_callbacks cb = GIT_REMOTE_CALLBACKS_INIT;
  cb.credentials = AcquireCredential;
  cb.certificate_check = CheckCertificate;
  cb.push_update_reference = PushUpdateReference;
  cb.payload = &state;
  return cb;
}

// A remote's address as it may be shown: user:password@ left out.
std::string ShownUrl(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const size_t host = scheme + 3;
  const size_t at = url.find('@', host);
  const size_t slash = url.find('/', host);
  if (at == std::string::npos || (slash != std::string::npos && at > slash)) return url;
  return url.substr(0, host) + url.substr(at + 1);
}

Error RemoteError(const std::string& what, const std::string& url, const TransferState& state) {
  const std::string where = what + " " + ShownUrl(url) + ": ";
  if (!state.host_key_problem.empty()) return Error{Errc::kPermission, where + state.host_key_problem, ""};
  // After our callback gave up, libgit2's last error is stale: say what happened.
  if (state.credential_attempts > 1) {
    return Error{Errc::kPermission, where + "authentication failed: the remote refused the credentials", ""};
  }
  if (state.credential_attempts == 1 && !state.credential.Found() && !state.credential.why_not().empty()) {
    return Error{Errc::kPermission, where + "authentication required: " + state.credential.why_not(), ""};
  }
  return Error{Errc::kIo, where + GitMessage(), ""};
}

}  // namespace

struct Store::Impl {
  std::string dir;
  StoreOptions options;
  Repository repo;
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const std::string& Store::dir() const { return impl_->dir; }

Result<Store> Store::OpenOrInit(const std::string& dir, StoreOptions options) {
  InitLibgit2();
  if (auto ok = MakePrivateDirs(dir); !ok) return tl::make_unexpected(ok.error());
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->options = options;
  const unsigned open_flags = GIT_REPOSITORY_OPEN_NO_SEARCH | GIT_REPOSITORY_OPEN_BARE;
  if (git_repository_open_ext(Out(impl->repo), dir.c_str(), open_flags, nullptr) != 0) {
    // New, or being created by another scan right now: the creator holds the
    // lock until the repository is complete, so decide under the lock.
    auto lock = AcquireLock(dir, options.lock_timeout);
    if (!lock) return tl::make_unexpected(lock.error());
    if (EmptyOrLockOnly(dir)) {
      git_repository_init_options init = GIT_REPOSITORY_INIT_OPTIONS_INIT;
      init.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
      init.initial_head = "main";
      if (git_repository_init_ext(Out(impl->repo), dir.c_str(), &init) != 0) {
        return Fail(Errc::kIo, "cannot create history repository: " + GitMessage(), dir);
      }
      return Store(std::move(impl));
    }
    if (git_repository_open_ext(Out(impl->repo), dir.c_str(), open_flags, nullptr) != 0) {
      return tl::make_unexpected(Damaged(dir, "not a readable git repository"));
    }
  }
  // Check what every command needs up front (HEAD, the tip commit and its
  // tree), so damage is reported once, clearly, rather than halfway through.
  Reference head;
  const int rc = git_repository_head(Out(head), impl->repo.get());
  if (rc != 0 && rc != GIT_EUNBORNBRANCH && rc != GIT_ENOTFOUND) return tl::make_unexpected(Damaged(dir, "HEAD"));
  auto tip = Tip(impl->repo.get(), dir);
  if (!tip) return tl::make_unexpected(tip.error());
  if (*tip) {
    Tree tree;
    if (git_commit_tree(Out(tree), tip->get()) != 0) return tl::make_unexpected(Damaged(dir, "tip tree"));
  }
  return Store(std::move(impl));
}

Result<std::optional<std::string>> Store::Commit(const Files& files, const std::string& message,
                                                 const Signature& who) {
  return Commit(files, [&](const std::optional<Files>&) { return message; }, who);
}

Result<std::optional<std::string>> Store::Commit(const Files& files, const MessageFn& message,
                                                 const Signature& who) {
  git_repository* repo = impl_->repo.get();
  const std::string& dir = impl_->dir;
  auto nodes = BuildNodes(files);
  if (!nodes) return tl::make_unexpected(nodes.error());
  auto lock = AcquireLock(dir, impl_->options.lock_timeout);
  if (!lock) return tl::make_unexpected(lock.error());
  RemoveStaleRefLocks(dir);
  // Blobs and trees go in first; the branch moves last (git_commit_create
  // updates the ref after writing the commit), so a scan killed at any point
  // leaves the previous tip intact and at worst a few unreachable objects.
  auto tree_id = WriteTree(repo, dir, *nodes);
  if (!tree_id) return tl::make_unexpected(tree_id.error());
  auto parent = Tip(repo, dir);
  if (!parent) return tl::make_unexpected(parent.error());
  std::optional<Files> previous;
  if (*parent) {
    if (git_oid_equal(git_commit_tree_id(parent->get()), &*tree_id) != 0) return std::optional<std::string>();
    Tree old_tree;
    if (git_commit_tree(Out(old_tree), parent->get()) != 0) return tl::make_unexpected(Damaged(dir, "tip tree"));
    previous.emplace();
    if (auto ok = ReadTree(repo, dir, old_tree.get(), "", *previous); !ok) return tl::make_unexpected(ok.error());
  }
  Tree tree;
  if (git_tree_lookup(Out(tree), repo, &*tree_id) != 0) return tl::make_unexpected(Damaged(dir, "new tree"));
  SignatureHandle sig;
  const std::string name = Clean(who.name).empty() ? std::string("mcpguard") : Clean(who.name);
  const std::string email = Clean(who.email).empty() ? std::string("mcpguard@localhost") : Clean(who.email);
  const int sig_rc = who.when ? git_signature_new(Out(sig), name.c_str(), email.c_str(), *who.when, 0)
                              : git_signature_now(Out(sig), name.c_str(), email.c_str());
  if (sig_rc != 0) return Fail(Errc::kInvalidArgument, "invalid commit author: " + GitMessage());
  std::string text = message(previous);
  if (text.empty() || text.back() != '\n') text += '\n';
  const git_commit* parents[] = {parent->get()};
  git_oid id;
  if (git_commit_create(&id, repo, kBranch, sig.get(), sig.get(), nullptr, text.c_str(), tree.get(),
                        *parent ? 1 : 0, parents) != 0) {
    return Fail(Errc::kIo, "cannot record history: " + GitMessage(), dir);
  }
  return std::optional<std::string>(Hex(id));
}

Result<std::string> Store::TipId() const {
  auto tip = Tip(impl_->repo.get(), impl_->dir);
  if (!tip) return tl::make_unexpected(tip.error());
  return *tip ? Hex(*git_commit_id(tip->get())) : std::string();
}

Result<std::vector<CommitInfo>> Store::Log(size_t max, std::optional<int64_t> since) const {
  git_repository* repo = impl_->repo.get();
  const std::string& dir = impl_->dir;
  std::vector<CommitInfo> out;
  Revwalk walk;
  if (git_revwalk_new(Out(walk), repo) != 0) return tl::make_unexpected(Damaged(dir, "revwalk"));
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
  // git_revwalk_push_ref does not tell a missing branch from a broken one.
  auto tip = Tip(repo, dir);
  if (!tip) return tl::make_unexpected(tip.error());
  if (!*tip) return out;  // nothing recorded yet
  if (git_revwalk_push(walk.get(), git_commit_id(tip->get())) != 0) return tl::make_unexpected(Damaged(dir, kBranch));
  git_oid oid;
  for (int rc; (rc = git_revwalk_next(&oid, walk.get())) != GIT_ITEROVER;) {
    if (rc != 0) return tl::make_unexpected(Damaged(dir, "walking history"));
    if (max != 0 && out.size() >= max) break;
    CommitHandle commit;
    if (git_commit_lookup(Out(commit), repo, &oid) != 0) return tl::make_unexpected(Damaged(dir, Hex(oid)));
    const int64_t time = git_commit_time(commit.get());
    // Not `break`: commit times follow the recording machine's clock, and a
    // clock that was behind leaves an old-looking commit above newer ones.
    if (since && time < *since) continue;
    CommitInfo info;
    info.id = Hex(oid);
    info.time = time;
    const git_signature* author = git_commit_author(commit.get());
    info.author = std::string(author->name) + " <" + author->email + ">";
    info.message = git_commit_message(commit.get());
    while (!info.message.empty() && info.message.back() == '\n') info.message.pop_back();
    Tree tree;
    Tree parent_tree;
    if (git_commit_tree(Out(tree), commit.get()) != 0) return tl::make_unexpected(Damaged(dir, info.id));
    if (git_commit_parentcount(commit.get()) > 0) {
      // Two statements: an Out() fills its handle only when the full
      // expression ends, so `parent` is still empty inside the first one.
      CommitHandle parent;
      if (git_commit_parent(Out(parent), commit.get(), 0) != 0) return tl::make_unexpected(Damaged(dir, info.id + "^"));
      if (git_commit_tree(Out(parent_tree), parent.get()) != 0) return tl::make_unexpected(Damaged(dir, info.id + "^"));
    }
    Diff diff;
    if (git_diff_tree_to_tree(Out(diff), repo, parent_tree.get(), tree.get(), nullptr) != 0) {
      return tl::make_unexpected(Damaged(dir, info.id));
    }
    const size_t deltas = git_diff_num_deltas(diff.get());
    for (size_t i = 0; i < deltas; ++i) {
      const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
      info.changed.emplace_back(d->status == GIT_DELTA_DELETED ? d->old_file.path : d->new_file.path);
    }
    out.push_back(std::move(info));
  }
  return out;
}

Result<Files> Store::Read(const std::string& rev) const {
  git_repository* repo = impl_->repo.get();
  const std::string& dir = impl_->dir;
  Object object;
  const int rc = git_revparse_single(Out(object), repo, rev.c_str());
  if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC || rc == GIT_EAMBIGUOUS) {
    return Fail(Errc::kNotFound, "unknown revision '" + rev + "' in history (" + GitMessage() + ")", dir);
  }
  if (rc != 0) return tl::make_unexpected(Damaged(dir, rev));
  Object peeled;
  if (git_object_peel(Out(peeled), object.get(), GIT_OBJECT_TREE) != 0) {
    return Fail(Errc::kInvalidArgument, "'" + rev + "' is not a commit or a tree", dir);
  }
  Tree tree;
  if (git_tree_lookup(Out(tree), repo, git_object_id(peeled.get())) != 0) return tl::make_unexpected(Damaged(dir, rev));
  Files files;
  if (auto ok = ReadTree(repo, dir, tree.get(), "", files); !ok) return tl::make_unexpected(ok.error());
  return files;
}

Result<int64_t> Store::CommitTime(const std::string& rev) const {
  Object object;
  const int rc = git_revparse_single(Out(object), impl_->repo.get(), rev.c_str());
  if (rc != 0) return Fail(Errc::kNotFound, "unknown revision '" + rev + "' in history", impl_->dir);
  Object peeled;
  if (git_object_peel(Out(peeled), object.get(), GIT_OBJECT_COMMIT) != 0) {
    return Fail(Errc::kInvalidArgument, "'" + rev + "' is not a commit", impl_->dir);
  }
  return static_cast<int64_t>(git_commit_time(reinterpret_cast<const git_commit*>(peeled.get())));
}

Result<void> Store::Push(const std::string& remote_url, const std::string& refname) {
  git_repository* repo = impl_->repo.get();
  auto tip = Tip(repo, impl_->dir);
  if (!tip) return tl::make_unexpected(tip.error());
  if (!*tip) return Fail(Errc::kNotFound, "nothing recorded yet: run 'mcpguard scan' first", impl_->dir);
  if (git_reference_is_valid_name(refname.c_str()) == 0) {
    return Fail(Errc::kInvalidArgument, "invalid ref name '" + refname + "'");
  }
  Remote remote;
  TransferState state;
  state.ssh_port = SshPort(remote_url);
  if (git_remote_create_anonymous(Out(remote), repo, remote_url.c_str()) != 0) {
    return tl::make_unexpected(RemoteError("cannot use remote", remote_url, state));
  }
  const std::string spec = std::string("+") + kBranch + ":" + refname;
  char* specs[] = {const_cast<char*>(spec.c_str())};
  const git_strarray refspecs = {specs, 1};
  git_push_options options = GIT_PUSH_OPTIONS_INIT;
  options.callbacks = Callbacks(state);
  if (git_remote_push(remote.get(), &refspecs, &options) != 0) {
    return tl::make_unexpected(RemoteError("cannot push to", remote_url, state));
  }
  if (!state.rejected.empty()) {
    return Fail(Errc::kIo, "the remote " + ShownUrl(remote_url) + " refused " + state.rejected);
  }
  state.credential.Approve();
  return {};
}

Result<std::vector<std::string>> Store::FetchMachines(const std::string& remote_url) {
  git_repository* repo = impl_->repo.get();
  const std::string& dir = impl_->dir;
  auto lock = AcquireLock(dir, impl_->options.lock_timeout);
  if (!lock) return tl::make_unexpected(lock.error());
  Remote remote;
  TransferState state;
  state.ssh_port = SshPort(remote_url);
  if (git_remote_create_anonymous(Out(remote), repo, remote_url.c_str()) != 0) {
    return tl::make_unexpected(RemoteError("cannot use remote", remote_url, state));
  }
  const std::string glob = std::string(kRemotePrefix) + "*";
  // Start from nothing, so a machine removed from the remote is gone here too.
  {
    ReferenceIterator it;
    if (git_reference_iterator_glob_new(Out(it), repo, glob.c_str()) != 0) {
      return tl::make_unexpected(Damaged(dir, "refs"));
    }
    std::vector<std::string> stale;
    for (git_reference* raw = nullptr; git_reference_next(&raw, it.get()) == 0;) {
      Reference ref(raw);
      stale.emplace_back(git_reference_name(ref.get()));
    }
    for (const std::string& name : stale) {
      if (git_reference_remove(repo, name.c_str()) != 0) return tl::make_unexpected(Damaged(dir, name));
    }
  }
  const std::string spec = "+refs/mcpguard/machines/*:" + glob;
  char* specs[] = {const_cast<char*>(spec.c_str())};
  const git_strarray refspecs = {specs, 1};
  git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
  options.callbacks = Callbacks(state);
  options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
  if (git_remote_fetch(remote.get(), &refspecs, &options, nullptr) != 0) {
    return tl::make_unexpected(RemoteError("cannot fetch from", remote_url, state));
  }
  state.credential.Approve();
  std::vector<std::string> ids;
  ReferenceIterator it;
  if (git_reference_iterator_glob_new(Out(it), repo, glob.c_str()) != 0) {
    return tl::make_unexpected(Damaged(dir, "refs"));
  }
  for (git_reference* raw = nullptr; git_reference_next(&raw, it.get()) == 0;) {
    Reference ref(raw);
    ids.emplace_back(std::string(git_reference_name(ref.get())).substr(kRemotePrefix.size()));
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace mcpguard::history

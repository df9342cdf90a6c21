// libgit2, loaded when the history is first used rather than when mcpguard
// starts. Its dependency tree (mbedTLS, libssh2 and through it libcrypto,
// Kerberos, http-parser, PCRE2) is built with immediate binding, so merely
// linking it cost every process some 5,000 symbol lookups: about two thirds
// of the dynamic loader's work, paid by each `verify` and `exec`, which run
// before every server launch and never touch the history.
//
// Each libgit2 function mcpguard calls is defined here with libgit2's own
// prototype (from <git2.h>) and forwards to the real one found with dlsym on
// first use; history/ is written against <git2.h> as usual. The forwarders
// were written mechanically from the Debian 12 headers; a function used
// without one here fails to link, so none can be missed silently. If the
// library cannot be loaded, mcpguard stops with a clear message, as the
// dynamic loader would have done at start.
#include <dlfcn.h>
#include <git2.h>
#include <unistd.h>

#include <cstdarg>
#include <cstdio>
#include <mutex>

#ifndef MCPGUARD_LIBGIT2_SONAME
#error "MCPGUARD_LIBGIT2_SONAME must name libgit2's shared library (see src/CMakeLists.txt)"
#endif

namespace {

void* Library() {
  static void* lib = nullptr;
  static std::once_flag once;
  std::call_once(once, [] {
    lib = ::dlopen(MCPGUARD_LIBGIT2_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
      std::fprintf(stderr, "mcpguard: error: cannot load %s: %s\n", MCPGUARD_LIBGIT2_SONAME, ::dlerror());
      std::fflush(stderr);
      ::_exit(2);
    }
  });
  return lib;
}

template <class F>
F Resolve(const char* name) {
  void* symbol = ::dlsym(Library(), name);
  if (symbol == nullptr) {
    std::fprintf(stderr, "mcpguard: error: %s has no %s\n", MCPGUARD_LIBGIT2_SONAME, name);
    std::fflush(stderr);
    ::_exit(2);
  }
  return reinterpret_cast<F>(symbol);
}

}  // namespace

extern "C" {

// Variadic: only the integer-valued options mcpguard sets are passed on.
int git_libgit2_opts(int option, ...) {
  static const auto real = Resolve<decltype(&git_libgit2_opts)>("git_libgit2_opts");
  if (option != GIT_OPT_ENABLE_FSYNC_GITDIR) return -1;
  va_list ap;
  va_start(ap, option);
  const int value = va_arg(ap, int);
  va_end(ap);
  return real(option, value);
}

int git_blob_create_from_buffer(git_oid *id, git_repository *repo, const void *buffer, size_t len) {
  static const auto real = Resolve<decltype(&git_blob_create_from_buffer)>("git_blob_create_from_buffer");
  return real(id, repo, buffer, len);
}

void git_blob_free(git_blob *blob) {
  static const auto real = Resolve<decltype(&git_blob_free)>("git_blob_free");
  real(blob);
}

int git_blob_lookup(git_blob **blob, git_repository *repo, const git_oid *id) {
  static const auto real = Resolve<decltype(&git_blob_lookup)>("git_blob_lookup");
  return real(blob, repo, id);
}

const void * git_blob_rawcontent(const git_blob *blob) {
  static const auto real = Resolve<decltype(&git_blob_rawcontent)>("git_blob_rawcontent");
  return real(blob);
}

git_object_size_t git_blob_rawsize(const git_blob *blob) {
  static const auto real = Resolve<decltype(&git_blob_rawsize)>("git_blob_rawsize");
  return real(blob);
}

const git_signature * git_commit_author(const git_commit *commit) {
  static const auto real = Resolve<decltype(&git_commit_author)>("git_commit_author");
  return real(commit);
}

int git_commit_create(git_oid *id, git_repository *repo, const char *update_ref, const git_signature *author, const git_signature *committer, const char *message_encoding, const char *message, const git_tree *tree, size_t parent_count, const git_commit *parents[]) {
  static const auto real = Resolve<decltype(&git_commit_create)>("git_commit_create");
  return real(id, repo, update_ref, author, committer, message_encoding, message, tree, parent_count, parents);
}

void git_commit_free(git_commit *commit) {
  static const auto real = Resolve<decltype(&git_commit_free)>("git_commit_free");
  real(commit);
}

const git_oid * git_commit_id(const git_commit *commit) {
  static const auto real = Resolve<decltype(&git_commit_id)>("git_commit_id");
  return real(commit);
}

int git_commit_lookup(git_commit **commit, git_repository *repo, const git_oid *id) {
  static const auto real = Resolve<decltype(&git_commit_lookup)>("git_commit_lookup");
  return real(commit, repo, id);
}

const char * git_commit_message(const git_commit *commit) {
  static const auto real = Resolve<decltype(&git_commit_message)>("git_commit_message");
  return real(commit);
}

int git_commit_parent(git_commit **out, const git_commit *commit, unsigned int n) {
  static const auto real = Resolve<decltype(&git_commit_parent)>("git_commit_parent");
  return real(out, commit, n);
}

unsigned int git_commit_parentcount(const git_commit *commit) {
  static const auto real = Resolve<decltype(&git_commit_parentcount)>("git_commit_parentcount");
  return real(commit);
}

git_time_t git_commit_time(const git_commit *commit) {
  static const auto real = Resolve<decltype(&git_commit_time)>("git_commit_time");
  return real(commit);
}

int git_commit_tree(git_tree **tree_out, const git_commit *commit) {
  static const auto real = Resolve<decltype(&git_commit_tree)>("git_commit_tree");
  return real(tree_out, commit);
}

const git_oid * git_commit_tree_id(const git_commit *commit) {
  static const auto real = Resolve<decltype(&git_commit_tree_id)>("git_commit_tree_id");
  return real(commit);
}

int git_credential_default_new(git_credential **out) {
  static const auto real = Resolve<decltype(&git_credential_default_new)>("git_credential_default_new");
  return real(out);
}

int git_credential_ssh_key_from_agent(git_credential **out, const char *username) {
  static const auto real = Resolve<decltype(&git_credential_ssh_key_from_agent)>("git_credential_ssh_key_from_agent");
  return real(out, username);
}

int git_credential_userpass_plaintext_new(git_credential **out, const char *username, const char *password) {
  static const auto real = Resolve<decltype(&git_credential_userpass_plaintext_new)>("git_credential_userpass_plaintext_new");
  return real(out, username, password);
}

void git_diff_free(git_diff *diff) {
  static const auto real = Resolve<decltype(&git_diff_free)>("git_diff_free");
  real(diff);
}

const git_diff_delta * git_diff_get_delta(const git_diff *diff, size_t idx) {
  static const auto real = Resolve<decltype(&git_diff_get_delta)>("git_diff_get_delta");
  return real(diff, idx);
}

size_t git_diff_num_deltas(const git_diff *diff) {
  static const auto real = Resolve<decltype(&git_diff_num_deltas)>("git_diff_num_deltas");
  return real(diff);
}

int git_diff_tree_to_tree(git_diff **diff, git_repository *repo, git_tree *old_tree, git_tree *new_tree, const git_diff_options *opts) {
  static const auto real = Resolve<decltype(&git_diff_tree_to_tree)>("git_diff_tree_to_tree");
  return real(diff, repo, old_tree, new_tree, opts);
}

const git_error * git_error_last(void) {
  static const auto real = Resolve<decltype(&git_error_last)>("git_error_last");
  return real();
}

void git_index_free(git_index *index) {
  static const auto real = Resolve<decltype(&git_index_free)>("git_index_free");
  real(index);
}

const git_index_entry * git_index_get_bypath(git_index *index, const char *path, int stage) {
  static const auto real = Resolve<decltype(&git_index_get_bypath)>("git_index_get_bypath");
  return real(index, path, stage);
}

int git_libgit2_init(void) {
  static const auto real = Resolve<decltype(&git_libgit2_init)>("git_libgit2_init");
  return real();
}

int git_libgit2_shutdown(void) {
  static const auto real = Resolve<decltype(&git_libgit2_shutdown)>("git_libgit2_shutdown");
  return real();
}

void git_object_free(git_object *object) {
  static const auto real = Resolve<decltype(&git_object_free)>("git_object_free");
  real(object);
}

const git_oid * git_object_id(const git_object *obj) {
  static const auto real = Resolve<decltype(&git_object_id)>("git_object_id");
  return real(obj);
}

int git_object_peel(git_object **peeled, const git_object *object, git_object_t target_type) {
  static const auto real = Resolve<decltype(&git_object_peel)>("git_object_peel");
  return real(peeled, object, target_type);
}

int git_oid_equal(const git_oid *a, const git_oid *b) {
  static const auto real = Resolve<decltype(&git_oid_equal)>("git_oid_equal");
  return real(a, b);
}

char * git_oid_tostr(char *out, size_t n, const git_oid *id) {
  static const auto real = Resolve<decltype(&git_oid_tostr)>("git_oid_tostr");
  return real(out, n, id);
}

void git_reference_free(git_reference *ref) {
  static const auto real = Resolve<decltype(&git_reference_free)>("git_reference_free");
  real(ref);
}

int git_reference_is_valid_name(const char *refname) {
  static const auto real = Resolve<decltype(&git_reference_is_valid_name)>("git_reference_is_valid_name");
  return real(refname);
}

void git_reference_iterator_free(git_reference_iterator *iter) {
  static const auto real = Resolve<decltype(&git_reference_iterator_free)>("git_reference_iterator_free");
  real(iter);
}

int git_reference_iterator_glob_new(git_reference_iterator **out, git_repository *repo, const char *glob) {
  static const auto real = Resolve<decltype(&git_reference_iterator_glob_new)>("git_reference_iterator_glob_new");
  return real(out, repo, glob);
}

const char * git_reference_name(const git_reference *ref) {
  static const auto real = Resolve<decltype(&git_reference_name)>("git_reference_name");
  return real(ref);
}

int git_reference_name_to_id(git_oid *out, git_repository *repo, const char *name) {
  static const auto real = Resolve<decltype(&git_reference_name_to_id)>("git_reference_name_to_id");
  return real(out, repo, name);
}

int git_reference_next(git_reference **out, git_reference_iterator *iter) {
  static const auto real = Resolve<decltype(&git_reference_next)>("git_reference_next");
  return real(out, iter);
}

int git_reference_remove(git_repository *repo, const char *name) {
  static const auto real = Resolve<decltype(&git_reference_remove)>("git_reference_remove");
  return real(repo, name);
}

int git_remote_create_anonymous(git_remote **out, git_repository *repo, const char *url) {
  static const auto real = Resolve<decltype(&git_remote_create_anonymous)>("git_remote_create_anonymous");
  return real(out, repo, url);
}

int git_remote_fetch(git_remote *remote, const git_strarray *refspecs, const git_fetch_options *opts, const char *reflog_message) {
  static const auto real = Resolve<decltype(&git_remote_fetch)>("git_remote_fetch");
  return real(remote, refspecs, opts, reflog_message);
}

void git_remote_free(git_remote *remote) {
  static const auto real = Resolve<decltype(&git_remote_free)>("git_remote_free");
  real(remote);
}

int git_remote_push(git_remote *remote, const git_strarray *refspecs, const git_push_options *opts) {
  static const auto real = Resolve<decltype(&git_remote_push)>("git_remote_push");
  return real(remote, refspecs, opts);
}

void git_repository_free(git_repository *repo) {
  static const auto real = Resolve<decltype(&git_repository_free)>("git_repository_free");
  real(repo);
}

int git_repository_head(git_reference **out, git_repository *repo) {
  static const auto real = Resolve<decltype(&git_repository_head)>("git_repository_head");
  return real(out, repo);
}

int git_repository_index(git_index **out, git_repository *repo) {
  static const auto real = Resolve<decltype(&git_repository_index)>("git_repository_index");
  return real(out, repo);
}

int git_repository_init_ext(git_repository **out, const char *repo_path, git_repository_init_options *opts) {
  static const auto real = Resolve<decltype(&git_repository_init_ext)>("git_repository_init_ext");
  return real(out, repo_path, opts);
}

int git_repository_open_ext(git_repository **out, const char *path, unsigned int flags, const char *ceiling_dirs) {
  static const auto real = Resolve<decltype(&git_repository_open_ext)>("git_repository_open_ext");
  return real(out, path, flags, ceiling_dirs);
}

const char * git_repository_workdir(const git_repository *repo) {
  static const auto real = Resolve<decltype(&git_repository_workdir)>("git_repository_workdir");
  return real(repo);
}

int git_revparse_single(git_object **out, git_repository *repo, const char *spec) {
  static const auto real = Resolve<decltype(&git_revparse_single)>("git_revparse_single");
  return real(out, repo, spec);
}

void git_revwalk_free(git_revwalk *walk) {
  static const auto real = Resolve<decltype(&git_revwalk_free)>("git_revwalk_free");
  real(walk);
}

int git_revwalk_new(git_revwalk **out, git_repository *repo) {
  static const auto real = Resolve<decltype(&git_revwalk_new)>("git_revwalk_new");
  return real(out, repo);
}

int git_revwalk_next(git_oid *out, git_revwalk *walk) {
  static const auto real = Resolve<decltype(&git_revwalk_next)>("git_revwalk_next");
  return real(out, walk);
}

int git_revwalk_push(git_revwalk *walk, const git_oid *id) {
  static const auto real = Resolve<decltype(&git_revwalk_push)>("git_revwalk_push");
  return real(walk, id);
}

int git_revwalk_push_ref(git_revwalk *walk, const char *refname) {
  static const auto real = Resolve<decltype(&git_revwalk_push_ref)>("git_revwalk_push_ref");
  return real(walk, refname);
}

int git_revwalk_sorting(git_revwalk *walk, unsigned int sort_mode) {
  static const auto real = Resolve<decltype(&git_revwalk_sorting)>("git_revwalk_sorting");
  return real(walk, sort_mode);
}

void git_signature_free(git_signature *sig) {
  static const auto real = Resolve<decltype(&git_signature_free)>("git_signature_free");
  real(sig);
}

int git_signature_new(git_signature **out, const char *name, const char *email, git_time_t time, int offset) {
  static const auto real = Resolve<decltype(&git_signature_new)>("git_signature_new");
  return real(out, name, email, time, offset);
}

int git_signature_now(git_signature **out, const char *name, const char *email) {
  static const auto real = Resolve<decltype(&git_signature_now)>("git_signature_now");
  return real(out, name, email);
}

const git_tree_entry * git_tree_entry_byindex(const git_tree *tree, size_t idx) {
  static const auto real = Resolve<decltype(&git_tree_entry_byindex)>("git_tree_entry_byindex");
  return real(tree, idx);
}

const git_oid * git_tree_entry_id(const git_tree_entry *entry) {
  static const auto real = Resolve<decltype(&git_tree_entry_id)>("git_tree_entry_id");
  return real(entry);
}

const char * git_tree_entry_name(const git_tree_entry *entry) {
  static const auto real = Resolve<decltype(&git_tree_entry_name)>("git_tree_entry_name");
  return real(entry);
}

git_object_t git_tree_entry_type(const git_tree_entry *entry) {
  static const auto real = Resolve<decltype(&git_tree_entry_type)>("git_tree_entry_type");
  return real(entry);
}

size_t git_tree_entrycount(const git_tree *tree) {
  static const auto real = Resolve<decltype(&git_tree_entrycount)>("git_tree_entrycount");
  return real(tree);
}

void git_tree_free(git_tree *tree) {
  static const auto real = Resolve<decltype(&git_tree_free)>("git_tree_free");
  real(tree);
}

int git_tree_lookup(git_tree **out, git_repository *repo, const git_oid *id) {
  static const auto real = Resolve<decltype(&git_tree_lookup)>("git_tree_lookup");
  return real(out, repo, id);
}

void git_treebuilder_free(git_treebuilder *bld) {
  static const auto real = Resolve<decltype(&git_treebuilder_free)>("git_treebuilder_free");
  real(bld);
}

int git_treebuilder_insert(const git_tree_entry **out, git_treebuilder *bld, const char *filename, const git_oid *id, git_filemode_t filemode) {
  static const auto real = Resolve<decltype(&git_treebuilder_insert)>("git_treebuilder_insert");
  return real(out, bld, filename, id, filemode);
}

int git_treebuilder_new(git_treebuilder **out, git_repository *repo, const git_tree *source) {
  static const auto real = Resolve<decltype(&git_treebuilder_new)>("git_treebuilder_new");
  return real(out, repo, source);
}

int git_treebuilder_write(git_oid *id, git_treebuilder *bld) {
  static const auto real = Resolve<decltype(&git_treebuilder_write)>("git_treebuilder_write");
  return real(id, bld);
}
}  // extern "C"

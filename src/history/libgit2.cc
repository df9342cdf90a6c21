#include "history/libgit2.h"

#include <git2.h>

#include <cstdlib>
#include <mutex>

namespace mcpguard::history {

void InitLibgit2() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
    std::atexit([] { git_libgit2_shutdown(); });
  });
}

}  // namespace mcpguard::history

// Private to history/: libgit2 started once per process.
#pragma once

namespace mcpguard::history {

// git_libgit2_init once, with fsync of the git dir on (a recorded commit
// survives a power cut, not only a killed process), and git_libgit2_shutdown
// at exit so libgit2's per-thread caches (its regex engine's among them) are
// freed, which keeps the sanitizer build's leak check meaningful.
void InitLibgit2();

}  // namespace mcpguard::history

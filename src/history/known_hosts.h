// SSH host keys for `history push` and `fleet report` over ssh://. libgit2
// 1.5 (Debian 12) does not check them at all, so without this a push would
// hand the history to whoever answers on the network path. The key the
// server presented is compared with what ~/.ssh/known_hosts lists for that
// host, through OpenSSH's own lookup (`ssh-keygen -F`), which understands
// hashed entries and [host]:port forms: the same trust `git push` over ssh
// would apply, and nothing is ever added to the file.
#pragma once

#include <string>
#include <string_view>

namespace mcpguard::history {

enum class HostKeyVerdict {
  kKnown,     // listed, with this key
  kMismatch,  // listed, with other keys only: possibly an attack
  kUnknown,   // not listed (connect once with ssh to add it)
  kNoTool,    // ssh-keygen is not installed
};

// `raw_key` is the host key blob as the server sent it (what the base64 in
// a known_hosts line decodes to); port 22 is looked up as the bare host.
HostKeyVerdict CheckKnownHost(const std::string& host, int port, std::string_view raw_key,
                              const std::string& known_hosts);

// "known", "changed", ... in the house style, for error messages.
std::string Describe(HostKeyVerdict verdict, const std::string& host, int port, const std::string& known_hosts);

}  // namespace mcpguard::history

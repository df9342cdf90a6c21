// Credentials for https:// (and http://) remotes from git's own credential
// helpers, so `history push` and `fleet report` authenticate exactly as
// `git push` would on this machine: whatever `credential.helper` the user
// configured (store, cache, libsecret, osxkeychain, a CI token helper...).
// We run the real `git credential fill|approve|reject` rather than reading
// helper files ourselves: the helpers' protocol is git's, and so is the
// choice of helper (gitconfig, includes, per-URL sections).
//
// The password is held only in memory, in this object, and wiped when it
// goes; it is never part of an error message.
#pragma once

#include <string>

namespace mcpguard::history {

class GitCredential {
 public:
  // Asks git's helpers for the credential of `url` (`username` from the URL
  // when it has one). Never prompts: GIT_TERMINAL_PROMPT=0. Found() tells.
  static GitCredential Fill(const std::string& url, const std::string& username);

  GitCredential() = default;
  GitCredential(GitCredential&& other) noexcept;
  GitCredential& operator=(GitCredential&& other) noexcept;
  GitCredential(const GitCredential&) = delete;
  GitCredential& operator=(const GitCredential&) = delete;
  ~GitCredential();

  bool Found() const { return !password_.empty(); }
  const std::string& username() const { return username_; }
  const std::string& password() const { return password_; }
  // Why nothing was found ("git is not installed", "no credential helper
  // answered for 127.0.0.1:8080"); empty when Found().
  const std::string& why_not() const { return why_not_; }

  // Tell the helpers the credential worked (they may store it) or was
  // refused (they forget it), as git itself does after a transfer.
  void Approve() const;
  void Reject() const;

 private:
  void Report(const char* action) const;
  void Wipe();

  std::string description_;  // "protocol=...\nhost=...\npath=...\n" sent to git
  std::string username_;
  std::string password_;
  std::string why_not_;
};

}  // namespace mcpguard::history

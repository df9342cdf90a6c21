#include "history/credential_helper.h"

#include <string.h>  // explicit_bzero

#include <cstdlib>
#include <optional>
#include <vector>

#include "base/process.h"
#include "base/text.h"

extern char** environ;

namespace mcpguard::history {
namespace {

// protocol, host (with :port) and path of `url`, in git's credential format;
// nullopt when it is not an http(s) URL.
std::optional<std::string> Describe(const std::string& url, const std::string& username) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return std::nullopt;
  const std::string protocol = ToLower(url.substr(0, scheme_end));
  if (protocol != "https" && protocol != "http") return std::nullopt;
  std::string rest = url.substr(scheme_end + 3);
  const size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  const std::string path = slash == std::string::npos ? "" : rest.substr(slash + 1);
  if (const size_t at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  if (authority.empty() || authority.find_first_of("\n\r") != std::string::npos ||
      path.find_first_of("\n\r") != std::string::npos || username.find_first_of("\n\r") != std::string::npos) {
    return std::nullopt;  // git's protocol is line-based: a newline would inject a field
  }
  std::string d = "protocol=" + protocol + "\nhost=" + authority + "\n";
  if (!path.empty()) d += "path=" + path + "\n";
  if (!username.empty()) d += "username=" + username + "\n";
  return d;
}

// Our environment for git, with prompting off: a push from a hook or a timer
// must fail, not wait for a password nobody will type.
std::vector<std::string> GitEnvironment() {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view kv(*e);
    if (StartsWith(kv, "GIT_TERMINAL_PROMPT=") || StartsWith(kv, "GIT_ASKPASS=") || StartsWith(kv, "SSH_ASKPASS=")) {
      continue;
    }
    env.emplace_back(kv);
  }
  env.emplace_back("GIT_TERMINAL_PROMPT=0");
  return env;
}

void WipeString(std::string& s) {
  if (!s.empty()) explicit_bzero(s.data(), s.size());
  s.clear();
}

}  // namespace

GitCredential GitCredential::Fill(const std::string& url, const std::string& username) {
  GitCredential c;
  auto description = Describe(url, username);
  if (!description) {
    c.why_not_ = "not an http(s) address";
    return c;
  }
  c.description_ = *description;
  ProcessOptions options;
  options.argv = {"git", "credential", "fill"};
  options.env = GitEnvironment();
  options.stdin_data = c.description_ + "\n";
  options.timeout_ms = 30'000;
  options.output_cap = 64 * 1024;
  auto run = RunProcess(options);
  if (!run) {
    c.why_not_ = "git is not installed, so git's credential helpers cannot be asked";
    return c;
  }
  if (run->exit_code != 0) {
    c.why_not_ = "no git credential helper has a password for this remote (see git-credential(1))";
    WipeString(run->out);
    return c;
  }
  for (std::string_view line : Split(run->out, '\n')) {
    if (StartsWith(line, "username=")) c.username_ = std::string(line.substr(9));
    if (StartsWith(line, "password=")) c.password_ = std::string(line.substr(9));
  }
  WipeString(run->out);
  if (c.password_.empty()) c.why_not_ = "no git credential helper has a password for this remote (see git-credential(1))";
  return c;
}

void GitCredential::Report(const char* action) const {
  if (!Found()) return;
  ProcessOptions options;
  options.argv = {"git", "credential", action};
  options.env = GitEnvironment();
  std::string input = description_;
  // The helper needs the whole credential to store or erase it.
  if (description_.find("\nusername=") == std::string::npos) input += "username=" + username_ + "\n";
  input += "password=" + password_ + "\n\n";
  options.stdin_data = std::move(input);
  options.timeout_ms = 10'000;
  (void)RunProcess(options);  // best effort, as in git itself
  // stdin_data went through the child's pipe; our copy is gone with options.
  WipeString(options.stdin_data);
}

void GitCredential::Approve() const { Report("approve"); }
void GitCredential::Reject() const { Report("reject"); }

void GitCredential::Wipe() {
  WipeString(password_);
  WipeString(username_);
}

// Swapping, not moving: a moved-from short string keeps its bytes in place.
GitCredential::GitCredential(GitCredential&& other) noexcept { *this = std::move(other); }

GitCredential& GitCredential::operator=(GitCredential&& other) noexcept {
  if (this != &other) {
    Wipe();
    description_.swap(other.description_);
    username_.swap(other.username_);
    password_.swap(other.password_);
    why_not_.swap(other.why_not_);
  }
  return *this;
}

GitCredential::~GitCredential() { Wipe(); }

}  // namespace mcpguard::history

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

#include "app/keygen.h"
#include "app/settings.h"
#include "base/environment.h"
#include "base/file.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "signing/minisign.h"

namespace mcpguard::cli {
namespace {

constexpr size_t kMaxPassphrase = 1024;

struct KeygenFlags {
  bool unencrypted = false;
  bool force = false;
  std::string output;
};

// The passphrase from MCPGUARD_PASSPHRASE_FILE: one line, its line end dropped.
Result<std::string> PassphraseFromFile(const std::string& path) {
  auto text = ReadFileCapped(path, kMaxPassphrase);
  if (!text) return text;
  if (!text->empty() && text->back() == '\n') text->pop_back();
  if (!text->empty() && text->back() == '\r') text->pop_back();
  if (text->find('\n') != std::string::npos) {
    signing::Wipe(*text);
    return Fail(Errc::kInvalidArgument, "the passphrase file must hold a single line", path);
  }
  return text;
}

// Turns echo off on the terminal for as long as it lives.
class NoEcho {
 public:
  explicit NoEcho(int fd) : fd_(fd) {
    if (::tcgetattr(fd_, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = ::tcsetattr(fd_, TCSAFLUSH, &quiet) == 0;
  }
  ~NoEcho() {
    if (active_) ::tcsetattr(fd_, TCSAFLUSH, &saved_);
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  int fd_;
  termios saved_{};
  bool active_ = false;
};

Result<std::string> ReadHidden(int fd, std::string_view prompt) {
  (void)!::write(fd, prompt.data(), prompt.size());
  std::string line;
  {
    NoEcho quiet(fd);
    char c = 0;
    for (;;) {
      const ssize_t n = ::read(fd, &c, 1);
      if (n < 0 && errno == EINTR && !Interrupted().load()) continue;
      if (n < 0 && errno == EINTR) {
        signing::Wipe(line);
        return Fail(Errc::kInterrupted, "interrupted");
      }
      if (n <= 0 || c == '\n') break;
      if (line.size() < kMaxPassphrase) line += c;
    }
    c = 0;
  }
  (void)!::write(fd, "\n", 1);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Asks twice on the controlling terminal (not stdin, so a pipe cannot answer).
Result<std::string> PassphraseFromTerminal() {
  UniqueFd tty(::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY));
  if (!tty.valid()) {
    return Fail(Errc::kInvalidArgument,
                "no terminal to ask for a passphrase: set MCPGUARD_PASSPHRASE_FILE, or use -W for a key without one");
  }
  auto first = ReadHidden(tty.get(), "passphrase for the new key: ");
  if (!first) return first;
  auto second = ReadHidden(tty.get(), "the same passphrase again: ");
  if (!second) {
    signing::Wipe(*first);
    return second;
  }
  const bool same = *first == *second;
  signing::Wipe(*second);
  if (!same) {
    signing::Wipe(*first);
    return Fail(Errc::kInvalidArgument, "the two passphrases differ");
  }
  return first;
}

}  // namespace

Runner SetupKeygen(CLI::App& cmd) {
  auto f = std::make_shared<KeygenFlags>();
  cmd.footer(
      "Create the minisign-compatible key pair that signs approved baselines: mcpguard.key (secret, 0600,\n"
      "encrypted with a passphrase asked twice on the terminal) and mcpguard.pub (public, 0644) in\n"
      "$XDG_CONFIG_HOME/mcpguard. Existing keys are never replaced without --force.\n\n"
      "The passphrase can come from the first line of the file named by MCPGUARD_PASSPHRASE_FILE.\n"
      "The secret key uses minisign's scrypt cost (about 1 GiB of memory for a second or two);\n"
      "MCPGUARD_SCRYPT_INTERACTIVE=1 picks a cheaper one. minisign reads both.\n\n"
      "Examples:\n"
      "  mcpguard keygen\n"
      "  mcpguard keygen -W --output ./ci-signing     # writes ci-signing.key and ci-signing.pub\n"
      "  minisign -Vm baseline.json -p ~/.config/mcpguard/mcpguard.pub");
  cmd.add_flag("-W,--without-passphrase", f->unencrypted, "do not encrypt the secret key (like minisign -W)");
  cmd.add_flag("--force", f->force, "replace existing key files (the old key is lost)");
  cmd.add_option("--output", f->output, "write PREFIX.key and PREFIX.pub instead")->type_name("PREFIX");
  return [f]() -> ExitCode {
    const Environment env = Environment::FromProcess();
    app::KeygenOptions opts;
    opts.config_dir = app::PathsFor(env).config_dir;
    opts.output_prefix = f->output;
    opts.force = f->force;
    opts.unencrypted = f->unencrypted;
    if (env.Get("MCPGUARD_SCRYPT_INTERACTIVE") == "1") opts.kdf = signing::kInteractiveKdfLimits;
    const std::optional<std::string> pass_file = env.Get("MCPGUARD_PASSPHRASE_FILE");
    opts.passphrase = [pass_file]() {
      return pass_file ? PassphraseFromFile(*pass_file) : PassphraseFromTerminal();
    };
    auto done = app::Keygen(opts);
    if (!done) {
      ReportFault(done.error());
      if (done.error().message.find("already exists") != std::string::npos) {
        PrintHint("pass --force to replace it; the old key can then no longer sign");
      }
      return kExitFault;
    }
    const std::string out = "secret key: " + done->secret_key_path +
                            (done->encrypted ? "" : " (not encrypted)") + "\npublic key: " + done->public_key_path +
                            "\nkey id: " + done->key_id + "\n";
    return WriteStdout(out) ? kExitOk : kExitFault;
  };
}

}  // namespace mcpguard::cli

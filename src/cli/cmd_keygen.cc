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
#include "cli/passphrase.h"
#include "signing/minisign.h"

namespace mcpguard::cli {
namespace {

struct KeygenFlags {
  bool unencrypted = false;
  bool force = false;
  std::string output;
};

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
      return pass_file ? PassphraseFromFile(*pass_file) : PassphraseFromTerminal("passphrase for the new key: ", true);
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

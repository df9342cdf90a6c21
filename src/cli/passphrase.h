// Passphrases for secret keys: the first line of MCPGUARD_PASSPHRASE_FILE, or
// asked on the controlling terminal with echo off (never read from stdin, so
// a pipe cannot answer). Callers wipe what they get (signing::Wipe).
#pragma once

#include <string>
#include <string_view>

#include "base/environment.h"
#include "base/error.h"

namespace mcpguard::cli {

Result<std::string> PassphraseFromFile(const std::string& path);
// With `confirm`, asks twice and fails when the answers differ.
Result<std::string> PassphraseFromTerminal(std::string_view prompt, bool confirm);
// The file when MCPGUARD_PASSPHRASE_FILE is set, else the terminal.
Result<std::string> Passphrase(const Environment& env, std::string_view prompt, bool confirm);

}  // namespace mcpguard::cli

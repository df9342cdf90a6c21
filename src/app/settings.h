// Where mcpguard keeps its own files, and its settings
// ($XDG_CONFIG_HOME/mcpguard/config.toml).
#pragma once

#include <string>

#include "base/environment.h"
#include "base/error.h"
#include "crypto/fingerprint.h"

namespace mcpguard::app {

struct Paths {
  std::string config_dir;  // $XDG_CONFIG_HOME/mcpguard (~/.config/mcpguard)
  std::string state_dir;   // $XDG_STATE_HOME/mcpguard (~/.local/state/mcpguard)
  std::string cache_dir;   // $XDG_CACHE_HOME/mcpguard (~/.cache/mcpguard)
};

Paths PathsFor(const Environment& env);

struct Settings {
  std::string path;             // the file read, or "" when there is none
  std::string fingerprint_key;  // 64 hex digits set by an organisation, or ""
  std::string machine_id;       // this machine's name in a fleet, or "" (see app/machine.h)
  std::string history_remote;   // where 'mcpguard history push' pushes by default, or ""
};

// Reads config.toml when it exists; a malformed one is an error.
Result<Settings> LoadSettings(const Paths& paths);

// The fingerprint key: the organisation's from settings, else the machine's
// own in <config_dir>/fingerprint.key (created 0600 on first use).
Result<crypto::FingerprintKey> FingerprintKeyFor(const Paths& paths, const Settings& settings);

}  // namespace mcpguard::app

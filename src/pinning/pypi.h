// Where uvx and pipx keep the Python environment a server runs in (threats.md
// §6.2, §6.3), found offline by the distribution's *.dist-info directory:
//   uv tool install:  $UV_TOOL_DIR | $XDG_DATA_HOME/uv/tools | ~/.local/share/uv/tools/<name>/
//   uvx (cached):     $UV_CACHE_DIR | $XDG_CACHE_HOME/uv | ~/.cache/uv, environments-v*/<env>/
//   pipx:             $PIPX_HOME | ~/.local/share/pipx | ~/.local/pipx, venvs/<name>/ and .cache/<hash>/
// uvx reuses an installed tool first, so tools are looked at first.
#pragma once

#include <string>
#include <vector>

#include "base/environment.h"

namespace mcpguard::pinning {

struct PypiInstall {
  std::string env_dir;   // the environment (venv) that runs; "" when none was found
  std::string version;   // of the distribution, from its dist-info name
  std::string dist_info; // the *.dist-info directory
};

// PEP 503 name as dist-info directories spell it: lower case, runs of
// "-", "_" and "." as "_".
std::string DistInfoName(std::string_view name);

// The environment that holds distribution `name` (at `version` when given),
// for `launcher` ("uvx", "uv tool run", "pipx run"). With several candidates,
// the most recently modified wins: that is the one a floating spec reuses.
PypiInstall FindPypiInstall(const Environment& env, const std::string& home, const std::string& launcher,
                            const std::string& name, const std::string& version);

}  // namespace mcpguard::pinning

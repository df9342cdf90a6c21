// This machine's name in a fleet: the <id> of refs/mcpguard/machines/<id>
// that 'mcpguard history push' writes.
#pragma once

#include <string>
#include <string_view>

#include "app/settings.h"
#include "base/environment.h"
#include "base/error.h"

namespace mcpguard::app {

// $MCPGUARD_MACHINE_ID, else machine_id in config.toml, else the first 16 hex
// digits of the SHA-256 of <root>/etc/machine-id, else of the hostname. An id
// given by a person must be usable as a git ref component: letters, digits,
// '.', '_' and '-', not starting with '.' or '-', at most 64 characters.
Result<std::string> MachineId(const Environment& env, const Settings& settings, const std::string& root = "");

bool ValidMachineId(std::string_view id);

}  // namespace mcpguard::app

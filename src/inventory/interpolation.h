// Recognising variable references in config strings, every host's syntax at
// once (hosts.md §3), without expanding them: the snapshot keeps
// "${env:GITHUB_TOKEN}" as written, never the value it would become.
#pragma once

#include <string_view>
#include <vector>

#include "model/server.h"

namespace mcpguard::inventory {

// Every reference in `text`, in order, each tagged with `field`.
// Syntaxes: ${env:X} ${input:x} ${file:p} ${workspaceFolder} (and the other
// predefined names) ${user_config.x} ${X} ${X:-default} $X {env:X} {file:p}
// ${{ secrets.X }} ${{ inputs.X }}.
std::vector<model::Interpolation> FindInterpolations(std::string_view text, std::string_view field);

}  // namespace mcpguard::inventory

// Renderers for a scan: the readable inventory and the JSON snapshot.
#pragma once

#include <string>

#include "model/snapshot.h"

namespace mcpguard::report {

struct TextOptions {
  bool color = false;
  std::string home;  // shown as "~"
};

// Grouped by host, then config (path, scope), then server (name, transport,
// command or URL, env names, enabled); each config's diagnostics under it;
// a one-line summary at the end. Never prints a secret value.
std::string RenderText(const model::Snapshot& snapshot, const TextOptions& options);

// The snapshot as `mcpguard.snapshot/1` JSON, indented, with a final newline.
std::string RenderJson(const model::Snapshot& snapshot);

}  // namespace mcpguard::report

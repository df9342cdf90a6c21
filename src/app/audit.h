// The audit log: one JSON line per decision of verify, exec and the guard,
// in $XDG_STATE_HOME/mcpguard/audit.jsonl (0600). Each line is written with
// one write(2) on an O_APPEND descriptor, so hosts launching many servers at
// once never interleave half lines. At 1 MiB the file rotates to
// audit.jsonl.1 (.2, .3; the oldest is dropped).
//
// Never a secret: callers pass names (host, server, field names) and reasons
// built from them, not values.
#pragma once

#include <cstdint>
#include <string>

#include "app/settings.h"
#include "base/error.h"

namespace mcpguard::app {

struct AuditEntry {
  std::string command;   // "verify", "exec", "guard", "check-tool"
  std::string host;      // "" when not tied to one host
  std::string server;    // "" when not tied to one server
  std::string decision;  // "allow", "deny", "filter", "pending", "error"
  std::string reason;    // one line
};

inline constexpr uint64_t kAuditRotateBytes = 1 << 20;
inline constexpr int kAuditKeep = 3;

std::string AuditLogPath(const Paths& paths);

// Appends `entry` with the current time. Rotation happens before the write
// when the file has reached `rotate_bytes`.
Result<void> AppendAudit(const Paths& paths, const AuditEntry& entry, uint64_t rotate_bytes = kAuditRotateBytes);

}  // namespace mcpguard::app

// The portable, redacted form of a configured server that approval records
// and drift compares: the same function on both sides, so an unchanged
// server is equal to its approved entry byte for byte.
#pragma once

#include <string>

#include "model/baseline.h"
#include "model/server.h"

namespace mcpguard::drift {

// Every occurrence of `home` that begins a path becomes "~", so the same
// server compares equal on machines with other user names.
std::string Portable(std::string s, const std::string& home);

// `server` as an approved entry would record it now. config_digest,
// approved_at and approved_by are left empty: they are the approver's.
model::ApprovedServer ApprovedForm(const model::Server& server, const std::string& home);

}  // namespace mcpguard::drift

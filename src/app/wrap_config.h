// Rewriting a host's config so each stdio server launches through
// 'mcpguard exec', and back. A minimal text splice at the positions the
// parser reports, never a re-serialisation: comments, key order, indentation,
// trailing commas and line endings stay as the user wrote them.
//
// Wrapping a server {"command": C, "args": [A...]} gives
//   {"command": "/path/to/mcpguard", "args": ["exec", "--host", H, "--server",
//    N, "--config", F, "--", C, A...]}
// where C is copied token for token. Unwrapping reverses exactly that, so
// Unwrap(Wrap(text)) == text. Formats: JSON, JSONC, TOML (Codex). YAML is
// refused (its block scalars and flow styles need a real emitter to splice
// safely).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "formats/parse.h"
#include "model/server_pos.h"

namespace mcpguard::app {

struct WrapTarget {
  std::string name;
  model::SourcePos pos;  // of the server's key, as inventory reported it
};

struct WrapSettings {
  std::string mcpguard;  // the command to write (absolute path of this binary)
  std::string host;
  std::string config;    // the file's absolute path, for --config
  bool guard = false;
};

struct SpliceResult {
  std::string text;
  std::vector<std::string> changed;  // server names wrapped or unwrapped
  std::vector<std::string> skipped;  // "name: why"
};

Result<SpliceResult> WrapConfigText(std::string_view text, formats::Format format,
                                    const std::vector<WrapTarget>& servers, const WrapSettings& settings);

// Unwraps every wrapped server in the file (whatever its name).
Result<SpliceResult> UnwrapConfigText(std::string_view text, formats::Format format);

}  // namespace mcpguard::app

// The signatures/ files compiled into the binary, as compact JSON (see
// src/rules/sigc_main.cc).
#pragma once

#include <string_view>
#include <vector>

namespace mcpguard::rules {

struct EmbeddedFile {
  std::string_view name;  // "hosts.toml"
  std::string_view text;  // the TOML file converted to JSON at build time
};

const std::vector<EmbeddedFile>& EmbeddedSignatures();

}  // namespace mcpguard::rules

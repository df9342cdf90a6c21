// The signatures/ files compiled into the binary (see src/rules/embed.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace mcpguard::rules {

struct EmbeddedFile {
  std::string_view name;  // "hosts.toml"
  std::string_view text;
};

const std::vector<EmbeddedFile>& EmbeddedSignatures();

}  // namespace mcpguard::rules

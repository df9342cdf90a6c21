// .env files (envFile in Cursor and VS Code configs): KEY=VALUE lines,
// "export " prefixes, quotes and comments, as dotenv reads them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "formats/tree.h"

namespace mcpguard::formats {

struct DotenvEntry {
  std::string key;
  std::string value;
  Pos pos;  // of the key
};

// Lines that are not assignments are skipped: a .env file is not ours to
// judge, only to read.
std::vector<DotenvEntry> ParseDotenv(std::string_view text);

}  // namespace mcpguard::formats

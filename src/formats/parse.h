// Parsing config text into a formats::Node tree. Every reader is
// hostile-input safe: bounded nesting depth, bounded node count (YAML alias
// bombs), no recursion proportional to attacker-controlled depth beyond that
// bound, and errors with a line and column instead of exceptions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "formats/tree.h"

namespace mcpguard::formats {

enum class Format {
  kJson,   // strict JSON expected by the host; JSONC extras are accepted but reported
  kJsonc,  // JSON with // and /* */ comments and trailing commas
  kToml,   // TOML 1.0, plus TOML 1.1 multi-line inline tables
  kYaml,
};

// "json", "jsonc", "toml", "yaml"; Parse* of an unknown name fails.
std::string_view FormatName(Format format);
Result<Format> ParseFormatName(std::string_view name);

struct Limits {
  uint32_t max_depth = 512;         // nesting of arrays/objects/tables
  uint64_t max_nodes = 500'000;     // total values produced (alias expansion included): ~55 MB at most
};

// A problem that does not stop the parse (duplicate key, a trailing comma in
// a strict-JSON file, ...).
struct Warning {
  Pos pos;
  std::string message;  // lower case, no trailing period
};

struct Document {
  Node root;
  std::vector<Warning> warnings;
};

// Parses `text` as `format`. On failure the Error has code kParse, a message
// in the house style ("expected ',' or '}' after object member") and the
// 1-based line and column of the offending byte; `path` is left empty for the
// caller to fill in. A leading UTF-8 BOM is skipped; NUL bytes, invalid UTF-8
// in strings and UTF-16 text are errors.
Result<Document> Parse(std::string_view text, Format format, const Limits& limits = {});

}  // namespace mcpguard::formats

// What every signatures/*.toml reader shares: a versioned TOML file read from
// a --signatures directory or from the copy built into the binary, and typed
// field access where every problem is an Error with file, line and column (a
// malformed signature file is a fault of the installation, never a guess).
#pragma once

#include <algorithm>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "formats/parse.h"

namespace mcpguard::rules {

std::string Quoted(std::string_view s);  // "\"s\""

class SignatureReader {
 public:
  explicit SignatureReader(std::string name) : name_(std::move(name)) {}

  const std::string& name() const { return name_; }
  Error Problem(const formats::Node& at, const std::string& message) const;
  Error ProblemAt(formats::Pos pos, const std::string& message) const;

  // A string field; a required one must be present and not empty.
  Result<std::string> String(const formats::Node& table, std::string_view key, bool required) const;
  // An array of strings; absent is empty. With `non_empty`, "" items are refused.
  Result<std::vector<std::string>> Strings(const formats::Node& table, std::string_view key,
                                           bool non_empty = false) const;
  Result<bool> Bool(const formats::Node& table, std::string_view key, bool fallback = false) const;
  Result<std::map<std::string, std::string>> StringTable(const formats::Node& table, std::string_view key) const;
  // `table` is a table whose keys are all in `keys`: an unknown key is a typo
  // that would otherwise silently change what an entry means.
  template <class Keys>
  Result<void> KnownKeys(const formats::Node& table, const Keys& keys, std::string_view what) const {
    if (!table.IsObject()) return tl::make_unexpected(Problem(table, std::string(what) + " must be a table"));
    for (const formats::Member& m : table.members) {
      if (std::find(std::begin(keys), std::end(keys), m.key) == std::end(keys)) {
        return tl::make_unexpected(ProblemAt(m.key_pos, "unknown key " + Quoted(m.key) + " in " + std::string(what)));
      }
    }
    return {};
  }

 private:
  std::string name_;
};

// Parses `text` (named `name` in errors) and checks its `schema` field.
Result<formats::Document> ParseSignatureText(std::string_view text, const std::string& name,
                                             std::string_view schema);

struct SignatureText {
  std::string text;
  std::string name;  // the path, or "signatures/<file> (built in)"
};

// `file` from `signatures_dir`, or the built-in copy when the dir is empty.
Result<SignatureText> ReadSignatureFile(const std::string& signatures_dir, std::string_view file);

}  // namespace mcpguard::rules

// Private to formats/. Helpers shared by the per-format readers behind
// Parse(); nothing outside src/formats/ may include this header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "formats/parse.h"
#include "formats/tree.h"

namespace mcpguard::formats::internal {

// The readers. Parse() has already removed a UTF-8 BOM and rejected NUL
// bytes, so positions are relative to the text they are given.
Result<Document> ParseJson(std::string_view text, bool strict, const Limits& limits);
Result<Document> ParseToml(std::string_view text, const Limits& limits);
Result<Document> ParseYaml(std::string_view text, const Limits& limits);

// A kParse error at `pos`, path left empty for the caller.
Error ParseError(std::string message, Pos pos);
tl::unexpected<Error> ParseFailure(std::string message, Pos pos);

// The shared wording of the limit errors, so every format says the same.
std::string DepthMessage(uint64_t max_depth);  // "nesting deeper than 512 levels"
std::string TooManyValuesMessage(uint64_t max_nodes);

// Length (2..4) of the well-formed UTF-8 sequence starting at text[i], which
// must be a byte >= 0x80; 0 when the bytes there are not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF included).
size_t Utf8SequenceLength(std::string_view text, size_t i);

// Offset of the first byte that is not part of valid UTF-8, or npos.
size_t FindInvalidUtf8(std::string_view text);

// "character '@'", "character 'é'" or "byte 0xFF": what is at text[i], for
// messages such as "unexpected character '@'".
std::string DescribeCharAt(std::string_view text, size_t i);

// Line starts of a text, to turn offsets or code point columns (what toml++
// reports) into 1-based line and byte column.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  Pos PosOfOffset(size_t offset) const;
  // `col` counts code points from 1, as toml++ does.
  Pos PosOfCodePointColumn(uint32_t line, uint32_t col) const;

 private:
  std::string_view text_;
  std::vector<size_t> starts_;  // offset of the first byte of each line
};

// One Warning for every key of `object` that repeats an earlier key.
void WarnDuplicateKeys(const Node& object, std::vector<Warning>* warnings);

// Puts warnings in file order (readers find some of them out of order).
void SortWarnings(std::vector<Warning>* warnings);

// A third-party library's message in the house style: first letter lower
// case, no trailing period.
std::string HouseStyle(std::string_view message);

}  // namespace mcpguard::formats::internal

// TOML through toml++, converted to a formats::Node tree.
//
// Two things toml++ does not do for us:
//  * Nesting limits. Its parser caps nested arrays and inline tables at 256,
//    but a dotted key or table header with 20,000 parts builds a 20,000-deep
//    table chain whose recursive destructor overflows the stack. The text is
//    therefore pre-scanned (TomlDepthScan) for an upper bound on the depth
//    before toml++ sees it.
//  * Byte columns. toml++ counts columns in code points; LineIndex converts.

// Debian's tomlplusplus CMake target links a prebuilt libtomlplusplus.so
// (TOML_HEADER_ONLY=0) that was built without TOML 1.1 features, so real
// Codex files with multi-line inline tables would fail to parse. This is the
// only file that includes toml++, and it uses the packaged headers in
// header-only mode with those features on (src/CMakeLists.txt sets
// TOML_HEADER_ONLY=1 for it and does not link the shared library).
#include <toml++/toml.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "formats/parse_internal.h"

namespace mcpguard::formats::internal {
namespace {

namespace tomlpp = ::toml;

// Finds where a TOML text would nest deeper than max_depth, counting the
// root table as depth 1 (as the converter below does). It is a rough lexer
// (strings, comments, keys, brackets) that errs towards a larger depth; on
// text it does not understand it keeps going, because toml++ will reject
// that text itself before building anything past it.
class TomlDepthScan {
 public:
  TomlDepthScan(std::string_view text, uint64_t max_depth) : text_(text), max_depth_(max_depth) {}

  // The offset of the key or bracket that goes too deep, if any.
  std::optional<size_t> Run();

 private:
  struct Open {
    char bracket;    // '[' or '{'
    uint64_t depth;  // of the array or inline table it opens
  };

  size_t SkipString(size_t i) const;
  // Counts the '.'-separated parts of a key from i up to `stop`; returns the
  // count and the offset of `stop`, or of the line end if `stop` is missing.
  std::pair<uint64_t, size_t> KeyParts(size_t i, char stop) const;
  size_t LineEnd(size_t i) const {
    const size_t end = text_.find('\n', i);
    return end == std::string_view::npos ? text_.size() : end;
  }

  std::string_view text_;
  uint64_t max_depth_;
};

std::optional<size_t> TomlDepthScan::Run() {
  std::vector<Open> open;
  uint64_t table_depth = 1;  // of the table the last [header] opened
  uint64_t value_depth = 1;  // what a container value starting now would get
  bool line_start = true;
  bool expect_key = true;
  size_t i = 0;
  while (i < text_.size()) {
    const char c = text_[i];
    if (c == '\n') {
      ++i;
      line_start = true;
      if (open.empty()) expect_key = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '#') {
      i = LineEnd(i);
      continue;
    }
    const bool at_line_start = line_start;
    line_start = false;
    if (open.empty() && at_line_start && c == '[') {
      const bool array_of_tables = i + 1 < text_.size() && text_[i + 1] == '[';
      const uint64_t parts = KeyParts(i + (array_of_tables ? 2 : 1), ']').first;
      table_depth = 1 + parts + (array_of_tables ? 1 : 0);
      if (table_depth > max_depth_) return i;
      i = LineEnd(i);
      continue;
    }
    const uint64_t base = open.empty() ? table_depth : open.back().depth;
    if (expect_key && (open.empty() || open.back().bracket == '{')) {
      if (c == '}' && !open.empty()) {  // an empty inline table, or a trailing comma
        open.pop_back();
        expect_key = false;
        ++i;
        continue;
      }
      // "a.b.c = v" adds tables a and b; v itself is one level deeper still,
      // which matters only if it turns out to be an array or inline table.
      const auto [parts, stop] = KeyParts(i, '=');
      if (base + parts - 1 > max_depth_) return i;
      value_depth = base + parts;
      expect_key = false;
      i = stop < text_.size() && text_[stop] == '=' ? stop + 1 : stop;
      continue;
    }
    if (c == '"' || c == '\'') {
      i = SkipString(i);
    } else if (c == '[' || c == '{') {
      const uint64_t depth = !open.empty() && open.back().bracket == '[' ? base + 1 : value_depth;
      if (depth > max_depth_) return i;
      open.push_back({c, depth});
      expect_key = c == '{';
      ++i;
    } else if (c == ']' || c == '}') {
      if (!open.empty()) open.pop_back();
      ++i;
    } else if (c == ',') {
      if (!open.empty() && open.back().bracket == '{') expect_key = true;
      ++i;
    } else {
      ++i;
    }
  }
  return std::nullopt;
}

size_t TomlDepthScan::SkipString(size_t i) const {
  const char quote = text_[i];
  const bool basic = quote == '"';
  const std::string_view triple = basic ? std::string_view("\"\"\"") : std::string_view("'''");
  if (text_.substr(i, 3) == triple) {
    for (size_t k = i + 3; k < text_.size(); ++k) {
      if (basic && text_[k] == '\\') {
        ++k;
      } else if (text_.substr(k, 3) == triple) {
        k += 3;
        // Up to two more quotes belong to the content: """a""""" is 'a""'.
        for (int extra = 0; extra < 2 && k < text_.size() && text_[k] == quote; ++extra) ++k;
        return k;
      }
    }
    return text_.size();
  }
  for (size_t k = i + 1; k < text_.size(); ++k) {
    if (basic && text_[k] == '\\') {
      ++k;
    } else if (text_[k] == quote) {
      return k + 1;
    } else if (text_[k] == '\n') {
      return k;  // unterminated; toml++ will say so
    }
  }
  return text_.size();
}

std::pair<uint64_t, size_t> TomlDepthScan::KeyParts(size_t i, char stop) const {
  uint64_t parts = 1;
  while (i < text_.size()) {
    const char c = text_[i];
    if (c == stop || c == '\n' || c == '#') break;
    if (c == '"' || c == '\'') {
      i = SkipString(i);
      continue;
    }
    if (c == '.') ++parts;
    ++i;
  }
  return {parts, i};
}

class TomlConverter {
 public:
  TomlConverter(const LineIndex& lines, const Limits& limits) : lines_(lines), limits_(limits) {}

  bool Convert(const tomlpp::node& in, uint64_t depth, Node* out);
  const mcpguard::Error& error() const { return error_; }

 private:
  bool ConvertTable(const tomlpp::table& table, uint64_t depth, Node* out);
  bool ConvertArray(const tomlpp::array& array, uint64_t depth, Node* out);
  Pos PosOf(const tomlpp::source_region& region) const {
    return lines_.PosOfCodePointColumn(region.begin.line, region.begin.column);
  }
  bool Error(std::string message, Pos pos) {
    error_ = ParseError(std::move(message), pos);
    return false;
  }
  template <class T>
  static std::string Text(const T& value) {
    std::ostringstream out;
    out << value;
    return out.str();
  }

  const LineIndex& lines_;
  Limits limits_;
  uint64_t values_ = 0;
  mcpguard::Error error_;
};

bool TomlConverter::Convert(const tomlpp::node& in, uint64_t depth, Node* out) {
  out->pos = PosOf(in.source());
  if (++values_ > limits_.max_nodes) return Error(TooManyValuesMessage(limits_.max_nodes), out->pos);
  if (const auto* table = in.as_table()) return ConvertTable(*table, depth, out);
  if (const auto* array = in.as_array()) return ConvertArray(*array, depth, out);
  if (const auto* string = in.as_string()) {
    out->kind = Kind::kString;
    out->str = string->get();
  } else if (const auto* integer = in.as_integer()) {
    out->kind = Kind::kInt;
    out->integer = integer->get();
  } else if (const auto* number = in.as_floating_point()) {
    out->kind = Kind::kFloat;
    out->number = number->get();
  } else if (const auto* boolean = in.as_boolean()) {
    out->kind = Kind::kBool;
    out->boolean = boolean->get();
  } else if (const auto* date = in.as_date()) {
    out->kind = Kind::kString;  // the tree has no date kind; keep the TOML text form
    out->str = Text(date->get());
  } else if (const auto* time = in.as_time()) {
    out->kind = Kind::kString;
    out->str = Text(time->get());
  } else if (const auto* date_time = in.as_date_time()) {
    out->kind = Kind::kString;
    out->str = Text(date_time->get());
  }
  return true;
}

bool TomlConverter::ConvertTable(const tomlpp::table& table, uint64_t depth, Node* out) {
  if (depth > limits_.max_depth) return Error(DepthMessage(limits_.max_depth), out->pos);
  out->kind = Kind::kObject;
  out->members.reserve(table.size());
  for (auto&& [key, value] : table) {
    Member& member = out->members.emplace_back();
    member.key = std::string(key.str());
    member.key_pos = PosOf(key.source());
    if (!Convert(value, depth + 1, &member.value)) return false;
  }
  // toml++ keeps tables sorted by key; the tree promises file order.
  std::stable_sort(out->members.begin(), out->members.end(), [](const Member& a, const Member& b) {
    return a.key_pos.line != b.key_pos.line ? a.key_pos.line < b.key_pos.line : a.key_pos.col < b.key_pos.col;
  });
  return true;
}

bool TomlConverter::ConvertArray(const tomlpp::array& array, uint64_t depth, Node* out) {
  if (depth > limits_.max_depth) return Error(DepthMessage(limits_.max_depth), out->pos);
  out->kind = Kind::kArray;
  out->items.reserve(array.size());
  for (const tomlpp::node& element : array) {
    if (!Convert(element, depth + 1, &out->items.emplace_back())) return false;
  }
  return true;
}

}  // namespace

Result<Document> ParseToml(std::string_view text, const Limits& limits) {
  const LineIndex lines(text);
  if (const auto too_deep = TomlDepthScan(text, limits.max_depth).Run()) {
    return ParseFailure(DepthMessage(limits.max_depth), lines.PosOfOffset(*too_deep));
  }
  tomlpp::table table;
  try {
    table = tomlpp::parse(text);
  } catch (const tomlpp::parse_error& e) {
    const tomlpp::source_position& begin = e.source().begin;
    std::string message = HouseStyle(e.description());
    // toml++'s own cap on nested arrays and inline tables, in our words.
    if (message.find("TOML_MAX_NESTED_VALUES") != std::string::npos)
      message = DepthMessage(TOML_MAX_NESTED_VALUES);
    return ParseFailure(std::move(message), lines.PosOfCodePointColumn(begin.line, begin.column));
  }
  Document document;
  TomlConverter converter(lines, limits);
  if (!converter.Convert(table, 1, &document.root)) return tl::make_unexpected(converter.error());
  // The root table's own source is its first key, not the top of the file.
  document.root.pos = Pos{1, 1};
  return document;
}

}  // namespace mcpguard::formats::internal

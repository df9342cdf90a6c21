// JSON and JSONC, by hand: no JSON library reports where each value is.
//
// The parser is iterative (an explicit stack of open arrays and objects), so
// hostile nesting costs heap, not call stack, and stops at Limits::max_depth.
// JSONC's extras (comments, trailing commas) are accepted in both dialects;
// for strict JSON each one is also reported, because hosts such as Claude
// Desktop read their file with JSON.parse and reject the whole file.

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "formats/parse_internal.h"

namespace mcpguard::formats::internal {
namespace {

constexpr std::string_view kTrailingCommaWarning =
    "trailing comma (strict JSON readers such as Claude Desktop reject this file)";
constexpr std::string_view kCommentWarning = "comment (not allowed in strict JSON)";

// Bytes that can be copied into a string as they are: printable ASCII other
// than the quote and the backslash. Everything else takes the slow path.
constexpr std::array<bool, 256> MakePlainStringBytes() {
  std::array<bool, 256> plain{};
  for (int byte = 0x20; byte < 0x80; ++byte) plain[static_cast<size_t>(byte)] = true;
  plain['"'] = false;
  plain['\\'] = false;
  return plain;
}
constexpr std::array<bool, 256> kPlainStringByte = MakePlainStringBytes();

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_' || c == '$';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(uint32_t code_point, std::string* out) {
  const auto byte = [](uint32_t value) { return static_cast<char>(value); };
  if (code_point < 0x80) {
    *out += byte(code_point);
  } else if (code_point < 0x800) {
    *out += byte(0xC0 | (code_point >> 6));
    *out += byte(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    *out += byte(0xE0 | (code_point >> 12));
    *out += byte(0x80 | ((code_point >> 6) & 0x3F));
    *out += byte(0x80 | (code_point & 0x3F));
  } else {
    *out += byte(0xF0 | (code_point >> 18));
    *out += byte(0x80 | ((code_point >> 12) & 0x3F));
    *out += byte(0x80 | ((code_point >> 6) & 0x3F));
    *out += byte(0x80 | (code_point & 0x3F));
  }
}

class JsonParser {
 public:
  JsonParser(std::string_view text, bool strict, const Limits& limits)
      : text_(text), strict_(strict), limits_(limits) {}

  Result<Document> Run();

 private:
  // An array or object that is still open, and for an object the key whose
  // value is being parsed.
  struct Frame {
    Node node;
    std::string key;
    Pos key_pos;
  };

  bool AtEnd() const { return i_ >= text_.size(); }
  char Peek() const { return text_[i_]; }
  Pos Here() const { return Pos{line_, static_cast<uint32_t>(i_ - line_start_ + 1)}; }

  // Each returns false after recording the error in error_.
  bool ParseValues(Node* root);
  bool SkipSpace();
  bool SkipBlockComment();
  bool OpenContainer(std::vector<Frame>* stack);
  bool ParseKey(Frame* frame);
  bool ParseScalar(Node* out);
  bool ParseString(std::string* out);
  bool ParseEscape(Pos string_start, std::string* out);
  bool ParseUnicodeEscape(std::string* out);
  bool ParseHex4(size_t at, uint32_t* value) const;
  bool ParseNumber(Node* out);
  bool ParseWord(Node* out);
  bool CountValue(Pos pos);
  bool AtEndOfFile(const std::vector<Frame>& stack);

  Node Close(std::vector<Frame>* stack);
  void Warn(Pos pos, std::string_view message) { warnings_.push_back({pos, std::string(message)}); }
  bool Error(std::string message, Pos pos) {
    error_ = ParseError(std::move(message), pos);
    return false;
  }

  std::string_view text_;
  bool strict_;
  Limits limits_;
  size_t i_ = 0;
  size_t line_start_ = 0;  // offset of the first byte of the current line
  uint32_t line_ = 1;
  uint64_t values_ = 0;
  std::vector<Warning> warnings_;
  std::optional<mcpguard::Error> error_;
};

Result<Document> JsonParser::Run() {
  Document document;
  if (!SkipSpace()) return tl::make_unexpected(*error_);
  if (AtEnd()) return ParseFailure("empty document", {1, 1});
  if (!ParseValues(&document.root)) return tl::make_unexpected(*error_);
  if (!SkipSpace()) return tl::make_unexpected(*error_);
  if (!AtEnd()) return ParseFailure("unexpected content after the top-level value", Here());
  SortWarnings(&warnings_);
  document.warnings = std::move(warnings_);
  return document;
}

// The whole value grammar as a loop over two states: "a value starts here"
// (top of the outer loop) and "a value just ended" (the inner loop, which
// attaches it to the open container and reads the ',' or closing bracket).
bool JsonParser::ParseValues(Node* root) {
  std::vector<Frame> stack;
  for (;;) {
    if (AtEnd()) return AtEndOfFile(stack);
    Node value;
    if (Peek() == '[' || Peek() == '{') {
      if (!OpenContainer(&stack)) return false;
      Frame& opened = stack.back();
      const char closer = opened.node.IsArray() ? ']' : '}';
      if (AtEnd()) return AtEndOfFile(stack);
      if (Peek() != closer) {
        if (opened.node.IsObject() && !ParseKey(&opened)) return false;
        continue;  // the first element or member value starts here
      }
      ++i_;
      value = Close(&stack);
    } else if (!ParseScalar(&value)) {
      return false;
    }

    for (;;) {
      if (stack.empty()) {
        *root = std::move(value);
        return true;
      }
      Frame& top = stack.back();
      if (top.node.IsArray()) {
        top.node.items.push_back(std::move(value));
      } else {
        top.node.members.push_back(Member{std::move(top.key), top.key_pos, std::move(value)});
      }
      const char closer = top.node.IsArray() ? ']' : '}';
      if (!SkipSpace()) return false;
      if (AtEnd()) return AtEndOfFile(stack);
      if (Peek() == closer) {
        ++i_;
        value = Close(&stack);
        continue;
      }
      if (Peek() != ',') {
        return Error(top.node.IsArray() ? "expected ',' or ']' after array element"
                                        : "expected ',' or '}' after object member",
                     Here());
      }
      const Pos comma = Here();
      ++i_;
      if (!SkipSpace()) return false;
      if (AtEnd()) return AtEndOfFile(stack);
      if (Peek() == closer) {
        if (strict_) Warn(comma, kTrailingCommaWarning);
        ++i_;
        value = Close(&stack);
        continue;
      }
      if (top.node.IsObject() && !ParseKey(&top)) return false;
      break;  // the next element or member value starts here
    }
  }
}

bool JsonParser::OpenContainer(std::vector<Frame>* stack) {
  const Pos pos = Here();
  // Checked before pushing, so even a file of a million '[' never holds more
  // than max_depth frames (and the finished tree, whose destructor recurses,
  // is never deeper than that either).
  if (stack->size() >= limits_.max_depth) return Error(DepthMessage(limits_.max_depth), pos);
  if (!CountValue(pos)) return false;
  Frame& frame = stack->emplace_back();
  frame.node.kind = Peek() == '[' ? Kind::kArray : Kind::kObject;
  frame.node.pos = pos;
  ++i_;
  return SkipSpace();
}

Node JsonParser::Close(std::vector<Frame>* stack) {
  Node node = std::move(stack->back().node);
  stack->pop_back();
  if (node.IsObject()) WarnDuplicateKeys(node, &warnings_);
  return node;
}

bool JsonParser::AtEndOfFile(const std::vector<Frame>& stack) {
  if (stack.empty()) return Error("unexpected end of file", Here());
  const Node& open = stack.back().node;
  return Error("unexpected end of file (the '" + std::string(open.IsArray() ? "[" : "{") + "' at line " +
                   std::to_string(open.pos.line) + ", column " + std::to_string(open.pos.col) +
                   " is not closed)",
               Here());
}

bool JsonParser::CountValue(Pos pos) {
  if (++values_ > limits_.max_nodes) return Error(TooManyValuesMessage(limits_.max_nodes), pos);
  return true;
}

// Whitespace and comments. Line numbers advance on '\n' only ("\r\n" is one
// line break; a lone '\r' is treated as plain space).
bool JsonParser::SkipSpace() {
  while (!AtEnd()) {
    const char c = Peek();
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i_;
    } else if (c == '\n') {
      ++i_;
      ++line_;
      line_start_ = i_;
    } else if (c == '/' && i_ + 1 < text_.size() && text_[i_ + 1] == '/') {
      if (strict_) Warn(Here(), kCommentWarning);
      const size_t newline = text_.find('\n', i_);
      i_ = newline == std::string_view::npos ? text_.size() : newline;
    } else if (c == '/' && i_ + 1 < text_.size() && text_[i_ + 1] == '*') {
      if (!SkipBlockComment()) return false;
    } else {
      return true;
    }
  }
  return true;
}

bool JsonParser::SkipBlockComment() {
  const Pos start = Here();
  if (strict_) Warn(start, kCommentWarning);
  const size_t end = text_.find("*/", i_ + 2);
  if (end == std::string_view::npos) return Error("unterminated comment", start);
  for (size_t k = text_.find('\n', i_); k < end; k = text_.find('\n', k + 1)) {
    ++line_;
    line_start_ = k + 1;
  }
  i_ = end + 2;
  return true;
}

// A member's key and its ':'; on success i_ is at the member's value.
bool JsonParser::ParseKey(Frame* frame) {
  if (Peek() != '"') {
    if (Peek() == '\'') return Error("object keys need double quotes, not single quotes", Here());
    return Error("expected object key in double quotes", Here());
  }
  frame->key_pos = Here();
  if (!ParseString(&frame->key)) return false;
  if (!SkipSpace()) return false;
  if (AtEnd() || Peek() != ':') return Error("expected ':' after object key", Here());
  ++i_;
  return SkipSpace();
}

bool JsonParser::ParseScalar(Node* out) {
  out->pos = Here();
  if (!CountValue(out->pos)) return false;
  const char c = Peek();
  if (c == '"') {
    out->kind = Kind::kString;
    return ParseString(&out->str);
  }
  if (c == '-' || IsDigit(c)) return ParseNumber(out);
  if (IsWordChar(c)) return ParseWord(out);
  if (c == '\'') return Error("strings need double quotes, not single quotes", Here());
  if (c == '+') return Error("numbers cannot start with '+'", Here());
  if (c == '/') return Error("unexpected character '/' (a comment starts with // or /*)", Here());
  return Error("unexpected " + DescribeCharAt(text_, i_), Here());
}

bool JsonParser::ParseWord(Node* out) {
  const size_t start = i_;
  while (!AtEnd() && IsWordChar(Peek())) ++i_;
  const std::string_view word = text_.substr(start, i_ - start);
  if (word == "true" || word == "false") {
    out->kind = Kind::kBool;
    out->boolean = word == "true";
    return true;
  }
  if (word == "null") {
    out->kind = Kind::kNull;
    return true;
  }
  // Only the usual mistakes are echoed: an unquoted value in a config is as
  // likely to be an API key as anything, and diagnostics are printed.
  for (std::string_view known : {"NaN", "Infinity", "True", "False", "None", "NULL", "Null", "undefined", "nil"}) {
    if (word == known) return Error("invalid value '" + std::string(word) + "'", out->pos);
  }
  return Error("invalid value (a string must be in double quotes)", out->pos);
}

bool JsonParser::ParseNumber(Node* out) {
  const size_t start = i_;
  if (Peek() == '-') ++i_;
  if (AtEnd() || !IsDigit(Peek())) return Error("expected a digit after '-'", Here());
  if (Peek() == '0') {
    ++i_;
    if (!AtEnd() && IsDigit(Peek())) return Error("numbers cannot have leading zeros", out->pos);
  } else {
    while (!AtEnd() && IsDigit(Peek())) ++i_;
  }
  bool integral = true;
  bool negative_exponent = false;
  if (!AtEnd() && Peek() == '.') {
    integral = false;
    ++i_;
    if (AtEnd() || !IsDigit(Peek())) return Error("expected a digit after '.'", Here());
    while (!AtEnd() && IsDigit(Peek())) ++i_;
  }
  if (!AtEnd() && (Peek() == 'e' || Peek() == 'E')) {
    integral = false;
    ++i_;
    if (!AtEnd() && (Peek() == '+' || Peek() == '-')) {
      negative_exponent = Peek() == '-';
      ++i_;
    }
    if (AtEnd() || !IsDigit(Peek())) return Error("expected a digit in the exponent", Here());
    while (!AtEnd() && IsDigit(Peek())) ++i_;
  }
  const char* first = text_.data() + start;
  const char* last = text_.data() + i_;
  if (integral) {
    int64_t integer = 0;
    if (std::from_chars(first, last, integer).ec == std::errc()) {
      out->kind = Kind::kInt;
      out->integer = integer;
      return true;
    }
    // Too big for int64: keep it as a float, as JavaScript would.
  }
  out->kind = Kind::kFloat;
  if (std::from_chars(first, last, out->number).ec == std::errc::result_out_of_range) {
    // from_chars leaves the value alone on overflow and underflow; JSON.parse
    // gives +-Infinity and 0, so do the same.
    const double magnitude = negative_exponent ? 0.0 : std::numeric_limits<double>::infinity();
    out->number = *first == '-' ? -magnitude : magnitude;
  }
  return true;
}

bool JsonParser::ParseString(std::string* out) {
  const Pos start = Here();
  ++i_;  // the opening quote
  out->clear();
  for (;;) {
    const size_t run = i_;
    while (!AtEnd() && kPlainStringByte[static_cast<unsigned char>(Peek())]) ++i_;
    out->append(text_.data() + run, i_ - run);
    if (AtEnd()) return Error("unterminated string", start);
    const auto byte = static_cast<unsigned char>(Peek());
    if (byte == '"') {
      ++i_;
      return true;
    }
    if (byte == '\\') {
      if (!ParseEscape(start, out)) return false;
    } else if (byte >= 0x80) {
      const size_t length = Utf8SequenceLength(text_, i_);
      if (length == 0) return Error("invalid UTF-8 in string", Here());
      out->append(text_.data() + i_, length);
      i_ += length;
    } else if (byte == '\n' || byte == '\r') {
      // Most likely a missing closing quote; the opening one is the place to look.
      return Error("unterminated string", start);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      return Error(std::string("control character U+00") + kHex[byte >> 4] + kHex[byte & 0xF] +
                       " in string (write it as an escape)",
                   Here());
    }
  }
}

bool JsonParser::ParseEscape(Pos string_start, std::string* out) {
  const Pos backslash = Here();
  ++i_;
  if (AtEnd()) return Error("unterminated string", string_start);
  const char c = Peek();
  char decoded = 0;
  switch (c) {
    case '"':
    case '\\':
    case '/':
      decoded = c;
      break;
    case 'b':
      decoded = '\b';
      break;
    case 'f':
      decoded = '\f';
      break;
    case 'n':
      decoded = '\n';
      break;
    case 'r':
      decoded = '\r';
      break;
    case 't':
      decoded = '\t';
      break;
    case 'u':
      --i_;  // back to the backslash: ParseUnicodeEscape reads "\uXXXX" whole
      return ParseUnicodeEscape(out);
    default:
      return Error("invalid escape '\\" +
                       std::string(text_.substr(i_, std::max<size_t>(1, Utf8SequenceLength(text_, i_)))) +
                       "' in string",
                   backslash);
  }
  ++i_;
  *out += decoded;
  return true;
}

bool JsonParser::ParseHex4(size_t at, uint32_t* value) const {
  if (text_.size() - at < 4) return false;
  *value = 0;
  for (size_t k = at; k < at + 4; ++k) {
    const int digit = HexValue(text_[k]);
    if (digit < 0) return false;
    *value = *value * 16 + static_cast<uint32_t>(digit);
  }
  return true;
}

// i_ is at the backslash of "\uXXXX". A UTF-16 surrogate pair arrives as two
// escapes and becomes one code point; half a pair cannot be stored as UTF-8.
bool JsonParser::ParseUnicodeEscape(std::string* out) {
  const Pos backslash = Here();
  uint32_t unit = 0;
  if (!ParseHex4(i_ + 2, &unit)) return Error("invalid \\u escape (expected 4 hex digits)", backslash);
  i_ += 6;
  const auto lone = [&] {
    return Error("unpaired UTF-16 surrogate '" + std::string(text_.substr(i_ - 6, 6)) + "' in string",
                 backslash);
  };
  if (unit >= 0xDC00 && unit <= 0xDFFF) return lone();
  if (unit >= 0xD800 && unit <= 0xDBFF) {
    uint32_t low = 0;
    if (text_.substr(i_, 2) != "\\u" || !ParseHex4(i_ + 2, &low) || low < 0xDC00 || low > 0xDFFF)
      return lone();
    i_ += 6;
    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
  }
  AppendUtf8(unit, out);
  return true;
}

}  // namespace

Result<Document> ParseJson(std::string_view text, bool strict, const Limits& limits) {
  return JsonParser(text, strict, limits).Run();
}

}  // namespace mcpguard::formats::internal

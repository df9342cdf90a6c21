#include "formats/parse.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <optional>

#include "formats/parse_internal.h"

namespace mcpguard::formats {
namespace internal {

Error ParseError(std::string message, Pos pos) {
  return Error{Errc::kParse, std::move(message), {}, static_cast<int>(pos.line), static_cast<int>(pos.col)};
}

tl::unexpected<Error> ParseFailure(std::string message, Pos pos) {
  return tl::make_unexpected(ParseError(std::move(message), pos));
}

std::string DepthMessage(uint64_t max_depth) {
  return "nesting deeper than " + std::to_string(max_depth) + " levels";
}

std::string TooManyValuesMessage(uint64_t max_nodes) {
  return "document has more than " + std::to_string(max_nodes) + " values";
}

namespace {

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

}  // namespace

size_t Utf8SequenceLength(std::string_view text, size_t i) {
  const auto at = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = at(i);
  size_t length = 0;
  // The second byte's range is narrower after some lead bytes: that is what
  // rules out overlong forms, UTF-16 surrogates and values above U+10FFFF.
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;
    if (lead == 0xED) second_max = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;
    if (lead == 0xF4) second_max = 0x8F;
  } else {
    return 0;
  }
  if (text.size() - i < length) return 0;
  if (at(i + 1) < second_min || at(i + 1) > second_max) return 0;
  for (size_t k = 2; k < length; ++k) {
    if (!IsContinuation(at(i + k))) return 0;
  }
  return length;
}

size_t FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::string DescribeCharAt(std::string_view text, size_t i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte >= 0x20 && byte < 0x7F) return std::string("character '") + text[i] + "'";
  if (byte >= 0x80) {
    const size_t length = Utf8SequenceLength(text, i);
    if (length > 0) return "character '" + std::string(text.substr(i, length)) + "'";
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string described = "byte 0x";
  described += kHex[byte >> 4];
  described += kHex[byte & 0xF];
  return described;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
    starts_.push_back(i + 1);
  }
}

Pos LineIndex::PosOfOffset(size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto next = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const size_t line = static_cast<size_t>(next - starts_.begin());  // >= 1: starts_[0] == 0
  return Pos{static_cast<uint32_t>(line), static_cast<uint32_t>(offset - starts_[line - 1] + 1)};
}

Pos LineIndex::PosOfCodePointColumn(uint32_t line, uint32_t col) const {
  if (line == 0 || line > starts_.size()) return Pos{line, col};
  size_t offset = starts_[line - 1];
  for (uint32_t k = 1; k < col && offset < text_.size() && text_[offset] != '\n'; ++k) {
    ++offset;  // the lead byte, then the rest of the code point
    while (offset < text_.size() && IsContinuation(static_cast<unsigned char>(text_[offset]))) ++offset;
  }
  return Pos{line, static_cast<uint32_t>(offset - starts_[line - 1] + 1)};
}

void WarnDuplicateKeys(const Node& object, std::vector<Warning>* warnings) {
  const std::vector<Member>& members = object.members;
  const auto warn = [&](const Member& member) {
    warnings->push_back({member.key_pos, "duplicate key \"" + member.key + "\" (the last one wins)"});
  };
  constexpr size_t kLinearScanLimit = 16;
  if (members.size() <= kLinearScanLimit) {
    for (size_t j = 1; j < members.size(); ++j) {
      for (size_t k = 0; k < j; ++k) {
        if (members[k].key == members[j].key) {
          warn(members[j]);
          break;
        }
      }
    }
    return;
  }
  // Large objects: sort indices by key so repeats sit next to each other,
  // keeping file order among equal keys; every one after the first warns.
  std::vector<uint32_t> order(members.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = static_cast<uint32_t>(k);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return members[a].key < members[b].key; });
  for (size_t k = 1; k < order.size(); ++k) {
    if (members[order[k]].key == members[order[k - 1]].key) warn(members[order[k]]);
  }
}

void SortWarnings(std::vector<Warning>* warnings) {
  std::stable_sort(warnings->begin(), warnings->end(), [](const Warning& a, const Warning& b) {
    return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.col < b.pos.col;
  });
}

std::string HouseStyle(std::string_view message) {
  std::string styled(message);
  while (!styled.empty() && (styled.back() == '.' || styled.back() == ' ' || styled.back() == '\n')) {
    styled.pop_back();
  }
  // Only a capitalized word, not an acronym such as "UTF-8".
  if (styled.size() >= 2 && styled[0] >= 'A' && styled[0] <= 'Z' && !(styled[1] >= 'A' && styled[1] <= 'Z')) {
    styled[0] = static_cast<char>(styled[0] - 'A' + 'a');
  }
  return styled;
}

}  // namespace internal

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Text in another Unicode encoding would otherwise fail with a confusing
// message about its first byte; say what it is instead.
std::optional<Error> CheckUnicodeBom(std::string_view text) {
  using namespace std::string_view_literals;
  if (StartsWith(text, "\xFF\xFE\0\0"sv) || StartsWith(text, "\0\0\xFE\xFF"sv)) {
    return internal::ParseError("UTF-32 text is not supported", {1, 1});
  }
  if (StartsWith(text, "\xFF\xFE"sv) || StartsWith(text, "\xFE\xFF"sv)) {
    return internal::ParseError("UTF-16 text is not supported", {1, 1});
  }
  return std::nullopt;
}

// A NUL byte never belongs in a config file, and every reader below would
// treat it differently; `text` has had its BOM removed already.
std::optional<Error> CheckNul(std::string_view text) {
  const void* nul = std::memchr(text.data(), 0, text.size());
  if (nul == nullptr) return std::nullopt;
  // ASCII stored as UTF-16 without a BOM puts a NUL next to every character.
  const auto zero = [&](size_t i) { return text[i] == '\0'; };
  const bool utf16le = text.size() >= 4 && !zero(0) && zero(1) && !zero(2) && zero(3);
  const bool utf16be = text.size() >= 4 && zero(0) && !zero(1) && zero(2) && !zero(3);
  if (utf16le || utf16be) {
    return internal::ParseError("UTF-16 text is not supported", {1, 1});
  }
  const auto offset = static_cast<size_t>(static_cast<const char*>(nul) - text.data());
  return internal::ParseError("binary content: NUL byte", internal::LineIndex(text).PosOfOffset(offset));
}

Result<Document> Dispatch(std::string_view text, Format format, const Limits& limits) {
  switch (format) {
    case Format::kJson:
      return internal::ParseJson(text, /*strict=*/true, limits);
    case Format::kJsonc:
      return internal::ParseJson(text, /*strict=*/false, limits);
    case Format::kToml:
      return internal::ParseToml(text, limits);
    case Format::kYaml:
      return internal::ParseYaml(text, limits);
  }
  return Fail(Errc::kInvalidArgument, "unknown format");
}

}  // namespace

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kJson:
      return "json";
    case Format::kJsonc:
      return "jsonc";
    case Format::kToml:
      return "toml";
    case Format::kYaml:
      return "yaml";
  }
  return "unknown";
}

Result<Format> ParseFormatName(std::string_view name) {
  if (name == "json") return Format::kJson;
  if (name == "jsonc") return Format::kJsonc;
  if (name == "toml") return Format::kToml;
  if (name == "yaml" || name == "yml") return Format::kYaml;
  return Fail(Errc::kInvalidArgument,
              "unknown format \"" + std::string(name) + "\" (expected json, jsonc, toml or yaml)");
}

Result<Document> Parse(std::string_view text, Format format, const Limits& limits) {
  if (auto error = CheckUnicodeBom(text)) return tl::make_unexpected(*std::move(error));
  if (StartsWith(text, kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  if (auto error = CheckNul(text)) return tl::make_unexpected(*std::move(error));
  // The readers report problems as values; this is the backstop that keeps
  // anything a library still throws (out of memory, mostly) from escaping.
  try {
    return Dispatch(text, format, limits);
  } catch (const std::bad_alloc&) {
    return Fail(Errc::kTooLarge, "out of memory while parsing");
  } catch (const std::exception& e) {
    return Fail(Errc::kParse, internal::HouseStyle(e.what()));
  } catch (...) {
    return Fail(Errc::kParse, "unexpected failure while parsing");
  }
}

}  // namespace mcpguard::formats

// YAML through yaml-cpp's event parser, built straight into a formats::Node
// tree.
//
// Events rather than YAML::Load, because the handler sees every collection
// start before yaml-cpp recurses into it and every alias before it is
// expanded. That is where the limits are enforced:
//  * nesting: a start event deeper than the limit aborts the parse, so
//    yaml-cpp's recursion (a few frames per level) never goes further; a
//    200,000-deep "[[[[" stops within the first few hundred bytes. The limit
//    is max_depth, but at most kYamlCppMaxDepth: yaml-cpp 0.7 gives up by
//    itself at its 500th nested node, with a useless position, and a check
//    of our own one level earlier reports the right place instead.
//  * aliases: an alias costs the size of the anchored value, checked before
//    the copy, so a "billion laughs" document fails on the alias that would
//    cross max_nodes, after building at most max_nodes values.
// yaml-cpp reports no scalar types, so plain scalars are resolved here with
// the YAML 1.2 core schema; quoted and block scalars stay strings.

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <istream>
#include <limits>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "formats/parse_internal.h"

namespace mcpguard::formats::internal {
namespace {

// Collections yaml-cpp can nest with a scalar inside the innermost one
// (its parser throws DeepRecursion when it reaches 500 nested nodes).
constexpr uint64_t kYamlCppMaxDepth = 498;

constexpr std::string_view kNullTag = "tag:yaml.org,2002:null";
constexpr std::string_view kBoolTag = "tag:yaml.org,2002:bool";
constexpr std::string_view kIntTag = "tag:yaml.org,2002:int";
constexpr std::string_view kFloatTag = "tag:yaml.org,2002:float";

// Thrown by the handlers through yaml-cpp's frames to stop the parse.
struct Abort {
  mcpguard::Error error;
};

// Lets yaml-cpp read the caller's text without copying it into a string.
class ViewStreambuf : public std::streambuf {
 public:
  explicit ViewStreambuf(std::string_view text) {
    // The get area is only ever read; streambuf just has no const interface.
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

bool AllDigits(std::string_view text, int base) {
  if (text.empty()) return false;
  for (const char c : text) {
    const bool digit = base == 8 ? (c >= '0' && c <= '7')
                       : base == 10
                           ? (c >= '0' && c <= '9')
                           : ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    if (!digit) return false;
  }
  return true;
}

// [-+]? ( . digits | digits ( . digits? )? ) ( [eE] [-+]? digits )?
bool IsCoreFloat(std::string_view text) {
  size_t i = 0;
  const auto digits = [&] {
    const size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i > start;
  };
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!digits()) return false;
  } else {
    if (!digits()) return false;
    if (i < text.size() && text[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    if (!digits()) return false;
  }
  return i == text.size();
}

bool ResolveNull(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

std::optional<bool> ResolveBool(std::string_view text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

// Integers as in the core schema: decimal with an optional sign, 0o octal,
// 0x hex. A decimal too big for int64 becomes a float, as in JSON.
bool ResolveInt(std::string_view text, Node* out) {
  int base = 10;
  std::string_view digits = text;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'x')) {
    base = text[1] == 'o' ? 8 : 16;
    digits.remove_prefix(2);
  } else if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    digits.remove_prefix(1);
  }
  if (!AllDigits(digits, base)) return false;
  // from_chars takes a '-' but not a '+'.
  std::string_view parsed = base == 10 && text[0] == '+' ? text.substr(1) : text;
  if (base != 10) parsed = digits;
  int64_t value = 0;
  const auto result = std::from_chars(parsed.data(), parsed.data() + parsed.size(), value, base);
  if (result.ec == std::errc()) {
    out->kind = Kind::kInt;
    out->integer = value;
    return true;
  }
  if (base != 10) return false;  // an oversized hex or octal number stays a string
  out->kind = Kind::kFloat;
  std::from_chars(parsed.data(), parsed.data() + parsed.size(), out->number);
  return true;
}

bool ResolveFloat(std::string_view text, Node* out) {
  const bool negative = !text.empty() && text[0] == '-';
  std::string_view unsigned_text = text;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) unsigned_text.remove_prefix(1);
  if (unsigned_text == ".inf" || unsigned_text == ".Inf" || unsigned_text == ".INF") {
    out->kind = Kind::kFloat;
    out->number =
        negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return true;
  }
  if (text == ".nan" || text == ".NaN" || text == ".NAN") {
    out->kind = Kind::kFloat;
    out->number = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (!IsCoreFloat(text)) return false;
  double value = 0;
  const auto result =
      std::from_chars(unsigned_text.data(), unsigned_text.data() + unsigned_text.size(), value);
  if (result.ec == std::errc::result_out_of_range) {
    const bool tiny = unsigned_text.find("e-") != std::string_view::npos ||
                      unsigned_text.find("E-") != std::string_view::npos;
    value = tiny ? 0.0 : std::numeric_limits<double>::infinity();
  }
  out->kind = Kind::kFloat;
  out->number = negative ? -value : value;
  return true;
}

// The scalar's value per its tag: "?" is a plain scalar (resolved by the
// core schema), "!" a quoted or block one. Those and "!!str" or any custom
// tag ("!env", "!Ref") give a string; "!!int" and the like force a type.
Node ResolveScalar(std::string_view tag, const std::string& text) {
  Node node;
  node.kind = Kind::kString;
  const bool plain = tag == "?";
  if (plain || tag == kNullTag) {
    if (ResolveNull(text)) {
      node.kind = Kind::kNull;
      return node;
    }
  }
  if (plain || tag == kBoolTag) {
    if (const auto boolean = ResolveBool(text)) {
      node.kind = Kind::kBool;
      node.boolean = *boolean;
      return node;
    }
  }
  if ((plain || tag == kIntTag || tag == kFloatTag) && ResolveInt(text, &node)) {
    if (tag == kFloatTag && node.kind == Kind::kInt) {
      node.kind = Kind::kFloat;
      node.number = static_cast<double>(node.integer);
      node.integer = 0;
    }
    return node;
  }
  if ((plain || tag == kFloatTag) && ResolveFloat(text, &node)) return node;
  node.kind = Kind::kString;
  node.str = text;
  return node;
}

// A scalar node's text, for an alias used as a mapping key.
std::string ScalarText(const Node& node) {
  switch (node.kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return node.boolean ? "true" : "false";
    case Kind::kInt:
      return std::to_string(node.integer);
    case Kind::kFloat: {
      char buffer[64];
      const auto result = std::to_chars(buffer, buffer + sizeof buffer, node.number);
      return std::string(buffer, result.ptr);
    }
    case Kind::kString:
      return node.str;
    case Kind::kArray:
    case Kind::kObject:
      break;
  }
  return {};
}

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view text, const LineIndex& lines, const Limits& limits)
      : text_(text),
        lines_(lines),
        limits_(limits),
        max_depth_(std::min<uint64_t>(limits.max_depth, kYamlCppMaxDepth)) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override;
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Begin(mark, Kind::kArray, anchor);
  }
  void OnSequenceEnd() override { End(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Begin(mark, Kind::kObject, anchor);
  }
  void OnMapEnd() override { End(); }

  Document TakeDocument() {
    SortWarnings(&warnings_);
    return Document{std::move(root_), std::move(warnings_)};
  }

 private:
  // A sequence or mapping that is still open.
  struct Frame {
    Node node;
    YAML::anchor_t anchor = 0;
    uint64_t values_before = 0;  // values_ before it opened, to size an anchor
    bool expect_key = true;      // mappings: the next event is a key
    std::string key;
    Pos key_pos;
    bool merge_key = false;    // the pending key is the merge key "<<"
    std::vector<Node> merges;  // values of "<<" keys, applied at the end
  };
  struct Anchored {
    Node node;
    uint64_t values = 0;
  };

  void Begin(const YAML::Mark& mark, Kind kind, YAML::anchor_t anchor);
  void End();
  void Deliver(Node value, YAML::anchor_t anchor, uint64_t values);
  bool TakeKey(const YAML::Mark& mark, std::string text, bool merge_key, YAML::anchor_t anchor);
  void ApplyMerges(Frame* frame) const;
  void Count(const YAML::Mark& mark);
  std::string NullKeyText(const YAML::Mark& mark) const;

  Pos PosOf(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.pos < 0) return Pos{};
    return lines_.PosOfOffset(static_cast<size_t>(mark.pos));
  }
  [[noreturn]] static void Throw(std::string message, Pos pos) {
    throw Abort{ParseError(std::move(message), pos)};
  }

  std::string_view text_;
  const LineIndex& lines_;
  Limits limits_;
  uint64_t max_depth_;
  std::vector<Frame> stack_;
  // Inside a mapping key that is a sequence or mapping: how deep, and where
  // it started. Such keys are not supported, but the error waits for the
  // key's end, so that a syntax error inside it (often the real problem:
  // yaml-cpp reads an unclosed "[[[" as a key) is reported instead.
  uint64_t complex_key_depth_ = 0;
  Pos complex_key_pos_;
  std::unordered_map<YAML::anchor_t, Anchored> anchors_;
  uint64_t values_ = 0;
  Node root_;
  std::vector<Warning> warnings_;
};

void TreeBuilder::OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                           const std::string& value) {
  if (complex_key_depth_ > 0 || TakeKey(mark, value, tag == "?" && value == "<<", anchor)) return;
  Count(mark);
  Node node = ResolveScalar(tag, value);
  node.pos = PosOf(mark);
  Deliver(std::move(node), anchor, 1);
}

void TreeBuilder::OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) {
  if (complex_key_depth_ > 0 || TakeKey(mark, NullKeyText(mark), false, anchor)) return;
  Count(mark);
  Node node;
  node.pos = PosOf(mark);
  Deliver(std::move(node), anchor, 1);
}

void TreeBuilder::OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) {
  if (complex_key_depth_ > 0) return;
  const auto found = anchors_.find(anchor);
  // yaml-cpp itself rejects unknown anchor names; what is left is an alias
  // inside the very value it names ("&a [*a]").
  if (found == anchors_.end()) Throw("alias refers to a value that contains it", PosOf(mark));
  const Anchored& anchored = found->second;
  if (!stack_.empty() && stack_.back().node.IsObject() && stack_.back().expect_key) {
    if (anchored.node.IsArray() || anchored.node.IsObject()) {
      Throw("complex mapping keys are not supported", PosOf(mark));
    }
    TakeKey(mark, ScalarText(anchored.node), false, 0);
    return;
  }
  if (anchored.values > limits_.max_nodes - std::min(values_, limits_.max_nodes)) {
    Throw("document expands to more than " + std::to_string(limits_.max_nodes) + " values (alias bomb?)",
          PosOf(mark));
  }
  values_ += anchored.values;
  Node copy = anchored.node;
  copy.pos = PosOf(mark);
  Deliver(std::move(copy), 0, anchored.values);
}

void TreeBuilder::Begin(const YAML::Mark& mark, Kind kind, YAML::anchor_t anchor) {
  if (stack_.size() + complex_key_depth_ >= max_depth_) Throw(DepthMessage(max_depth_), PosOf(mark));
  const bool key_expected = !stack_.empty() && stack_.back().node.IsObject() && stack_.back().expect_key;
  if (complex_key_depth_ > 0 || key_expected) {
    if (complex_key_depth_ == 0) complex_key_pos_ = PosOf(mark);
    ++complex_key_depth_;
    return;
  }
  Count(mark);
  Frame& frame = stack_.emplace_back();
  frame.node.kind = kind;
  frame.node.pos = PosOf(mark);
  frame.anchor = anchor;
  frame.values_before = values_ - 1;
}

void TreeBuilder::End() {
  if (complex_key_depth_ > 0) {
    if (--complex_key_depth_ == 0) Throw("complex mapping keys are not supported", complex_key_pos_);
    return;
  }
  Frame frame = std::move(stack_.back());
  stack_.pop_back();
  if (frame.node.IsObject()) {
    WarnDuplicateKeys(frame.node, &warnings_);
    ApplyMerges(&frame);
  }
  Deliver(std::move(frame.node), frame.anchor, values_ - frame.values_before);
}

void TreeBuilder::Deliver(Node value, YAML::anchor_t anchor, uint64_t values) {
  if (anchor != 0) anchors_[anchor] = Anchored{value, values};
  if (stack_.empty()) {
    root_ = std::move(value);
    return;
  }
  Frame& top = stack_.back();
  if (top.node.IsArray()) {
    top.node.items.push_back(std::move(value));
  } else if (top.merge_key) {
    top.merges.push_back(std::move(value));
  } else {
    top.node.members.push_back(Member{std::move(top.key), top.key_pos, std::move(value)});
  }
  top.expect_key = true;
  top.merge_key = false;
}

// When a mapping is waiting for a key, a scalar event is that key: keep its
// text (whatever its type would be as a value) and report that it was used.
bool TreeBuilder::TakeKey(const YAML::Mark& mark, std::string text, bool merge_key, YAML::anchor_t anchor) {
  if (stack_.empty() || !stack_.back().node.IsObject() || !stack_.back().expect_key) return false;
  Frame& top = stack_.back();
  if (anchor != 0) {
    Node key_node;
    key_node.kind = Kind::kString;
    key_node.str = text;
    key_node.pos = PosOf(mark);
    anchors_[anchor] = Anchored{std::move(key_node), 1};
  }
  top.key = std::move(text);
  top.key_pos = PosOf(mark);
  top.merge_key = merge_key;
  top.expect_key = false;
  return true;
}

// YAML 1.1 merge keys ("<<: *defaults"), which configs written for Docker
// Compose style tools use: the merged mappings supply keys the mapping does
// not set itself, earlier sources winning over later ones.
void TreeBuilder::ApplyMerges(Frame* frame) const {
  if (frame->merges.empty()) return;
  std::unordered_set<std::string> seen;
  for (const Member& member : frame->node.members) seen.insert(member.key);
  std::vector<Member> merged;
  const auto merge = [&](const Node& source) {
    if (!source.IsObject()) Throw("a merge key '<<' needs a mapping or a list of mappings", source.pos);
    for (const Member& member : source.members) {
      if (seen.insert(member.key).second) merged.push_back(member);
    }
  };
  for (const Node& source : frame->merges) {
    if (source.IsArray()) {
      for (const Node& item : source.items) merge(item);
    } else {
      merge(source);
    }
  }
  for (Member& member : frame->node.members) merged.push_back(std::move(member));
  frame->node.members = std::move(merged);
}

void TreeBuilder::Count(const YAML::Mark& mark) {
  if (++values_ > limits_.max_nodes) Throw(TooManyValuesMessage(limits_.max_nodes), PosOf(mark));
}

// A null key ("~: x", "null: x" or ": x") as it is written.
std::string TreeBuilder::NullKeyText(const YAML::Mark& mark) const {
  if (mark.is_null() || mark.pos < 0) return {};
  const std::string_view rest = text_.substr(std::min(text_.size(), static_cast<size_t>(mark.pos)));
  if (!rest.empty() && rest[0] == '~') return "~";
  for (const std::string_view word : {"null", "Null", "NULL"}) {
    if (rest.substr(0, word.size()) == word) return std::string(word);
  }
  return {};
}

// Watches the documents after the first, which are not used, only to say
// where the second one starts. It builds nothing and keeps yaml-cpp from
// recursing deeper than max_depth.
class LaterDocuments : public YAML::EventHandler {
 public:
  explicit LaterDocuments(uint64_t max_depth) : max_depth_(max_depth) {}

  std::optional<YAML::Mark> start;

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (!start) start = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Enter();
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    Enter();
  }
  void OnMapEnd() override { --depth_; }

 private:
  void Enter() {
    if (++depth_ > max_depth_) throw Abort{ParseError(DepthMessage(max_depth_), {})};
  }
  uint64_t max_depth_;
  uint64_t depth_ = 0;
};

Pos PosOfMark(const LineIndex& lines, const YAML::Mark& mark) {
  if (mark.is_null() || mark.pos < 0) return Pos{};
  return lines.PosOfOffset(static_cast<size_t>(mark.pos));
}

// Adds a warning when the stream holds more documents after the first.
void WarnAboutLaterDocuments(YAML::Parser* parser, const LineIndex& lines, const Limits& limits,
                             std::vector<Warning>* warnings) {
  LaterDocuments later(std::min<uint64_t>(limits.max_depth, kYamlCppMaxDepth));
  std::optional<YAML::Mark> where;
  try {
    if (parser->HandleNextDocument(later)) where = later.start;
  } catch (const YAML::Exception& e) {
    where = later.start ? *later.start : e.mark;
  } catch (const Abort&) {
    where = later.start;
  }
  if (!where) return;
  warnings->push_back(
      {PosOfMark(lines, *where), "the file has more than one YAML document; only the first is used"});
}

}  // namespace

Result<Document> ParseYaml(std::string_view text, const Limits& limits) {
  const LineIndex lines(text);
  // yaml-cpp passes invalid UTF-8 through; the other readers reject it.
  if (const size_t bad = FindInvalidUtf8(text); bad != std::string_view::npos) {
    return ParseFailure("invalid UTF-8", lines.PosOfOffset(bad));
  }
  ViewStreambuf buffer(text);
  std::istream input(&buffer);
  YAML::Parser parser(input);
  TreeBuilder builder(text, lines, limits);
  bool found = false;
  try {
    found = parser.HandleNextDocument(builder);
  } catch (const Abort& abort) {
    return tl::make_unexpected(abort.error);
  } catch (const YAML::DeepRecursion& e) {
    // Not expected (TreeBuilder stops first), but yaml-cpp's limit may count
    // differently in constructs not foreseen here.
    return ParseFailure(DepthMessage(std::min<uint64_t>(limits.max_depth, kYamlCppMaxDepth)),
                        PosOfMark(lines, e.mark));
  } catch (const YAML::Exception& e) {
    return ParseFailure(HouseStyle(e.msg), PosOfMark(lines, e.mark));
  }
  Document document = builder.TakeDocument();
  if (!found) {
    // No document at all (an empty file, or only comments): YAML reads that
    // as null, and so do the hosts.
    document.root.pos = Pos{1, 1};
    return document;
  }
  WarnAboutLaterDocuments(&parser, lines, limits, &document.warnings);
  return document;
}

}  // namespace mcpguard::formats::internal

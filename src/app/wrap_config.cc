#include "app/wrap_config.h"

#include <algorithm>
#include <functional>

#include <nlohmann/json.hpp>

#include "inventory/wrapper.h"

namespace mcpguard::app {
namespace {

using formats::Format;
using formats::Member;
using formats::Node;

struct Edit {
  size_t at;
  size_t erase;
  std::string insert;
};

class Text {
 public:
  Text(std::string_view text, Format format) : text_(text), toml_(format == Format::kToml) {
    starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }

  size_t Offset(formats::Pos p) const {
    if (p.line == 0 || p.line > starts_.size()) return std::string_view::npos;
    const size_t at = starts_[p.line - 1] + p.col - 1;
    return at <= text_.size() ? at : std::string_view::npos;
  }

  // The end (one past) of the string token starting at `at`, or npos when
  // there is no string token there we know how to copy.
  size_t StringEnd(size_t at) const {
    if (at >= text_.size()) return std::string_view::npos;
    const char q = text_[at];
    if (q != '"' && !(toml_ && q == '\'')) return std::string_view::npos;
    if (toml_ && text_.substr(at, 3) == std::string(3, q)) return std::string_view::npos;  // multi-line: not copied
    for (size_t i = at + 1; i < text_.size(); ++i) {
      if (text_[i] == '\\' && q == '"') {
        ++i;
      } else if (text_[i] == q) {
        return i + 1;
      } else if (text_[i] == '\n') {
        return std::string_view::npos;
      }
    }
    return std::string_view::npos;
  }

  size_t LineEnd(size_t at) const {
    const size_t nl = text_.find('\n', at);
    return nl == std::string_view::npos ? text_.size() : nl;
  }

  std::string_view Slice(size_t from, size_t to) const { return text_.substr(from, to - from); }
  char At(size_t at) const { return at < text_.size() ? text_[at] : '\0'; }
  bool toml() const { return toml_; }

 private:
  std::string_view text_;
  bool toml_;
  std::vector<size_t> starts_;
};

std::string Quote(const std::string& s) { return nlohmann::json(s).dump(); }

std::string Apply(std::string_view text, std::vector<Edit> edits) {
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.at > b.at; });
  std::string out(text);
  for (const Edit& e : edits) out.replace(e.at, e.erase, e.insert);
  return out;
}

// The member whose key is `name` at `pos`, anywhere in the tree.
const Member* FindMemberAt(const Node& n, const std::string& name, model::SourcePos pos) {
  for (const Member& m : n.members) {
    if (m.key == name && m.key_pos.line == pos.line && m.key_pos.col == pos.col) return &m;
    if (const Member* found = FindMemberAt(m.value, name, pos)) return found;
  }
  for (const Node& i : n.items) {
    if (const Member* found = FindMemberAt(i, name, pos)) return found;
  }
  return nullptr;
}

bool AllStrings(const Node& n) {
  return n.IsArray() && std::all_of(n.items.begin(), n.items.end(), [](const Node& i) { return i.IsString(); });
}

std::vector<std::string> StringsOf(const Node* n) {
  std::vector<std::string> out;
  if (n != nullptr) {
    for (const Node& i : n->items) out.push_back(i.str);
  }
  return out;
}

Result<formats::Document> ParseFor(std::string_view text, Format format) {
  if (format == Format::kYaml) {
    return Fail(Errc::kUnsupported,
                "YAML configs (Goose, Continue) are not rewritten: wrap their servers by hand (see mcpguard(1), hooks)");
  }
  return formats::Parse(text, format);
}

// Why `def` cannot be wrapped, or "" when it can.
std::string Unwrappable(const Node& def) {
  if (!def.IsObject()) return "not an object";
  const Node* cmd = def.Find("command");
  if (cmd == nullptr) return "no \"command\" (a remote server, or a shape this host alone uses)";
  if (!cmd->IsString()) return "\"command\" is not a string (this shape is not rewritten)";
  const Node* args = def.Find("args");
  if (args != nullptr && !AllStrings(*args)) return "\"args\" is not a list of strings";
  if (inventory::ParseWrapped(cmd->str, StringsOf(args))) return "already wrapped";
  return {};
}

}  // namespace

Result<SpliceResult> WrapConfigText(std::string_view text, Format format, const std::vector<WrapTarget>& servers,
                                    const WrapSettings& ws) {
  auto doc = ParseFor(text, format);
  if (!doc) return tl::make_unexpected(doc.error());
  const Text t(text, format);
  SpliceResult out;
  std::vector<Edit> edits;
  std::vector<std::string> prefix{"exec", "--host", ws.host};
  for (const WrapTarget& w : servers) {
    const Member* m = FindMemberAt(doc->root, w.name, w.pos);
    if (m == nullptr) {
      out.skipped.push_back(w.name + ": not found where the scan saw it");
      continue;
    }
    if (std::string why = Unwrappable(m->value); !why.empty()) {
      out.skipped.push_back(w.name + ": " + why);
      continue;
    }
    const Member* cmd = m->value.FindMember("command");
    const size_t c0 = t.Offset(cmd->value.pos);
    const size_t c1 = t.StringEnd(c0);
    const Node* args = m->value.Find("args");
    const size_t a0 = args != nullptr ? t.Offset(args->pos) : 0;
    if (c1 == std::string_view::npos || (args != nullptr && t.At(a0) != '[')) {
      out.skipped.push_back(w.name + ": its command or args are written in a form that is not rewritten");
      continue;
    }
    std::vector<std::string> words{"exec", "--host", ws.host, "--server", w.name, "--config", ws.config};
    if (ws.guard) words.push_back("--guard");
    words.push_back("--");
    std::string list;
    for (const std::string& word : words) list += Quote(word) + ", ";
    list += std::string(t.Slice(c0, c1));
    edits.push_back(Edit{c0, c1 - c0, Quote(ws.mcpguard)});
    if (args != nullptr) {
      edits.push_back(Edit{a0 + 1, 0, list + (args->items.empty() ? "" : ", ")});
    } else if (!t.toml()) {  // an args list we add is written "[ ... ]": unwrap knows it by that
      edits.push_back(Edit{c1, 0, ", \"args\": [ " + list + " ]"});
    } else if (cmd->key_pos.line == m->key_pos.line) {  // an inline table
      edits.push_back(Edit{c1, 0, ", args = [ " + list + " ]"});
    } else {
      edits.push_back(Edit{t.LineEnd(c1), 0, "\nargs = [ " + list + " ]"});
    }
    out.changed.push_back(w.name);
  }
  out.text = Apply(text, std::move(edits));
  return out;
}

Result<SpliceResult> UnwrapConfigText(std::string_view text, Format format) {
  auto doc = ParseFor(text, format);
  if (!doc) return tl::make_unexpected(doc.error());
  const Text t(text, format);
  SpliceResult out;
  std::vector<Edit> edits;
  std::function<void(const Node&, const std::string&)> visit = [&](const Node& n, const std::string& name) {
    const Member* cmd = n.IsObject() ? n.FindMember("command") : nullptr;
    const Member* args = n.IsObject() ? n.FindMember("args") : nullptr;
    if (cmd != nullptr && args != nullptr && cmd->value.IsString() && AllStrings(args->value) &&
        inventory::ParseWrapped(cmd->value.str, StringsOf(&args->value))) {
      const std::vector<Node>& items = args->value.items;
      size_t k = 0;
      while (items[k].str != "--") ++k;
      ++k;  // the inner command
      const size_t c0 = t.Offset(cmd->value.pos);
      const size_t c1 = t.StringEnd(c0);
      const size_t i0 = t.Offset(items[k].pos);
      const size_t i1 = t.StringEnd(i0);
      const size_t first = t.Offset(items.front().pos);
      const size_t open = t.Offset(args->value.pos);
      if (c1 == std::string_view::npos || i1 == std::string_view::npos || first == std::string_view::npos) {
        out.skipped.push_back(name + ": written in a form that is not un-rewritten");
        return;
      }
      edits.push_back(Edit{c0, c1 - c0, std::string(t.Slice(i0, i1))});
      const size_t key = t.Offset(args->key_pos);
      const bool added_form = k + 1 == items.size() && t.Slice(open, first) == "[ " && t.Slice(i1, i1 + 2) == " ]";
      const std::string_view between = t.Slice(c1, key);
      const std::string_view assign = t.Slice(key, open);
      const size_t close = i1 + 1;
      if (added_form && !t.toml() && between == ", " && assign == "\"args\": ") {
        edits.push_back(Edit{c1, close + 1 - c1, ""});
      } else if (added_form && t.toml() && between == ", " && assign == "args = ") {
        edits.push_back(Edit{c1, close + 1 - c1, ""});
      } else if (added_form && t.toml() && key > 0 && t.At(key - 1) == '\n' && t.LineEnd(c1) == key - 1 &&
                 assign == "args = ") {
        edits.push_back(Edit{key - 1, close + 2 - key, ""});
      } else {
        // The prefix and the ", " the wrap put after it; what followed '['
        // before (a newline, a comment) stays.
        const size_t end = k + 1 < items.size() && t.Slice(i1, i1 + 2) == ", " ? i1 + 2 : i1;
        edits.push_back(Edit{first, end - first, ""});
      }
      out.changed.push_back(name);
      return;
    }
    for (const Member& m : n.members) visit(m.value, m.key);
    for (const Node& i : n.items) visit(i, name);
  };
  visit(doc->root, "");
  out.text = Apply(text, std::move(edits));
  return out;
}

}  // namespace mcpguard::app

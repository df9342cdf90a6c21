#include "poisoning/checks.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <map>
#include <set>
#include <string_view>

#include <nlohmann/json.hpp>

#include "poisoning/strings.h"
#include "poisoning/unicode.h"

namespace mcpguard::poisoning {
namespace {

using model::Finding;
using model::Severity;
using model::Surface;
using model::SurfaceItem;
using nlohmann::json;

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// "content_from_readingSSH-key" -> {"content", "from", "reading", "ssh", "key"}.
std::vector<std::string> Words(std::string_view name) {
  std::vector<std::string> words;
  std::string cur;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!IsAlnum(c)) {
      if (!cur.empty()) words.push_back(cur);
      cur.clear();
      continue;
    }
    const bool upper = std::isupper(static_cast<unsigned char>(c)) != 0;
    const bool prev_lower = i > 0 && (std::islower(static_cast<unsigned char>(name[i - 1])) != 0 ||
                                      std::isdigit(static_cast<unsigned char>(name[i - 1])) != 0);
    if (upper && prev_lower && !cur.empty()) {
      words.push_back(cur);
      cur.clear();
    }
    cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!cur.empty()) words.push_back(cur);
  return words;
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// A tool name specific enough that naming it in another server's text is a
// reference to that tool, not an ordinary word: send_email, listChats.
bool Distinctive(std::string_view name) {
  if (name.size() < 5) return false;
  if (name.find_first_of("_-") != std::string_view::npos) return true;
  for (size_t i = 1; i < name.size(); ++i) {
    if (std::isupper(static_cast<unsigned char>(name[i])) != 0 && std::islower(static_cast<unsigned char>(name[i - 1])) != 0)
      return true;
  }
  return false;
}

// `needle` in `hay` with no letter or digit on either side ("send_email" in
// "mcp_tool_send_email" counts, in "resend_email" it does not).
size_t FindWord(std::string_view hay, std::string_view needle) {
  for (size_t at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + 1)) {
    const bool left = at == 0 || !IsAlnum(hay[at - 1]);
    const size_t after = at + needle.size();
    const bool right = after >= hay.size() || !IsAlnum(hay[after]);
    if (left && right) return at;
  }
  return std::string_view::npos;
}

bool PrintableText(const std::string& s) {
  if (s.size() < 16) return false;
  size_t good = 0;
  size_t spaces = 0;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t' || c == '\r' || c >= 0x80) ++good;
    if (c == ' ') ++spaces;
  }
  return spaces > 0 && good * 100 >= s.size() * 97;
}

// Hex pairs ("49676e6f7265" -> "Ignore"); "" when `in` is not all hex of even length.
std::string DecodeHex(std::string_view in) {
  if (in.size() % 2 != 0) return {};
  std::string out;
  for (size_t i = 0; i < in.size(); i += 2) {
    int v = 0;
    for (size_t k = 0; k < 2; ++k) {
      const char c = in[i + k];
      const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return {};
      v = v * 16 + d;
    }
    out += static_cast<char>(v);
  }
  return out;
}

// Standard or URL-safe base64, padding optional; "" when it is neither.
std::string DecodeBase64(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (const char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+' || c == '-') v = 62;
    else if (c == '/' || c == '_') v = 63;
    else if (c == '=') break;
    else return {};
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

const std::set<std::string_view> kReadVerbs = {"get", "list", "read", "search", "find", "fetch", "describe", "show",
                                               "view", "query", "check", "count", "status", "lookup", "inspect",
                                               "preview", "validate", "is", "has", "can"};
const std::set<std::string_view> kMutatingVerbs = {
    "delete", "remove", "drop", "destroy", "purge", "truncate", "erase", "wipe", "kill", "exec", "execute",
    "run", "shell", "write", "overwrite", "send", "create", "update", "insert", "edit", "move", "rename",
    "post", "publish", "push", "deploy", "upload", "put", "patch", "modify", "append", "replace", "reset",
    "shutdown", "terminate", "install", "uninstall", "transfer", "pay", "rm"};
const std::set<std::string_view> kDestructiveVerbs = {"delete", "remove", "drop", "destroy", "purge", "truncate",
                                                      "erase", "wipe", "kill", "exec", "execute", "run", "shell",
                                                      "write", "overwrite", "send", "terminate", "uninstall",
                                                      "reset", "rm"};

// The first word of `words` found in `verbs`, unless the name starts with a
// reading verb ("get_run_status" reads).
std::string VerbIn(const std::vector<std::string>& words, const std::set<std::string_view>& verbs) {
  if (words.empty() || kReadVerbs.count(words.front()) != 0) return {};
  for (const std::string& w : words) {
    if (verbs.count(w) != 0) return w;
  }
  return {};
}

// A name from a server, safe to print: a hostile tool name may carry escape
// sequences aimed at the terminal that shows our report.
std::string Shown(std::string_view name) { return MakeVisible(name, 0, name.size(), 120); }

std::string KindName(const std::string& kind) {
  if (kind == "resource_template") return "resource template";
  return kind;
}

// A pseudo item for the serverInfo strings, checked like an item's.
constexpr const char* kServerInfo = "serverInfo";

// A finding of `rule` about `server`, before its message and evidence.
Finding Make(const PoisonRule& rule, const ServerRef& server) {
  return model::MakeFinding(rule.id, rule.name, rule.severity, {server.host, server.config_path, server.pos, server.name},
                            rule.remediation, rule.references);
}

struct Hit {
  const PoisonRule* rule;
  Severity severity;
  std::string location;
  std::string evidence;  // visible excerpt
  std::string detail;    // appended to the message: " ⟨decoded: ...⟩"
};

struct OtherTool {
  std::string tool;
  std::string server;
};

class ItemChecker {
 public:
  ItemChecker(const ServerRef& server, const Surface& surface, const SurfaceItem& item, const Context& cx)
      : server_(server), surface_(surface), item_(item), cx_(cx) {
    for (const Peer& p : cx.peers) {
      if (p.surface == nullptr || p.name == server.name) continue;
      for (const SurfaceItem& t : p.surface->items) {
        if (t.kind == "tool" && Distinctive(t.name) && surface.Find("tool", t.name) == nullptr) {
          others_.push_back({t.name, p.name});
        }
      }
    }
  }

  void Run(std::vector<Finding>& out) {
    for (const TextAt& s : ItemStrings(item_)) Scan(s.location, s.text, s.role, 0);
    if (item_.kind == "tool") {
      Annotations();
      Duplicates();
    }
    Emit(out);
  }

 private:
  const PoisonRule* Rule(std::string_view check) const { return cx_.rules->ForCheck(check); }

  void Add(const PoisonRule* rule, Severity severity, const std::string& location, std::string evidence,
           std::string detail = {}) {
    if (rule == nullptr) return;
    hits_.push_back({rule, severity, location, std::move(evidence), std::move(detail)});
  }

  void Invisible(const std::string& at, const std::string& text) {
    for (const HiddenRun& r : FindHidden(text)) {
      const std::string excerpt = MakeVisible(text, r.begin, r.end);
      switch (r.kind) {
        case Hidden::kTag: {
          const PoisonRule* rule = Rule("unicode-tag");
          if (rule) Add(rule, rule->severity, at, excerpt, " ⟨decoded: " + MakeVisible(r.decoded, 0, r.decoded.size(), 160) + "⟩");
          break;
        }
        case Hidden::kZeroWidth: {
          const PoisonRule* rule = Rule("zero-width");
          if (rule) Add(rule, r.in_word ? std::max(rule->severity, Severity::kHigh) : rule->severity, at, excerpt);
          break;
        }
        case Hidden::kBidi:
          if (const PoisonRule* rule = Rule("bidi")) Add(rule, rule->severity, at, excerpt);
          break;
        case Hidden::kVariationSelector:
          if (const PoisonRule* rule = Rule("variation-selector")) Add(rule, rule->severity, at, excerpt);
          break;
        case Hidden::kPrivateUse:
          if (const PoisonRule* rule = Rule("private-use")) Add(rule, rule->severity, at, excerpt);
          break;
        case Hidden::kControl:
          if (const PoisonRule* rule = Rule("terminal-escape")) Add(rule, rule->severity, at, excerpt);
          break;
        case Hidden::kNone:
          break;
      }
    }
  }

  void Patterns(const std::string& at, const std::string& text, const std::string& role) {
    const Stripped stripped = StripInvisible(text);
    for (const PoisonRule& rule : cx_.rules->rules) {
      if (!rule.Reads(role)) continue;
      const re2::RE2* re = rule.Pattern();
      if (re == nullptr) continue;
      if (rule.check == "parameter-name") {
        const std::string words = JoinWords(Words(stripped.text));
        if (text.size() > 40 || re2::RE2::PartialMatch(words, *re)) Add(&rule, rule.severity, at, MakeVisible(text));
        continue;
      }
      re2::StringPiece input(stripped.text);
      re2::StringPiece match;
      size_t pos = 0;
      while (pos <= stripped.text.size() &&
             re->Match(input, pos, stripped.text.size(), re2::RE2::UNANCHORED, &match, 1)) {
        const size_t b = static_cast<size_t>(match.data() - stripped.text.data());
        const size_t e = b + match.size();
        if (!rule.Ignored(std::string_view(match.data(), match.size()))) {
          Add(&rule, rule.severity, at, MakeVisible(text, stripped.offsets[b], stripped.offsets[e]));
          break;
        }
        pos = e > b ? e : b + 1;
      }
    }
  }

  void Encoded(const std::string& at, const std::string& text, int depth) {
    const PoisonRule* rule = Rule("base64");
    if (rule == nullptr) return;
    static const re2::RE2 kBlob("([A-Za-z0-9+/_\\-]{40,}={0,2})");
    const Stripped stripped = StripInvisible(text);
    re2::StringPiece input(stripped.text);
    re2::StringPiece blob;
    while (re2::RE2::FindAndConsume(&input, kBlob, &blob)) {
      const std::string_view raw(blob.data(), blob.size());
      // Long hex (threats.md §2.2 TP-B64) is also valid base64: try it as hex first.
      std::string decoded = raw.size() >= 64 ? DecodeHex(raw) : std::string();
      if (!PrintableText(decoded)) decoded = DecodeBase64(raw);
      if (!PrintableText(decoded)) continue;
      const size_t before = hits_.size();
      Scan(at + " (base64-decoded)", decoded, "text", depth + 1);
      const bool more = hits_.size() > before;
      const size_t b = static_cast<size_t>(blob.data() - stripped.text.data());
      Add(rule, more ? std::max(rule->severity, Severity::kHigh) : rule->severity, at,
          MakeVisible(text, stripped.offsets[b], stripped.offsets[b + blob.size()]),
          " ⟨decoded: " + MakeVisible(decoded, 0, decoded.size(), 160) + "⟩");
    }
  }

  void CrossServer(const std::string& at, const std::string& text) {
    const PoisonRule* rule = Rule("cross-server-reference");
    if (rule == nullptr) return;
    const Stripped stripped = StripInvisible(text);
    for (const OtherTool& o : others_) {
      const size_t b = FindWord(stripped.text, o.tool);
      if (b == std::string::npos) continue;
      Add(rule, rule->severity, at, MakeVisible(text, stripped.offsets[b], stripped.offsets[b + o.tool.size()]),
          ": '" + Shown(o.tool) + "' of server '" + Shown(o.server) + "'");
    }
  }

  // Names and keys that mix scripts, or look like another tool's name.
  void Homoglyph(const std::string& at, const std::string& text) {
    const PoisonRule* rule = Rule("homoglyph");
    if (rule == nullptr) return;
    const std::string word = MixedScriptWord(text);
    if (word.empty()) return;
    const std::string skeleton = Skeleton(word);
    std::string detail = ": '" + Shown(word) + "' reads as '" + Shown(skeleton) + "'";
    for (const Peer& p : cx_.peers) {
      if (p.surface != nullptr && p.surface->Find("tool", skeleton) != nullptr) {
        detail += ", the name of a tool of server '" + Shown(p.name) + "'";
        break;
      }
    }
    const size_t b = text.find(word);
    Add(rule, rule->severity, at, MakeVisible(text, b, b + word.size()), detail);
  }

  void Scan(const std::string& at, const std::string& text, const std::string& role, int depth) {
    Invisible(at, text);
    if (role == "name" || role == "key") Homoglyph(at, text);
    Patterns(at, text, role);
    if (role != "key" && role != "uri") CrossServer(at, text);
    if (depth >= 2) return;
    if (const std::string tags = TagText(text); !tags.empty()) Scan(at + " (hidden in tag characters)", tags, "text", depth + 1);
    if (role == "text" || role == "value" || role == "name") Encoded(at, text, depth);
  }

  void Annotations() {
    const PoisonRule* rule = Rule("annotation-contradiction");
    if (rule == nullptr) return;
    const json d = json::parse(item_.definition, nullptr, false);
    if (!d.is_object() || !d.contains("annotations") || !d["annotations"].is_object()) return;
    const json& a = d["annotations"];
    const std::vector<std::string> words = Words(item_.name);
    // A hint that is not a boolean (a hostile server may send anything) is no claim.
    if (a.contains("readOnlyHint") && a["readOnlyHint"] == true) {
      if (const std::string verb = VerbIn(words, kMutatingVerbs); !verb.empty()) {
        Add(rule, rule->severity, "annotations.readOnlyHint", "readOnlyHint: true on '" + Shown(item_.name) + "'",
            " (readOnlyHint: true, but '" + verb + "' changes things)");
        return;
      }
    }
    if (a.contains("destructiveHint") && a["destructiveHint"] == false) {
      if (const std::string verb = VerbIn(words, kDestructiveVerbs); !verb.empty()) {
        Add(rule, rule->severity, "annotations.destructiveHint", "destructiveHint: false on '" + Shown(item_.name) + "'",
            " (destructiveHint: false, but '" + verb + "' can destroy)");
      }
    }
  }

  void Duplicates() {
    const PoisonRule* rule = Rule("duplicate-tool");
    if (rule == nullptr) return;
    for (const Peer& p : cx_.peers) {
      if (p.surface == nullptr || p.name == server_.name) continue;
      // The same server listed twice under two names is one server.
      if (!surface_.digest.empty() && p.surface->digest == surface_.digest) continue;
      if (p.surface->Find("tool", item_.name) == nullptr) continue;
      Add(rule, rule->severity, "name", "'" + Shown(item_.name) + "' is also a tool of server '" + Shown(p.name) + "'");
    }
  }

  std::string Who() const {
    if (item_.kind == "instructions") return "instructions of server '" + Shown(server_.name) + "'";
    if (item_.kind == kServerInfo) return "serverInfo of server '" + Shown(server_.name) + "'";
    return KindName(item_.kind) + " '" + Shown(item_.name) + "' of server '" + Shown(server_.name) + "'";
  }


  // One finding per rule and item: the most severe hit is the evidence.
  void Emit(std::vector<Finding>& out) {
    std::map<std::string, std::vector<const Hit*>> by_rule;
    for (const Hit& h : hits_) by_rule[h.rule->id].push_back(&h);
    std::set<std::string> signals;
    std::vector<std::string> names;
    for (const auto& [id, hits] : by_rule) {
      const Hit* top = *std::max_element(hits.begin(), hits.end(),
                                         [](const Hit* a, const Hit* b) { return a->severity < b->severity; });
      Finding f = Make(*top->rule, server_);
      f.severity = top->severity;
      f.message = Who() + ": " + top->location + " " + top->rule->message + top->detail;
      f.evidence = top->location + ": " + top->evidence;
      if (hits.size() > 1) f.evidence += " (and " + std::to_string(hits.size() - 1) + " more)";
      out.push_back(std::move(f));
      if (!top->rule->signal.empty()) signals.insert(top->rule->signal);
      names.push_back(top->rule->name);
    }
    const PoisonRule* combo = Rule("combination");
    const auto has = [&](std::initializer_list<const char*> any) {
      return std::any_of(any.begin(), any.end(), [&](const char* s) { return signals.count(s) != 0; });
    };
    if (combo != nullptr && has({"tag", "precondition"}) && has({"sensitive", "sink", "exfil", "history", "shadow"}) &&
        has({"conceal"})) {
      Finding f = Make(*combo, server_);
      f.message = Who() + " " + combo->message;
      std::string joined;
      for (const std::string& n : names) joined += (joined.empty() ? "" : ", ") + n;
      f.evidence = "signals: " + joined;
      out.push_back(std::move(f));
    }
  }

  const ServerRef& server_;
  const Surface& surface_;
  const SurfaceItem& item_;
  const Context& cx_;
  std::vector<OtherTool> others_;
  std::vector<Hit> hits_;
};

void ListChanged(const ServerRef& server, const Surface& surface, const Context& cx, std::vector<Finding>& out) {
  const PoisonRule* rule = cx.rules->ForCheck("list-changed");
  if (rule == nullptr) return;
  std::vector<std::string> which;
  for (const std::string& c : surface.capabilities) {
    if (c.size() > 12 && c.compare(c.size() - 12, 12, ".listChanged") == 0) which.push_back(c);
  }
  if (which.empty()) return;
  std::string joined;
  for (const std::string& w : which) joined += (joined.empty() ? "" : ", ") + Shown(w);
  Finding f = Make(*rule, server);
  f.message = "server '" + Shown(server.name) + "' declares " + joined + ": it " + rule->message;
  f.evidence = "capabilities: " + joined;
  out.push_back(std::move(f));
}

}  // namespace

ServerRef ServerRef::Of(const model::ConfigFile& config, const model::Server& server) {
  return ServerRef{config.host, config.path, server.pos, server.name};
}

std::vector<Finding> CheckSurface(const ServerRef& server, const Surface& surface, const Context& context) {
  std::vector<Finding> out;
  if (context.rules == nullptr) return out;
  // serverInfo is read by the model too (threats.md §2.2 scan surface).
  SurfaceItem info;
  info.kind = kServerInfo;
  info.definition = model::CanonicalJson(
      json{{"name", surface.server_name}, {"title", surface.server_title}, {"version", surface.server_version}});
  ItemChecker(server, surface, info, context).Run(out);
  for (const SurfaceItem& item : surface.items) ItemChecker(server, surface, item, context).Run(out);
  ListChanged(server, surface, context, out);
  return out;
}

void CheckSnapshot(model::Snapshot& snap, const PoisonRules& rules) {
  std::map<std::string, std::vector<Peer>> by_host;
  for (const model::ConfigFile& cf : snap.configs) {
    for (const model::Server& s : cf.servers) {
      if (s.surface) by_host[cf.host].push_back({s.name, &*s.surface});
    }
  }
  for (const model::ConfigFile& cf : snap.configs) {
    for (const model::Server& s : cf.servers) {
      if (!s.surface) continue;
      Context cx{&rules, by_host[cf.host]};
      for (Finding& f : CheckSurface(ServerRef::Of(cf, s), *s.surface, cx)) snap.findings.push_back(std::move(f));
    }
  }
}

Result<void> CheckSnapshot(model::Snapshot& snap, const std::string& signatures_dir) {
  auto rules = LoadPoisonRules(signatures_dir);
  if (!rules) return tl::make_unexpected(rules.error());
  CheckSnapshot(snap, *rules);
  return {};
}

}  // namespace mcpguard::poisoning

#include "inventory/mapping.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "base/path.h"
#include "base/text.h"
#include "classify/redact.h"
#include "inventory/interpolation.h"
#include "inventory/wrapper.h"

namespace mcpguard::inventory {
namespace {

using formats::Kind;
using formats::Node;

model::SourcePos At(formats::Pos p) { return {p.line, p.col}; }

class Mapper {
 public:
  Mapper(const MapContext& ctx, std::vector<model::Diagnostic>& diags) : ctx_(ctx), diags_(diags) {}

  void Warn(const Node& at, std::string message) {
    diags_.push_back(model::Diagnostic{model::Diagnostic::Severity::kWarning, ctx_.config_path, At(at.pos),
                                       std::move(message)});
  }

  // The first of `keys` present in `def`.
  static const Node* First(const Node& def, std::initializer_list<std::string_view> keys, std::string* which = nullptr) {
    for (std::string_view k : keys) {
      if (const Node* n = def.Find(k)) {
        if (which) *which = std::string(k);
        return n;
      }
    }
    return nullptr;
  }

  // A scalar as text ("8080" for 8080); nullopt (and a warning) otherwise.
  std::optional<std::string> Scalar(const Node& n, std::string_view what) {
    switch (n.kind) {
      case Kind::kString: return n.str;
      case Kind::kInt: return std::to_string(n.integer);
      case Kind::kBool: return std::string(n.boolean ? "true" : "false");
      case Kind::kFloat: {
        std::string s = std::to_string(n.number);
        return s;
      }
      case Kind::kNull: return std::nullopt;
      default:
        Warn(n, std::string(what) + " should be a string, not " + std::string(formats::KindName(n.kind)));
        return std::nullopt;
    }
  }

  std::optional<std::string> String(const Node& def, std::initializer_list<std::string_view> keys) {
    std::string key;
    const Node* n = First(def, keys, &key);
    if (n == nullptr || n->IsNull()) return std::nullopt;
    return Scalar(*n, "\"" + key + "\"");
  }

  std::vector<std::string> StringList(const Node& n, std::string_view what) {
    std::vector<std::string> out;
    if (!n.IsArray()) {
      if (!n.IsNull()) Warn(n, std::string(what) + " should be an array of strings");
      return out;
    }
    for (const Node& item : n.items) {
      if (auto s = Scalar(item, std::string(what) + " item")) out.push_back(*s);
    }
    return out;
  }

  std::vector<model::NamedValue> NamedValues(const Node& n, std::string_view what) {
    std::vector<model::NamedValue> out;
    if (!n.IsObject()) {
      if (!n.IsNull()) Warn(n, std::string(what) + " should be an object of names and values");
      return out;
    }
    std::map<std::string, size_t> index;  // a repeated name: the last one wins
    for (const formats::Member& m : n.members) {
      model::NamedValue v;
      v.name = m.key;
      v.pos = At(m.key_pos);
      if (auto s = Scalar(m.value, std::string(what) + "." + m.key)) v.value = *s;
      if (classify::IsReferenceOnly(v.value)) v.reference = v.value;
      auto [it, fresh] = index.emplace(m.key, out.size());
      if (fresh) out.push_back(std::move(v));
      else out[it->second] = std::move(v);
    }
    return out;
  }

  void Command(const Node& def, model::Server& s) {
    std::string key;
    const Node* cmd = First(def, {"command", "cmd", "programPath"}, &key);
    if (cmd == nullptr || cmd->IsNull()) return;
    if (cmd->IsArray()) {  // OpenCode: the whole argv
      std::vector<std::string> argv = StringList(*cmd, "\"" + key + "\"");
      if (!argv.empty()) {
        s.command = argv.front();
        s.args.assign(argv.begin() + 1, argv.end());
      }
    } else if (cmd->IsObject()) {  // Zed, 2024: {"path", "args", "env"}
      if (auto p = String(*cmd, {"path"})) s.command = *p;
      if (const Node* a = cmd->Find("args")) s.args = StringList(*a, "\"command.args\"");
      if (const Node* e = cmd->Find("env")) s.env = NamedValues(*e, "env");
    } else if (auto c = Scalar(*cmd, "\"" + key + "\"")) {
      s.command = *c;
    }
  }

  void Args(const Node& def, model::Server& s) {
    if (const Node* a = def.Find("args")) {
      std::vector<std::string> more = StringList(*a, "\"args\"");
      s.args.insert(s.args.end(), more.begin(), more.end());
    } else if (const Node* a2 = def.Find("arguments"); a2 != nullptr && a2->IsString()) {
      for (std::string& part : Split(a2->str, ' ')) {
        if (!part.empty()) s.args.push_back(std::move(part));
      }
    }
  }

  void Transport(const Node& def, model::Server& s, bool http_url, bool tcp) {
    if (auto t = String(def, {"type", "transport"})) {
      s.transport_declared = *t;
      const std::string v = ToLower(*t);
      if (v == "stdio" || v == "local") s.transport = model::Transport::kStdio;
      else if (v == "http" || v == "streamable-http" || v == "streamablehttp" || v == "streamable_http" ||
               v == "remote")
        s.transport = model::Transport::kHttp;
      else if (v == "sse") s.transport = model::Transport::kSse;
      else if (v == "ws" || v == "websocket") s.transport = model::Transport::kWs;
      else if (v == "builtin" || v == "platform" || v == "inmemory") s.transport = model::Transport::kBuiltin;
      else Warn(*First(def, {"type", "transport"}), "unknown transport type \"" + *t + "\"");
      if (s.transport != model::Transport::kUnknown) return;
    }
    if (http_url) s.transport = model::Transport::kHttp;
    else if (tcp) s.transport = model::Transport::kWs;
    else if (!s.command.empty()) s.transport = model::Transport::kStdio;
    else if (!s.url.empty()) {
      const std::string& u = ctx_.file->url_transport;
      if (u == "sse") s.transport = model::Transport::kSse;
      else if (u == "http") s.transport = model::Transport::kHttp;
      else s.transport = EndsWith(s.url, "/sse") ? model::Transport::kSse : model::Transport::kHttp;
    } else if (def.Find("source") != nullptr || def.Find("settings") != nullptr) {
      // Zed: a server provided by an extension, configured only by "settings".
      s.transport = model::Transport::kBuiltin;
      s.transport_declared = "extension";
    }
  }

  void Timeouts(const Node& def, model::Server& s) {
    // The first key present with a usable number counts; each in its unit.
    const std::pair<std::string_view, double> keys[] = {
        {"timeout", static_cast<double>(ctx_.file->timeout_unit_ms)},
        {"startup_timeout_sec", 1000.0},
        {"startup_timeout_ms", 1.0},
        {"connectionTimeout", 1.0}};
    for (const auto& [key, unit] : keys) {
      const Node* n = def.Find(key);
      if (n == nullptr) continue;
      if (!n->IsNumber()) {
        Warn(*n, "\"" + std::string(key) + "\" should be a number");
        continue;
      }
      const double ms = (n->kind == Kind::kInt ? static_cast<double>(n->integer) : n->number) * unit;
      // 1e400 reads as infinity and 1e300 seconds does not fit in int64:
      // converting either is undefined behaviour, so they are refused here.
      // (The comparison is false for NaN too.)
      if (!(std::fabs(ms) < 9.2e18)) {
        Warn(*n, "\"" + std::string(key) + "\" is out of range");
        continue;
      }
      s.timeout_ms = static_cast<int64_t>(ms);
      return;
    }
  }

  void Flags(const Node& def, model::Server& s) {
    for (std::string_view key : {"disabled", "enabled", "isActive"}) {
      const Node* n = def.Find(key);
      if (n == nullptr) continue;
      if (!n->IsBool()) {
        Warn(*n, "\"" + std::string(key) + "\" should be true or false");
        continue;
      }
      s.enabled = key == "disabled" ? !n->boolean : n->boolean;
    }
    for (std::string_view key : {"autoApprove", "alwaysAllow"}) {
      if (const Node* n = def.Find(key)) {
        std::vector<std::string> tools = StringList(*n, "\"" + std::string(key) + "\"");
        s.auto_approve.insert(s.auto_approve.end(), tools.begin(), tools.end());
      }
    }
    if (const Node* t = def.Find("trust"); t != nullptr && t->IsBool()) s.trust = t->boolean;
    for (std::string_view key : {"oauth", "auth"}) {
      const Node* o = def.Find(key);
      if (o != nullptr && !(o->IsBool() && !o->boolean) && !o->IsNull()) s.has_oauth = true;
      if (o == nullptr || !o->IsObject()) continue;
      // Static OAuth client secrets (Cursor "auth", Gemini/OpenCode "oauth").
      for (const formats::Member& m : o->members) {
        if (m.value.IsString() && classify::SecretLookingName(m.key)) {
          s.oauth_secrets.push_back(model::NamedValue{std::string(key) + "." + m.key, m.value.str, At(m.key_pos), {}});
        }
      }
    }
  }

  void Passthrough(const Node& def, model::Server& s) {
    for (std::string_view key : {"env_keys", "env_vars"}) {
      const Node* n = def.Find(key);
      if (n == nullptr) continue;
      if (!n->IsArray()) {
        Warn(*n, "\"" + std::string(key) + "\" should be an array");
        continue;
      }
      for (const Node& item : n->items) {
        // Codex allows {name = "X", source = "local"} as well as "X".
        if (item.IsObject()) {
          if (const Node* name = item.Find("name"); name != nullptr && name->IsString()) {
            s.env_passthrough.push_back(name->str);
          }
        } else if (auto v = Scalar(item, "\"" + std::string(key) + "\" item")) {
          s.env_passthrough.push_back(*v);
        }
      }
    }
  }

  void Headers(const Node& def, model::Server& s) {
    if (const Node* h = First(def, {"headers", "http_headers"})) s.headers = NamedValues(*h, "headers");
    else if (const Node* ro = def.Find("requestOptions"); ro != nullptr && ro->IsObject()) {
      if (const Node* rh = ro->Find("headers")) s.headers = NamedValues(*rh, "headers");
    }
    // Codex: header name -> the environment variable that holds its value.
    if (const Node* eh = def.Find("env_http_headers")) {
      for (model::NamedValue& v : NamedValues(*eh, "env_http_headers")) {
        v.reference = "$" + v.value;
        v.value = v.reference;
        s.headers.push_back(std::move(v));
      }
    }
  }

  void Interpolations(model::Server& s) {
    auto scan = [&](const std::string& text, const std::string& field) {
      for (model::Interpolation& i : FindInterpolations(text, field)) s.interpolations.push_back(std::move(i));
    };
    scan(s.command, "command");
    for (size_t i = 0; i < s.args.size(); ++i) scan(s.args[i], "args[" + std::to_string(i) + "]");
    scan(s.cwd, "cwd");
    for (const model::NamedValue& v : s.env) scan(v.value, "env." + v.name);
    scan(s.env_file, "env_file");
    scan(s.url, "url");
    for (const model::NamedValue& v : s.headers) scan(v.value, "headers." + v.name);
    scan(s.headers_helper, "headers_helper");
  }

  model::Server Map(const std::string& name, const Node& outer, formats::Pos key_pos) {
    model::Server s;
    s.name = name;
    s.host = ctx_.host;
    s.config_path = ctx_.config_path;
    s.scope = ctx_.scope;
    s.project = ctx_.project;
    s.pos = At(key_pos);
    if (!outer.IsObject()) {
      Warn(outer, "server \"" + name + "\" should be an object, not " + std::string(formats::KindName(outer.kind)));
      return s;
    }
    // Continue's legacy config.json: {"transport": {"type", "command", "args"}}.
    const Node* inner = outer.Find("transport");
    const Node& def = (inner != nullptr && inner->IsObject()) ? *inner : outer;
    Command(def, s);
    Args(def, s);
    // Wrapped by 'mcpguard hooks install': the server is what runs inside.
    if (auto w = ParseWrapped(s.command, s.args)) {
      s.command = std::move(w->command);
      s.args = std::move(w->args);
      s.wrapped = true;
    }
    if (const Node* e = First(def, {"env", "envs", "environment"}); e != nullptr && s.env.empty()) {
      s.env = NamedValues(*e, "env");
    }
    if (auto v = String(def, {"envFile", "env_file"})) s.env_file = *v;
    if (auto v = String(def, {"cwd", "workingDirectory"})) s.cwd = *v;
    Passthrough(def, s);
    const bool http_url = def.Find("httpUrl") != nullptr;
    if (auto v = String(def, {"url", "serverUrl", "httpUrl", "uri", "baseUrl"})) s.url = *v;
    bool tcp = false;
    if (auto v = String(def, {"tcp"}); v && s.url.empty()) {
      s.url = "tcp://" + *v;
      tcp = true;
    }
    Headers(def, s);
    if (auto v = String(def, {"headersHelper"})) s.headers_helper = *v;
    if (auto v = String(def, {"bearer_token_env_var"})) s.bearer_token_env_var = *v;
    Transport(def, s, http_url, tcp);
    if (s.transport == model::Transport::kUnknown && s.transport_declared.empty()) {
      Warn(outer, "server \"" + name + "\" has neither a command nor a url");
    }
    Flags(outer, s);
    Timeouts(outer, s);
    Interpolations(s);
    s.redacted_command = classify::RedactText(s.command);
    s.redacted_args = classify::RedactArgs(s.args);
    s.redacted_url = classify::RedactUrl(s.url);
    return s;
  }

  // A map of name -> server, or a list of servers carrying "name".
  std::vector<model::Server> Container(const Node& n, const std::string& key) {
    std::vector<model::Server> out;
    if (n.IsObject()) {
      std::map<std::string, size_t> index;
      for (const formats::Member& m : n.members) {
        model::Server s = Map(m.key, m.value, m.key_pos);
        auto [it, fresh] = index.emplace(m.key, out.size());
        if (fresh) out.push_back(std::move(s));
        else out[it->second] = std::move(s);  // JSON.parse keeps the last one
      }
    } else if (n.IsArray()) {
      for (size_t i = 0; i < n.items.size(); ++i) {
        const Node& item = n.items[i];
        std::string name;
        if (item.IsObject()) {
          if (const Node* nm = item.Find("name"); nm != nullptr && nm->IsString()) name = nm->str;
        }
        if (name.empty()) {
          name = "server-" + std::to_string(i + 1);
          if (item.IsObject()) Warn(item, "server without a \"name\"; listed as \"" + name + "\"");
        }
        out.push_back(Map(name, item, item.pos));
      }
    } else if (!n.IsNull()) {
      Warn(n, "\"" + key + "\" should be an object of servers, not " + std::string(formats::KindName(n.kind)));
    }
    return out;
  }

 private:
  const MapContext& ctx_;
  std::vector<model::Diagnostic>& diags_;
};

}  // namespace

const Node* FindPath(const Node& root, std::string_view dotted) {
  if (!root.IsObject()) return nullptr;
  if (const Node* whole = root.Find(dotted)) return whole;
  for (size_t dot = dotted.find('.'); dot != std::string_view::npos; dot = dotted.find('.', dot + 1)) {
    if (const Node* head = root.Find(dotted.substr(0, dot))) {
      if (const Node* rest = FindPath(*head, dotted.substr(dot + 1))) return rest;
    }
  }
  return nullptr;
}

model::Server MapServer(const std::string& name, const Node& def, formats::Pos key_pos, const MapContext& ctx,
                        std::vector<model::Diagnostic>& diags) {
  return Mapper(ctx, diags).Map(name, def, key_pos);
}

std::optional<Extracted> ExtractServers(const Node& root, const MapContext& ctx, std::vector<model::Diagnostic>& diags) {
  const rules::FileSpec& spec = *ctx.file;
  Mapper mapper(ctx, diags);
  std::optional<Extracted> out;
  auto take = [&](const std::string& key, bool foreign) -> bool {
    const Node* n = FindPath(root, key);
    if (n == nullptr) return false;
    out = Extracted{key, foreign, {}, {}};
    if (spec.single) {
      const std::string name = Basename(Dirname(ctx.config_path));
      out->servers.push_back(mapper.Map(name, *n, n->pos));
    } else {
      out->servers = mapper.Container(*n, key);
    }
    return true;
  };
  bool found = false;
  for (const std::string& key : spec.servers) {
    if ((found = take(key, false))) break;
  }
  if (!found) {
    for (const std::string& key : spec.foreign_servers) {
      if ((found = take(key, true))) break;
    }
  }
  // Claude Code's ~/.claude.json: projects["/abs/path"].mcpServers (local scope).
  if (!spec.nested.empty()) {
    const Node* projects = FindPath(root, spec.nested);
    if (projects != nullptr && projects->IsObject()) {
      for (const formats::Member& p : projects->members) {
        std::vector<std::string> disabled;
        if (const Node* d = spec.nested_disabled.empty() ? nullptr : p.value.Find(spec.nested_disabled);
            d != nullptr && d->IsArray()) {
          for (const Node& item : d->items) {
            if (item.IsString()) disabled.push_back(item.str);
          }
        }
        const Node* servers = p.value.Find(spec.nested_servers);
        std::vector<model::Server> local;
        if (servers != nullptr) {
          local = mapper.Container(*servers, spec.nested + "." + p.key + "." + spec.nested_servers);
        }
        if (local.empty() && disabled.empty()) continue;
        if (!out) out = Extracted{spec.servers.front(), false, {}, {}};
        if (!disabled.empty()) out->disabled_in_project[p.key] = disabled;
        for (model::Server& s : local) {
          s.scope = spec.nested_scope;
          s.project = p.key;
          if (std::find(disabled.begin(), disabled.end(), s.name) != disabled.end()) s.enabled = false;
          out->servers.push_back(std::move(s));
        }
      }
    }
  }
  return out;
}

}  // namespace mcpguard::inventory

#include "classify/credentials.h"

#include <algorithm>

#include "base/text.h"
#include "classify/detect.h"
#include "classify/redact.h"

namespace mcpguard::classify {
namespace {

using model::Credential;
using model::NamedValue;
using model::Server;
using Spans = std::vector<std::pair<size_t, size_t>>;

class Classifier {
 public:
  Classifier(Server& server, const ClassifyContext& ctx) : s_(server), ctx_(ctx) {}

  void Run() {
    s_.credentials.clear();
    for (const NamedValue& v : s_.env) Value(v.value, v.name, "env." + v.name, v.pos, "plaintext");
    const size_t before_env_file = s_.credentials.size();
    for (const NamedValue& v : s_.env_file_values) Value(v.value, v.name, "env_file." + v.name, v.pos, "env-file");
    InFile(before_env_file, s_.env_file_path);
    for (const NamedValue& v : s_.headers) Value(v.value, v.name, "headers." + v.name, v.pos, "plaintext");
    for (const NamedValue& v : s_.oauth_secrets) {
      Value(v.value, v.name.substr(v.name.find('.') + 1), v.name, v.pos, "plaintext");
    }
    const size_t before_settings = s_.credentials.size();
    for (const NamedValue& v : s_.extension_settings) {
      Value(v.value, v.name, "extension_settings." + v.name, v.pos, "extension-settings");
    }
    InFile(before_settings, s_.extension_settings_path);
    Args();
    if (!s_.url.empty()) Value(s_.url, "", "url", s_.pos, "plaintext", &url_spans_, 0);
    Url();
    Passthrough();
    Remask();
  }

 private:
  Credential FromDetection(const Detection& d, std::string_view value, const std::string& location,
                           model::SourcePos pos, const std::string& storage) const {
    Credential c;
    c.location = location;
    c.pos = pos;
    c.storage = storage;
    c.rule = d.rule->id;
    c.provider = d.rule->provider;
    c.kind = d.rule->kind;
    c.scope = d.rule->scope;
    c.blast_radius = d.rule->blast_radius;
    c.severity = static_cast<model::Severity>(d.rule->severity);
    c.live = d.rule->live;
    c.facts = d.facts;
    if (ctx_.key != nullptr) c.fingerprint = crypto::Fingerprint(*ctx_.key, value.substr(d.offset, d.length));
    return c;
  }

  // Credentials from index `from` on live in `file`, not in the config.
  void InFile(size_t from, const std::string& file) {
    for (size_t i = from; i < s_.credentials.size(); ++i) s_.credentials[i].file = file;
  }

  void Add(Credential c) {
    // One secret found twice in one place (a URL's userinfo and the whole
    // URL) is one credential.
    for (const Credential& have : s_.credentials) {
      if (have.location == c.location && !c.fingerprint.empty() && have.fingerprint == c.fingerprint) return;
    }
    s_.credentials.push_back(std::move(c));
  }

  // A literal value: whatever Detect recognises in it. Where the value is
  // shown (args, url), the spans found are recorded at `base` + offset, so
  // the display copy can mask exactly what was recognised.
  void Literal(std::string_view value, std::string_view name, const std::string& location, model::SourcePos pos,
               const std::string& storage, Spans* spans = nullptr, size_t base = 0) {
    for (const Detection& d : Detect(value, name, *ctx_.rules, ctx_.now_unix)) {
      // A whole connection string is masked where it holds the secret (the
      // password), not everywhere: the host and user are worth seeing.
      const bool url_rule = d.rule->decoder == "db-url" || d.rule->decoder == "url";
      if (spans != nullptr && !url_rule) spans->emplace_back(base + d.offset, d.length);
      Add(FromDetection(d, value, location, pos, storage));
    }
  }

  void Value(const std::string& value, std::string_view name, const std::string& location, model::SourcePos pos,
             const std::string& storage, Spans* spans = nullptr, size_t base = 0) {
    if (value.empty()) return;
    if (!IsReferenceOnly(value)) {
      Literal(value, name, location, pos, storage, spans, base);
      return;
    }
    for (const model::Interpolation& ref : s_.interpolations) {
      if (ref.field == location) Reference(ref, name, location, pos);
    }
  }

  // An environment (or keychain) reference: whether the variable is set in
  // our environment and, when it is, what its value is. Returns false when
  // there is nothing worth reporting (an unset, innocent-looking name).
  bool ResolveEnv(const std::string& var, std::string_view detect_name, bool secret_name, Credential base) {
    std::optional<std::string> v = ctx_.env != nullptr ? ctx_.env->Get(var) : std::nullopt;
    base.reference_set = v.has_value();
    if (v) {
      std::vector<Detection> found = Detect(*v, detect_name, *ctx_.rules, ctx_.now_unix);
      for (const Detection& d : found) {
        Credential r = FromDetection(d, *v, base.location, base.pos, base.storage);
        r.reference = base.reference;
        r.reference_set = true;
        Add(std::move(r));
      }
      if (!found.empty()) return true;
      if (!secret_name) return false;
      if (ctx_.key != nullptr) base.fingerprint = crypto::Fingerprint(*ctx_.key, *v);
    } else if (!secret_name) {
      return false;
    }
    Add(std::move(base));
    return true;
  }

  // A reference: where it resolves from, whether it is set, and (environment
  // references that are set) what the value is.
  void Reference(const model::Interpolation& ref, std::string_view name, const std::string& location,
                 model::SourcePos pos) {
    if (ref.kind == "predefined" || ref.kind == "user_config") return;
    Credential c;
    c.location = location;
    c.pos = pos;
    c.reference = ref.syntax;
    if (ref.kind == "env") {
      c.storage = "environment";
      ResolveEnv(ref.name, name.empty() ? ref.name : name, SecretLookingName(name) || SecretLookingName(ref.name),
                 std::move(c));
      return;
    }
    if (ref.kind == "input") c.storage = "input";  // VS Code keeps it in its secret storage
    else if (ref.kind == "file") c.storage = "file";
    else if (ref.kind == "secret") c.storage = "secret-store";  // Continue: .env files or its hub
    else return;
    Add(std::move(c));
  }

  void Args() {
    arg_spans_.assign(s_.args.size(), {});
    for (size_t i = 0; i < s_.args.size(); ++i) {
      const std::string& arg = s_.args[i];
      const std::string location = "args[" + std::to_string(i) + "]";
      std::string_view name;
      std::string_view value = arg;
      const size_t eq = arg.find('=');
      const size_t colon = arg.find(':');
      if (i > 0 && (s_.args[i - 1] == "--header" || s_.args[i - 1] == "-H") && colon != std::string::npos &&
          colon > 0) {
        name = std::string_view(arg).substr(0, colon);  // --header "Authorization: Bearer x"
        value = Trim(std::string_view(arg).substr(colon + 1));
      } else if (StartsWith(arg, "-") && eq != std::string::npos) {
        name = std::string_view(arg).substr(0, eq);
        value = std::string_view(arg).substr(eq + 1);
      } else if (!StartsWith(arg, "-") && eq != std::string::npos && eq > 0 && arg.find("://") > eq &&
                 arg.find_first_of(" /") > eq) {
        name = std::string_view(arg).substr(0, eq);  // docker -e NAME=value
        value = std::string_view(arg).substr(eq + 1);
      } else if (i > 0 && StartsWith(s_.args[i - 1], "-") && s_.args[i - 1].find('=') == std::string::npos) {
        name = s_.args[i - 1];
      }
      if (IsReferenceOnly(value)) {
        for (const model::Interpolation& ref : s_.interpolations) {
          if (ref.field == location) Reference(ref, name, location, s_.pos);
        }
        continue;
      }
      Literal(value, name, location, s_.pos, "plaintext", &arg_spans_[i],
              static_cast<size_t>(value.data() - arg.data()));
    }
  }

  void Url() {
    const size_t q = s_.url.find('?');
    if (q == std::string::npos) return;
    const size_t hash = s_.url.find('#', q);
    const std::string query = s_.url.substr(q + 1, hash == std::string::npos ? std::string::npos : hash - q - 1);
    size_t at = q + 1;  // where the current parameter starts in the URL
    for (const std::string& param : Split(query, '&')) {
      const size_t eq = param.find('=');
      if (eq != std::string::npos) {
        Value(param.substr(eq + 1), param.substr(0, eq), "url", s_.pos, "plaintext", &url_spans_, at + eq + 1);
      }
      at += param.size() + 1;
    }
  }

  // The display copies again, with every recognised credential masked whole
  // on top of the name-based masking done at load time.
  static std::string Masked(const std::string& raw, Spans spans) {
    std::sort(spans.begin(), spans.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::string out = raw;
    size_t limit = out.size();
    for (const auto& [offset, length] : spans) {
      if (offset + length > limit) continue;  // overlaps one already masked
      out.replace(offset, length, kRedacted);
      limit = offset;
    }
    return out;
  }

  void Remask() {
    std::vector<std::string> masked(s_.args.size());
    for (size_t i = 0; i < s_.args.size(); ++i) masked[i] = Masked(s_.args[i], arg_spans_[i]);
    s_.redacted_args = RedactArgs(masked);
    if (!s_.url.empty()) s_.redacted_url = RedactUrl(Masked(s_.url, url_spans_));
  }

  // Names whose values come from the environment or a keychain at launch.
  void Passthrough() {
    for (const std::string& name : s_.env_passthrough) {
      if (!SecretLookingName(name)) continue;
      Credential c;
      c.location = "env_passthrough." + name;
      c.pos = s_.pos;
      c.reference = "$" + name;
      // Goose resolves env_keys from the OS keyring first; Codex env_vars
      // from the environment.
      c.storage = s_.host == "goose" ? "keychain" : "environment";
      ResolveEnv(name, name, true, std::move(c));
    }
    if (!s_.bearer_token_env_var.empty()) {
      Credential c;
      c.location = "bearer_token_env_var";
      c.pos = s_.pos;
      c.reference = "$" + s_.bearer_token_env_var;
      c.storage = "environment";
      ResolveEnv(s_.bearer_token_env_var, "AUTHORIZATION", true, std::move(c));
    }
  }

  Server& s_;
  const ClassifyContext& ctx_;
  std::vector<Spans> arg_spans_;  // per argument: [offset, length) of each credential found
  Spans url_spans_;
};

}  // namespace

void ClassifyServer(model::Server& server, const ClassifyContext& ctx) { Classifier(server, ctx).Run(); }

}  // namespace mcpguard::classify

#include "rules/catalog.h"

#include "rules/signature_file.h"

namespace mcpguard::rules {
namespace {

using formats::Node;

// Reading the catalog: a malformed catalog is a fault of the installation, so
// every problem is an Error naming the file, line and column.
class Reader : public SignatureReader {
 public:
  explicit Reader(const std::string& name) : SignatureReader(name) {}

  // linux/macos/windows lists, plus "unix" (linux and macos) and "any" (all three).
  Result<std::map<Os, std::vector<std::string>>> OsPaths(const Node& table) const {
    std::map<Os, std::vector<std::string>> out;
    const std::pair<const char*, std::vector<Os>> keys[] = {
        {"linux", {Os::kLinux}},
        {"macos", {Os::kMacos}},
        {"windows", {Os::kWindows}},
        {"unix", {Os::kLinux, Os::kMacos}},
        {"any", {Os::kLinux, Os::kMacos, Os::kWindows}},
    };
    for (const auto& [key, oses] : keys) {
      auto list = Strings(table, key);
      if (!list) return tl::make_unexpected(list.error());
      for (Os os : oses) out[os].insert(out[os].end(), list->begin(), list->end());
    }
    return out;
  }

  Result<formats::Format> Format(const Node& table) const {
    auto name = String(table, "format", true);
    if (!name) return tl::make_unexpected(name.error());
    auto f = formats::ParseFormatName(*name);
    if (!f) return tl::make_unexpected(Problem(*table.Find("format"), "unknown format \"" + *name + "\""));
    return *f;
  }

  Result<model::Scope> ScopeOf(const Node& table, std::string_view key, model::Scope fallback) const {
    auto name = String(table, key, false);
    if (!name) return tl::make_unexpected(name.error());
    if (name->empty()) return fallback;
    auto s = model::ParseScope(*name);
    if (!s) return tl::make_unexpected(Problem(*table.Find(key), "unknown scope \"" + *name + "\""));
    return *s;
  }

  Result<FileSpec> File(const Node& t) const {
    FileSpec f;
    auto scope = ScopeOf(t, "scope", model::Scope::kUser);
    if (!scope) return tl::make_unexpected(scope.error());
    f.scope = *scope;
    auto format = Format(t);
    if (!format) return tl::make_unexpected(format.error());
    f.format = *format;
#define MCPG_TRY(var, expr)                                \
  auto var = (expr);                                       \
  if (!var) return tl::make_unexpected(var.error())
    MCPG_TRY(servers, Strings(t, "servers"));
    MCPG_TRY(foreign, Strings(t, "foreign_servers"));
    MCPG_TRY(list, Bool(t, "list"));
    MCPG_TRY(optional, Bool(t, "optional"));
    MCPG_TRY(single, Bool(t, "single"));
    MCPG_TRY(extension_settings, String(t, "extension_settings", false));
    MCPG_TRY(nested, String(t, "nested", false));
    MCPG_TRY(nested_servers, String(t, "nested_servers", false));
    MCPG_TRY(nested_scope, ScopeOf(t, "nested_scope", model::Scope::kLocal));
    MCPG_TRY(nested_disabled, String(t, "nested_disabled", false));
    MCPG_TRY(unit, String(t, "timeout_unit", false));
    MCPG_TRY(url_transport, String(t, "url_transport", false));
    MCPG_TRY(paths, OsPaths(t));
    MCPG_TRY(project, Strings(t, "project"));
    if (servers->empty()) return tl::make_unexpected(Problem(t, "a file needs \"servers\""));
    if (!unit->empty() && *unit != "s" && *unit != "ms") {
      return tl::make_unexpected(Problem(t, "\"timeout_unit\" must be \"s\" or \"ms\""));
    }
    if (!project->empty() && f.scope != model::Scope::kProject) {
      return tl::make_unexpected(Problem(t, "\"project\" paths need scope = \"project\""));
    }
    f.servers = std::move(*servers);
    f.foreign_servers = std::move(*foreign);
    f.list = *list;
    f.optional = *optional;
    f.single = *single;
    f.extension_settings = std::move(*extension_settings);
    f.nested = std::move(*nested);
    f.nested_servers = std::move(*nested_servers);
    f.nested_scope = *nested_scope;
    f.nested_disabled = std::move(*nested_disabled);
    f.timeout_unit_ms = *unit == "s" ? 1000 : 1;
    f.url_transport = std::move(*url_transport);
    f.paths = std::move(*paths);
    f.project_paths = std::move(*project);
    return f;
  }

  Result<HostSpec> Host(const Node& t) const {
    HostSpec h;
    MCPG_TRY(id, String(t, "id", true));
    MCPG_TRY(name, String(t, "name", true));
    h.id = std::move(*id);
    h.name = std::move(*name);
    const Node* files = t.Find("file");
    if (files == nullptr || !files->IsArray() || files->items.empty()) {
      return tl::make_unexpected(Problem(t, "host \"" + h.id + "\" needs at least one [[host.file]]"));
    }
    for (const Node& f : files->items) {
      MCPG_TRY(file, File(f));
      h.files.push_back(std::move(*file));
    }
    return h;
  }

  Result<ProjectSource> Source(const Node& t) const {
    ProjectSource s;
    MCPG_TRY(host, String(t, "host", true));
    MCPG_TRY(format, Format(t));
    MCPG_TRY(paths, OsPaths(t));
    MCPG_TRY(keys_of, String(t, "keys_of", false));
    MCPG_TRY(value, String(t, "value", false));
    if (keys_of->empty() == value->empty()) {
      return tl::make_unexpected(Problem(t, "a project_source needs exactly one of \"keys_of\" and \"value\""));
    }
    s.host = std::move(*host);
    s.format = *format;
    s.paths = std::move(*paths);
    s.keys_of = std::move(*keys_of);
    s.value = std::move(*value);
    return s;
  }

  Result<Family> FamilyOf(const Node& t) const {
    Family f;
    MCPG_TRY(members, Strings(t, "members"));
    MCPG_TRY(paths, OsPaths(t));
    MCPG_TRY(extra, Strings(t, "extra"));
    f.members = std::move(*members);
    f.paths = std::move(*paths);
    f.extra = std::move(*extra);
    return f;
  }
#undef MCPG_TRY
};

}  // namespace

const HostSpec* Catalog::FindHost(std::string_view id) const {
  for (const HostSpec& h : hosts) {
    if (h.id == id) return &h;
  }
  return nullptr;
}

Result<Catalog> ParseCatalog(std::string_view text, const std::string& name) {
  auto doc = ParseSignatureText(text, name, "mcpguard.hosts/1");
  if (!doc) return tl::make_unexpected(doc.error());
  const Node& root = doc->root;
  Reader r(name);
  Catalog c;
  if (const Node* vars = root.Find("variables"); vars != nullptr && vars->IsObject()) {
    for (const formats::Member& m : vars->members) {
      if (!m.value.IsString()) return tl::make_unexpected(r.Problem(m.value, "variables must be strings"));
      c.variable_defaults[m.key] = m.value.str;
    }
  }
  if (const Node* walk = root.Find("walk"); walk != nullptr) {
    auto skip = r.Strings(*walk, "skip");
    if (!skip) return tl::make_unexpected(skip.error());
    c.walk_skip = std::move(*skip);
  }
  if (const Node* launch = root.Find("launch"); launch != nullptr) {
    auto fallbacks = r.Strings(*launch, "path_fallbacks");
    if (!fallbacks) return tl::make_unexpected(fallbacks.error());
    c.path_fallbacks = std::move(*fallbacks);
  }
  if (const Node* fams = root.Find("families"); fams != nullptr && fams->IsObject()) {
    for (const formats::Member& m : fams->members) {
      auto f = r.FamilyOf(m.value);
      if (!f) return tl::make_unexpected(f.error());
      c.families.emplace(m.key, std::move(*f));
    }
  }
  if (const Node* hosts = root.Find("host"); hosts != nullptr && hosts->IsArray()) {
    for (const Node& h : hosts->items) {
      auto host = r.Host(h);
      if (!host) return tl::make_unexpected(host.error());
      if (c.FindHost(host->id) != nullptr) {
        return tl::make_unexpected(r.Problem(h, "host \"" + host->id + "\" is defined twice"));
      }
      c.hosts.push_back(std::move(*host));
    }
  }
  if (const Node* sources = root.Find("project_source"); sources != nullptr && sources->IsArray()) {
    for (const Node& s : sources->items) {
      auto source = r.Source(s);
      if (!source) return tl::make_unexpected(source.error());
      if (c.FindHost(source->host) == nullptr) {
        return tl::make_unexpected(r.Problem(s, "project_source names unknown host \"" + source->host + "\""));
      }
      c.project_sources.push_back(std::move(*source));
    }
  }
  if (c.hosts.empty()) return tl::make_unexpected(r.Problem(root, "no [[host]] entries"));
  return c;
}


}  // namespace mcpguard::rules

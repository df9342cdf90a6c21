#include "inventory/load.h"

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <optional>

#include "base/file.h"
#include "base/path.h"
#include "formats/dotenv.h"
#include "formats/parse.h"
#include "inventory/mapping.h"

namespace mcpguard::inventory {
namespace {

using model::Diagnostic;

struct Claimant {
  const discovery::Candidate* candidate;
  size_t host_index;
  size_t file_index;
};

// Position in the catalog, so the first host listed there owns a shared file.
std::pair<size_t, size_t> CatalogIndex(const rules::Catalog& catalog, const discovery::Candidate& c) {
  for (size_t h = 0; h < catalog.hosts.size(); ++h) {
    if (&catalog.hosts[h] != c.host) continue;
    for (size_t f = 0; f < c.host->files.size(); ++f) {
      if (&c.host->files[f] == c.file) return {h, f};
    }
    return {h, 0};
  }
  return {catalog.hosts.size(), 0};
}

model::ConfigFile Shell(const discovery::Candidate& c) {
  model::ConfigFile f;
  f.host = c.host->id;
  f.host_name = c.host->name;
  f.scope = c.file->scope;
  f.path = c.path;
  f.project = c.project;
  f.format = std::string(formats::FormatName(c.file->format));
  f.found_by = c.found_by;
  return f;
}

Diagnostic FromError(const Error& e, const std::string& path) {
  return Diagnostic{Diagnostic::Severity::kError, path,
                    {static_cast<uint32_t>(std::max(e.line, 0)), static_cast<uint32_t>(std::max(e.column, 0))},
                    e.message};
}

std::string KeyList(const std::vector<std::string>& keys) {
  std::string out;
  for (size_t i = 0; i < keys.size(); ++i) out += (i ? ", \"" : "\"") + keys[i] + "\"";
  return out;
}

// Claude Desktop keeps an extension's on/off switch (and its user_config
// values) beside the extensions, one settings file per extension id.
void ApplyExtensionSettings(const rules::FileSpec& spec, model::ConfigFile& f) {
  const std::string dir = Dirname(f.path);
  std::string rel = spec.extension_settings;
  if (const size_t at = rel.find("{id}"); at != std::string::npos) rel.replace(at, 4, Basename(dir));
  const std::string path = ResolvePath(dir, rel);
  auto text = ReadFileCapped(path);
  if (!text) {
    if (text.error().code != Errc::kNotFound) f.diagnostics.push_back(FromError(text.error(), path));
    return;
  }
  auto doc = formats::Parse(*text, formats::Format::kJson);
  if (!doc) {
    Diagnostic d = FromError(doc.error(), path);
    d.severity = Diagnostic::Severity::kWarning;
    f.diagnostics.push_back(std::move(d));
    return;
  }
  f.settings_path = path;
  const formats::Node* enabled = doc->root.Find("isEnabled");
  const formats::Node* user_config = doc->root.Find("userConfig");
  for (model::Server& s : f.servers) {
    if (enabled != nullptr && enabled->IsBool()) s.enabled = enabled->boolean;
    s.extension_settings_path = path;
    // The values the user typed into the extension's settings (API keys among
    // them) reach the server through ${user_config.KEY}.
    if (user_config == nullptr || !user_config->IsObject()) continue;
    for (const formats::Member& m : user_config->members) {
      if (m.value.IsString()) {
        s.extension_settings.push_back(
            model::NamedValue{m.key, m.value.str, {m.key_pos.line, m.key_pos.col}, {}});
      }
    }
  }
}

// The server's envFile, read into memory for credential classification.
// Relative paths and ${workspaceFolder} resolve against the project root (or
// the config's directory for user configs).
void LoadEnvFile(model::Server& s, model::ConfigFile& f) {
  if (s.env_file.empty()) return;
  std::string path = s.env_file;
  const std::string base = s.project.empty() ? Dirname(f.path) : s.project;
  for (const char* var : {"${workspaceFolder}", "${workspaceRoot}"}) {
    if (const size_t at = path.find(var); at != std::string::npos) path.replace(at, std::string_view(var).size(), base);
  }
  if (path.find('$') != std::string::npos || path.find('{') != std::string::npos) return;  // unresolvable here
  path = ResolvePath(base, path);
  auto text = ReadFileCapped(path, 1u << 20);
  if (!text) {
    f.diagnostics.push_back(Diagnostic{Diagnostic::Severity::kWarning, f.path, s.pos,
                                       "server \"" + s.name + "\": envFile " + path + ": " + text.error().message});
    return;
  }
  s.env_file_path = path;
  for (formats::DotenvEntry& e : formats::ParseDotenv(*text)) {
    s.env_file_values.push_back(model::NamedValue{e.key, std::move(e.value), {e.pos.line, e.pos.col}, {}});
  }
}

// The ConfigFile of one host's claim on a parsed file.
model::ConfigFile Claimed(const discovery::Candidate& c, const formats::Document& doc, std::vector<Diagnostic> diags,
                          Extracted ex) {
  model::ConfigFile f = Shell(c);
  f.servers_key = ex.key;
  for (const formats::Warning& w : doc.warnings) {
    f.diagnostics.push_back(Diagnostic{Diagnostic::Severity::kWarning, c.path, {w.pos.line, w.pos.col}, w.message});
  }
  f.diagnostics.insert(f.diagnostics.end(), diags.begin(), diags.end());
  if (ex.foreign && !ex.servers.empty()) {
    f.diagnostics.push_back(Diagnostic{Diagnostic::Severity::kWarning, c.path, {},
                                       "servers are under \"" + ex.key + "\", which " + c.host->name +
                                           " does not read (it expects " + KeyList(c.file->servers) +
                                           "): they are listed but will not start"});
    for (model::Server& s : ex.servers) s.enabled = false;
  }
  f.servers = std::move(ex.servers);
  f.disabled_in_project = std::move(ex.disabled_in_project);
  if (!c.file->extension_settings.empty()) ApplyExtensionSettings(*c.file, f);
  for (model::Server& s : f.servers) LoadEnvFile(s, f);
  if (auto st = StatPath(c.path)) f.mode = static_cast<uint32_t>(st->st_mode & 07777);
  return f;
}

// Loads one file that `claimants` (sorted, non-empty) all name.
void LoadGroup(const std::vector<Claimant>& claimants, std::vector<model::ConfigFile>& out) {
  const discovery::Candidate& first = *claimants.front().candidate;
  auto text = ReadFileCapped(first.path);
  if (!text) {
    model::ConfigFile f = Shell(first);
    f.readable = false;
    f.diagnostics.push_back(FromError(text.error(), first.path));
    out.push_back(std::move(f));
    return;
  }
  std::map<formats::Format, Result<formats::Document>> parsed;
  std::vector<model::ConfigFile> claimed;
  const discovery::Candidate* fallback = nullptr;  // a host that would read the file, had it servers
  std::optional<model::ConfigFile> broken;
  struct Foreign {
    const discovery::Candidate* candidate;
    const formats::Document* doc;
    std::vector<Diagnostic> diags;
    Extracted ex;
  };
  std::optional<Foreign> foreign;
  for (const Claimant& cl : claimants) {
    const discovery::Candidate& c = *cl.candidate;
    auto it = parsed.find(c.file->format);
    if (it == parsed.end()) it = parsed.emplace(c.file->format, formats::Parse(*text, c.file->format)).first;
    if (!it->second) {
      if (!broken) {
        broken = Shell(c);
        broken->readable = false;
        broken->diagnostics.push_back(FromError(it->second.error(), c.path));
      }
      continue;
    }
    const formats::Document& doc = *it->second;
    std::vector<Diagnostic> diags;
    MapContext ctx{c.file, c.host->id, c.path, c.file->scope, c.project};
    std::optional<Extracted> ex = ExtractServers(doc.root, ctx, diags);
    if (!ex) {
      if (!c.file->optional && fallback == nullptr) fallback = &c;
      continue;
    }
    // A key this host only knows as another host's is a claim of last resort:
    // kept aside, and used only when no host reads the file natively.
    if (ex->foreign) {
      if (!foreign) foreign = Foreign{&c, &doc, std::move(diags), std::move(*ex)};
      continue;
    }
    // The same key already claimed by an earlier host: one definition, live
    // in several hosts.
    auto same = std::find_if(claimed.begin(), claimed.end(),
                             [&](const model::ConfigFile& f) { return f.servers_key == ex->key; });
    if (same != claimed.end()) {
      if (same->host != c.host->id &&
          std::find(same->also_read_by.begin(), same->also_read_by.end(), c.host->id) == same->also_read_by.end()) {
        same->also_read_by.push_back(c.host->id);
      }
      continue;
    }
    claimed.push_back(Claimed(c, doc, std::move(diags), std::move(*ex)));
  }
  if (claimed.empty() && foreign) {
    claimed.push_back(Claimed(*foreign->candidate, *foreign->doc, std::move(foreign->diags), std::move(foreign->ex)));
  }
  if (!claimed.empty()) {
    for (model::ConfigFile& f : claimed) out.push_back(std::move(f));
  } else if (broken) {
    out.push_back(std::move(*broken));
  } else if (fallback != nullptr) {
    model::ConfigFile f = Shell(*fallback);
    f.diagnostics.push_back(Diagnostic{Diagnostic::Severity::kNote, fallback->path, {},
                                       "no " + KeyList(fallback->file->servers) + " key: no servers configured"});
    out.push_back(std::move(f));
  }
}

// Claude Code switches project servers off per project in ~/.claude.json:
// apply those lists to the same host's project files.
void ApplyProjectSwitches(std::vector<model::ConfigFile>& configs) {
  for (const model::ConfigFile& from : configs) {
    for (const auto& [project, names] : from.disabled_in_project) {
      for (model::ConfigFile& to : configs) {
        if (to.host != from.host || to.scope != model::Scope::kProject || to.project != CleanPath(project)) continue;
        for (model::Server& s : to.servers) {
          if (std::find(names.begin(), names.end(), s.name) != names.end()) s.enabled = false;
        }
      }
    }
  }
}

}  // namespace

std::vector<model::ConfigFile> LoadConfigs(const std::vector<discovery::Candidate>& candidates,
                                           const rules::Catalog& catalog) {
  // Group by the file itself (device and inode), so a symlink or a second
  // route to the same file does not list its servers twice.
  std::map<std::pair<dev_t, ino_t>, std::vector<Claimant>> by_inode;
  std::map<std::string, std::vector<Claimant>> by_path;  // files that cannot be stat'ed
  for (const discovery::Candidate& c : candidates) {
    auto [h, f] = CatalogIndex(catalog, c);
    Claimant cl{&c, h, f};
    struct stat st {};
    if (::stat(c.path.c_str(), &st) == 0) by_inode[{st.st_dev, st.st_ino}].push_back(cl);
    else by_path[c.path].push_back(cl);
  }
  std::vector<std::vector<Claimant>> groups;
  for (auto& [k, v] : by_inode) groups.push_back(std::move(v));
  for (auto& [k, v] : by_path) groups.push_back(std::move(v));
  std::vector<model::ConfigFile> out;
  for (std::vector<Claimant>& g : groups) {
    // Catalog order decides the owner; the catalog route beats a --deep one.
    std::stable_sort(g.begin(), g.end(), [](const Claimant& a, const Claimant& b) {
      if (a.host_index != b.host_index) return a.host_index < b.host_index;
      return a.file_index < b.file_index;
    });
    LoadGroup(g, out);
  }
  ApplyProjectSwitches(out);
  std::map<std::string, size_t> host_order;
  for (size_t i = 0; i < catalog.hosts.size(); ++i) host_order[catalog.hosts[i].id] = i;
  std::sort(out.begin(), out.end(), [&](const model::ConfigFile& a, const model::ConfigFile& b) {
    if (a.host != b.host) return host_order[a.host] < host_order[b.host];
    return a.path < b.path;
  });
  return out;
}

}  // namespace mcpguard::inventory

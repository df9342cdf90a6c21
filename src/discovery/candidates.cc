#include "discovery/candidates.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "base/file.h"
#include "base/path.h"
#include "base/text.h"

namespace mcpguard::discovery {
namespace {

bool IsVarChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The value of one variable: the environment's, else the catalog default
// (itself a template: "~/.config", "/ProgramData"). nullopt: drop the path.
std::optional<std::string> Variable(const std::string& name, const Context& ctx, const rules::Catalog& catalog) {
  if (auto v = ctx.env.Get(name); v && IsAbsolutePath(*v)) return *v;
  auto it = catalog.variable_defaults.find(name);
  if (it == catalog.variable_defaults.end()) return std::nullopt;
  const std::string& def = it->second;
  if (def == "~" || StartsWith(def, "~/")) return ctx.home + def.substr(1);
  if (IsAbsolutePath(def)) return ctx.root + def;
  return std::nullopt;
}

// Replaces ~, $VAR, ${VAR} and %VAR%; nullopt when a variable is unresolvable.
std::optional<std::string> Substitute(const std::string& tmpl, const Context& ctx, const rules::Catalog& catalog) {
  std::string out;
  size_t i = 0;
  if (tmpl == "~" || StartsWith(tmpl, "~/")) {
    out = ctx.home;
    i = 1;
  } else if (IsAbsolutePath(tmpl)) {
    out = ctx.root;  // a system path lives under --root
  }
  while (i < tmpl.size()) {
    const char c = tmpl[i];
    std::string name;
    size_t next = i;
    if (c == '$' && i + 1 < tmpl.size() && tmpl[i + 1] == '{') {
      const size_t close = tmpl.find('}', i + 2);
      if (close == std::string::npos) return std::nullopt;
      name = tmpl.substr(i + 2, close - i - 2);
      next = close + 1;
    } else if (c == '$') {
      size_t j = i + 1;
      while (j < tmpl.size() && IsVarChar(tmpl[j])) ++j;
      name = tmpl.substr(i + 1, j - i - 1);
      next = j;
    } else if (c == '%') {
      const size_t close = tmpl.find('%', i + 1);
      if (close == std::string::npos) return std::nullopt;
      name = tmpl.substr(i + 1, close - i - 1);
      next = close + 1;
    }
    if (name.empty()) {
      out += c;
      ++i;
      continue;
    }
    auto value = Variable(name, ctx, catalog);
    if (!value) return std::nullopt;
    // A variable at the start replaces whatever root prefix was assumed.
    if (i == 0) out.clear();
    out += *value;
    i = next;
  }
  return CleanPath(out);
}

void GlobFrom(const std::string& base, const std::vector<std::string>& parts, size_t index,
              std::vector<std::string>& out) {
  if (index == parts.size()) {
    if (Exists(base)) out.push_back(base);
    return;
  }
  const std::string& part = parts[index];
  if (part.find_first_of("*?") == std::string::npos) {
    const std::string next = base == "/" ? "/" + part : base + "/" + part;
    // Only the last component may be a file; the others must be directories.
    if (index + 1 < parts.size() && !IsDirectory(next)) return;
    GlobFrom(next, parts, index + 1, out);
    return;
  }
  auto names = ListDir(base.empty() ? "/" : base);
  if (!names) return;
  for (const std::string& name : *names) {
    // A pattern never matches a hidden entry unless it asks for one.
    if (name[0] == '.' && part[0] != '.') continue;
    if (GlobMatch(part, name)) GlobFrom(base == "/" ? "/" + name : base + "/" + name, parts, index + 1, out);
  }
}

}  // namespace

std::string HomeOf(const Environment& env, Os os) {
  if (os == Os::kWindows) {
    if (auto p = env.Get("USERPROFILE"); p && IsAbsolutePath(*p)) return CleanPath(*p);
  }
  if (auto h = env.Get("HOME")) return CleanPath(*h);
  return "/";
}

bool HostSelected(const std::vector<std::string>& host_ids, const std::string& id) {
  return host_ids.empty() || std::find(host_ids.begin(), host_ids.end(), id) != host_ids.end();
}

std::vector<std::string> ExpandGlob(const std::string& path) {
  std::vector<std::string> out;
  if (!IsAbsolutePath(path)) return out;
  std::vector<std::string> parts;
  for (std::string& p : Split(path.substr(1), '/')) {
    if (!p.empty()) parts.push_back(std::move(p));
  }
  GlobFrom("", parts, 0, out);
  for (std::string& p : out) {
    if (p.empty()) p = "/";
  }
  return out;
}

std::vector<std::string> ExpandTemplate(const std::string& tmpl, const Context& ctx, const rules::Catalog& catalog) {
  std::vector<std::string> out;
  if (StartsWith(tmpl, "{")) {
    const size_t close = tmpl.find('}');
    if (close == std::string::npos) return out;
    auto fam = catalog.families.find(std::string_view(tmpl).substr(1, close - 1));
    if (fam == catalog.families.end()) return out;
    const std::string rest = tmpl.substr(close + 1);
    std::vector<std::string> dirs;
    if (auto it = fam->second.paths.find(ctx.os); it != fam->second.paths.end()) {
      for (const std::string& d : it->second) {
        for (const std::string& member : fam->second.members) {
          std::string t = d;
          const size_t at = t.find("{member}");
          if (at != std::string::npos) t.replace(at, 8, member);
          dirs.push_back(t);
        }
      }
    }
    dirs.insert(dirs.end(), fam->second.extra.begin(), fam->second.extra.end());
    for (const std::string& d : dirs) {
      auto more = ExpandTemplate(d + rest, ctx, catalog);
      out.insert(out.end(), more.begin(), more.end());
    }
  } else if (auto path = Substitute(tmpl, ctx, catalog)) {
    out = ExpandGlob(*path);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<Candidate> UserCandidates(const rules::Catalog& catalog, const Context& ctx,
                                      const std::vector<std::string>& host_ids) {
  std::vector<Candidate> out;
  for (const rules::HostSpec& host : catalog.hosts) {
    if (!HostSelected(host_ids, host.id)) continue;
    for (const rules::FileSpec& file : host.files) {
      auto it = file.paths.find(ctx.os);
      if (it == file.paths.end()) continue;
      for (const std::string& tmpl : it->second) {
        for (std::string& path : ExpandTemplate(tmpl, ctx, catalog)) {
          out.push_back(Candidate{std::move(path), &host, &file, {}, "catalog"});
        }
      }
    }
  }
  return out;
}

std::vector<Candidate> ProjectCandidates(const rules::Catalog& catalog, const std::string& project_root,
                                         const std::string& found_by, const std::vector<std::string>& host_ids) {
  std::vector<Candidate> out;
  for (const rules::HostSpec& host : catalog.hosts) {
    if (!HostSelected(host_ids, host.id)) continue;
    for (const rules::FileSpec& file : host.files) {
      for (const std::string& rel : file.project_paths) {
        for (std::string& path : ExpandGlob(JoinPath(project_root, rel))) {
          out.push_back(Candidate{std::move(path), &host, &file, project_root, found_by});
        }
      }
    }
  }
  return out;
}

}  // namespace mcpguard::discovery

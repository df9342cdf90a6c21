#include "app/history_diff.h"

#include <map>
#include <set>

#include "app/record.h"

namespace mcpguard::app {
namespace {

using nlohmann::json;

constexpr std::string_view kConfigsDir = "configs/";

bool IsConfig(const std::string& file) { return file.compare(0, kConfigsDir.size(), kConfigsDir) == 0; }

std::string HostOf(const std::string& file) {
  const size_t start = kConfigsDir.size();
  return file.substr(start, file.find('/', start) - start);
}

// Server name → its JSON object, positions left out.
std::map<std::string, json> ServersOf(const history::Files& files, const std::string& file) {
  std::map<std::string, json> out;
  const auto it = files.find(file);
  if (it == files.end()) return out;
  const json j = json::parse(it->second, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("servers") || !j["servers"].is_array()) return out;
  for (json s : j["servers"]) {
    if (!s.is_object() || !s.contains("name") || !s["name"].is_string()) continue;
    DropPositions(s);
    const std::string name = s["name"].get<std::string>();
    out.emplace(name, std::move(s));
  }
  return out;
}

std::vector<std::string> ChangedFields(const json& before, const json& after) {
  std::set<std::string> keys;
  for (const auto& [k, v] : before.items()) keys.insert(k);
  for (const auto& [k, v] : after.items()) keys.insert(k);
  std::vector<std::string> out;
  for (const std::string& k : keys) {
    const bool had = before.contains(k);
    const bool has = after.contains(k);
    if (had != has || (had && before[k] != after[k])) out.push_back(k);
  }
  return out;
}

}  // namespace

std::string_view KindName(ServerDiff::Kind kind) {
  switch (kind) {
    case ServerDiff::Kind::kAdded: return "added";
    case ServerDiff::Kind::kRemoved: return "removed";
    case ServerDiff::Kind::kChanged: return "changed";
  }
  return "changed";
}

std::vector<ServerDiff> DiffServers(const history::Files& before, const history::Files& after) {
  std::set<std::string> files;
  for (const auto& [file, bytes] : before) {
    if (IsConfig(file)) files.insert(file);
  }
  for (const auto& [file, bytes] : after) {
    if (IsConfig(file)) files.insert(file);
  }
  std::vector<ServerDiff> out;
  for (const std::string& file : files) {
    const auto old_servers = ServersOf(before, file);
    const auto new_servers = ServersOf(after, file);
    std::set<std::string> names;
    for (const auto& [name, s] : old_servers) names.insert(name);
    for (const auto& [name, s] : new_servers) names.insert(name);
    for (const std::string& name : names) {
      const auto was = old_servers.find(name);
      const auto now = new_servers.find(name);
      ServerDiff d;
      d.host = HostOf(file);
      d.config = file;
      d.name = name;
      if (was == old_servers.end()) {
        d.kind = ServerDiff::Kind::kAdded;
      } else if (now == new_servers.end()) {
        d.kind = ServerDiff::Kind::kRemoved;
      } else {
        d.fields = ChangedFields(was->second, now->second);
        if (d.fields.empty()) continue;
        d.kind = ServerDiff::Kind::kChanged;
      }
      out.push_back(std::move(d));
    }
  }
  return out;
}

std::string DiffText(const std::vector<ServerDiff>& diffs) {
  if (diffs.empty()) return "no server changed\n";
  std::string text;
  for (const ServerDiff& d : diffs) {
    const char mark = d.kind == ServerDiff::Kind::kAdded ? '+' : d.kind == ServerDiff::Kind::kRemoved ? '-' : '~';
    text += std::string(1, mark) + " " + d.host + "/" + d.name + "  " + std::string(KindName(d.kind));
    for (size_t i = 0; i < d.fields.size(); ++i) text += (i == 0 ? ": " : ", ") + d.fields[i];
    text += "  (" + d.config + ")\n";
  }
  return text;
}

json DiffJson(const std::vector<ServerDiff>& diffs) {
  json out = json::array();
  for (const ServerDiff& d : diffs) {
    out.push_back({{"change", std::string(KindName(d.kind))},
                   {"host", d.host},
                   {"name", d.name},
                   {"config", d.config},
                   {"fields", d.fields}});
  }
  return out;
}

}  // namespace mcpguard::app

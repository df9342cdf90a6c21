#include "app/fleet.h"

#include <ctime>
#include <map>
#include <set>

#include "app/record.h"
#include "app/settings.h"
#include "base/clock.h"
#include "base/file.h"
#include "history/store.h"

namespace mcpguard::app {
namespace {

using nlohmann::json;

constexpr std::string_view kConfigsDir = "configs/";

// The fields that say what a server runs or reaches. Paths of the machine's
// own files (config_path, cwd, credentials' locations) and per-machine
// fingerprints are left out: they differ on every machine.
constexpr const char* kComparedFields[] = {
    "transport", "command", "args",   "env",        "url",   "headers",      "enabled",
    "oauth",     "trust",   "env_passthrough", "bearer_token_env_var", "auto_approve", "timeout_ms",
    "headers_helper"};

json Compared(const json& server) {
  json out = json::object();
  for (const char* key : kComparedFields) {
    if (server.contains(key)) out[key] = server[key];
  }
  DropPositions(out);
  return out;
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

template <class T>
std::vector<std::string> Sorted(const std::set<T>& s) {
  return std::vector<std::string>(s.begin(), s.end());
}

}  // namespace

Result<FleetReport> BuildFleetReport(const Environment& env, const std::string& remote_url, int64_t silent_days,
                                     int64_t now) {
  const Paths paths = PathsFor(env);
  if (auto ok = MakePrivateDirs(paths.state_dir); !ok) return tl::make_unexpected(ok.error());
  auto cache = history::Store::OpenOrInit(paths.state_dir + "/fleet");
  if (!cache) return tl::make_unexpected(cache.error());
  auto ids = cache->FetchMachines(remote_url);
  if (!ids) return tl::make_unexpected(ids.error());

  FleetReport report;
  report.silent_days = silent_days;
  // host/name → machine → compared JSON (the first config that has it).
  std::map<std::pair<std::string, std::string>, std::map<std::string, json>> servers;
  std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> fingerprints;
  for (const std::string& id : *ids) {
    const std::string ref = "refs/mcpguard/remote/" + id;
    auto time = cache->CommitTime(ref);
    if (!time) return tl::make_unexpected(time.error());
    auto files = cache->Read(ref);
    if (!files) return tl::make_unexpected(files.error());
    FleetMachine m;
    m.id = id;
    m.last_commit = *time;
    m.silent = now - *time > silent_days * 86400;
    std::set<std::string> hosts;
    size_t counted = 0;
    for (const auto& [file, bytes] : *files) {
      if (file.compare(0, kConfigsDir.size(), kConfigsDir) != 0) continue;
      const size_t start = kConfigsDir.size();
      const std::string host = file.substr(start, file.find('/', start) - start);
      hosts.insert(host);
      const json config = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
      if (!config.is_object() || !config.contains("servers") || !config["servers"].is_array()) continue;
      for (const json& s : config["servers"]) {
        if (!s.is_object() || !s.contains("name") || !s["name"].is_string()) continue;
        ++counted;
        const std::string name = s["name"].get<std::string>();
        servers[{host, name}].emplace(id, Compared(s));
        if (!s.contains("credentials") || !s["credentials"].is_array()) continue;
        for (const json& c : s["credentials"]) {
          if (!c.is_object() || !c.contains("fingerprint") || !c["fingerprint"].is_string()) continue;
          auto& entry = fingerprints[c["fingerprint"].get<std::string>()];
          entry.first.insert(id);
          entry.second.insert(host + "/" + name);
        }
      }
    }
    m.hosts = Sorted(hosts);
    m.servers = counted;
    if (auto it = files->find("summary.json"); it != files->end()) {
      const json summary = json::parse(it->second, nullptr, /*allow_exceptions=*/false);
      if (summary.is_object() && summary.contains("summary") && summary["summary"].is_object() &&
          summary["summary"].contains("servers") && summary["summary"]["servers"].is_number_unsigned()) {
        m.servers = summary["summary"]["servers"].get<size_t>();
      }
    }
    report.machines.push_back(std::move(m));
  }
  for (const auto& [key, by_machine] : servers) {
    if (by_machine.size() < 2) continue;
    const json& first = by_machine.begin()->second;
    std::set<std::string> fields;
    std::vector<std::string> machines;
    for (const auto& [id, s] : by_machine) {
      machines.push_back(id);
      for (const char* f : kComparedFields) {
        const bool a = first.contains(f);
        const bool b = s.contains(f);
        if (a != b || (a && first[f] != s[f])) fields.insert(f);
      }
    }
    if (fields.empty()) continue;
    report.differences.push_back({key.first, key.second, std::move(machines), Sorted(fields)});
  }
  for (const auto& [fp, entry] : fingerprints) {
    if (entry.first.size() < 2) continue;
    report.shared_fingerprints.push_back({fp, Sorted(entry.first), Sorted(entry.second)});
  }
  return report;
}

std::string FleetText(const FleetReport& report, bool markdown) {
  std::string out;
  const std::string h = markdown ? "## " : "";
  const std::string item = markdown ? "- " : "  ";
  out += (markdown ? "# " : "") + std::string("Fleet: ") + std::to_string(report.machines.size()) + " machine" +
         (report.machines.size() == 1 ? "" : "s") + "\n\n";
  out += h + "Machines\n";
  if (markdown) out += "\n| machine | last scan | servers | hosts |\n|---|---|---|---|\n";
  for (const FleetMachine& m : report.machines) {
    const std::string last = FormatUtc(m.last_commit) + (m.silent ? " (silent)" : "");
    if (markdown) {
      out += "| " + m.id + " | " + last + " | " + std::to_string(m.servers) + " | " + Joined(m.hosts) + " |\n";
    } else {
      out += item + m.id + "  " + last + "  " + std::to_string(m.servers) + " servers  " + Joined(m.hosts) + "\n";
    }
  }
  out += "\n" + h + "Servers that differ between machines\n" + (markdown ? "\n" : "");
  if (report.differences.empty()) out += item + "none\n";
  for (const FleetDifference& d : report.differences) {
    out += item + d.host + "/" + d.name + ": " + Joined(d.fields) + " (on " + Joined(d.machines) + ")\n";
  }
  out += "\n" + h + "Credentials on several machines\n" + (markdown ? "\n" : "");
  if (report.shared_fingerprints.empty()) out += item + "none\n";
  for (const SharedFingerprint& s : report.shared_fingerprints) {
    out += item + s.fingerprint + ": " + Joined(s.machines) + " (" + Joined(s.servers) + ")\n";
  }
  out += "\n" + h + "Silent machines (no scan in " + std::to_string(report.silent_days) + " days)\n" +
         (markdown ? "\n" : "");
  bool any = false;
  for (const FleetMachine& m : report.machines) {
    if (!m.silent) continue;
    any = true;
    out += item + m.id + "  last scan " + FormatUtc(m.last_commit) + "\n";
  }
  if (!any) out += item + "none\n";
  return out;
}

json FleetJson(const FleetReport& report) {
  json machines = json::array();
  json silent = json::array();
  for (const FleetMachine& m : report.machines) {
    machines.push_back({{"id", m.id},
                        {"last_commit", FormatUtc(m.last_commit)},
                        {"last_commit_unix", m.last_commit},
                        {"servers", m.servers},
                        {"hosts", m.hosts},
                        {"silent", m.silent}});
    if (m.silent) silent.push_back(m.id);
  }
  json differences = json::array();
  for (const FleetDifference& d : report.differences) {
    differences.push_back({{"host", d.host}, {"name", d.name}, {"machines", d.machines}, {"fields", d.fields}});
  }
  json shared = json::array();
  for (const SharedFingerprint& s : report.shared_fingerprints) {
    shared.push_back({{"fingerprint", s.fingerprint}, {"machines", s.machines}, {"servers", s.servers}});
  }
  return {{"silent_days", report.silent_days},
          {"machines", machines},
          {"differing_servers", differences},
          {"shared_fingerprints", shared},
          {"silent_machines", silent}};
}

}  // namespace mcpguard::app

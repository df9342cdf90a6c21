#include "app/record.h"

#include <pwd.h>
#include <unistd.h>

#include <climits>
#include <set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/settings.h"
#include "base/file.h"
#include "base/path.h"
#include "base/text.h"
#include "crypto/sha256.h"

namespace mcpguard::app {
namespace {

using nlohmann::json;
using Files = std::map<std::string, std::string>;

constexpr std::string_view kConfigsDir = "configs/";

// Fields that differ between two scans of the same machine. Left in, every
// scan would be a commit and `git log` would say nothing.
constexpr const char* kVolatile[] = {"generated_at", "stats", "homes"};

std::string Pretty(json j) {
  if (j.is_object()) {
    for (const char* key : kVolatile) j.erase(key);
  }
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

// "~/.cursor/mcp.json" → "~%2F.cursor%2Fmcp.json": one file name that maps
// back to exactly one path ('%' is escaped too, so no two paths collide), and
// that holds no '/', NUL or control character. A second home (--all-users)
// shows as ~<its directory name>.
std::string EntryName(const std::string& path, const std::vector<std::string>& homes) {
  std::string shown = path;
  for (size_t i = 0; i < homes.size(); ++i) {
    const std::string& home = homes[i];
    if (home.empty() || path.compare(0, home.size(), home) != 0) continue;
    if (path.size() > home.size() && path[home.size()] != '/') continue;
    std::string tilde = "~";
    if (i > 0) tilde += home.substr(home.rfind('/') + 1);
    shown = tilde + path.substr(home.size());
    break;
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : shown) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '/' || ch == '%' || ch == '\\' || ch == ':' || c < 0x20 || c == 0x7f) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      out += ch;
    }
  }
  if (out == "." || out == "..") out = "%2E" + out.substr(1);
  return out + ".json";
}

// configs/<host>/... → <host>
std::string HostOf(const std::string& file) {
  const size_t start = kConfigsDir.size();
  return file.substr(start, file.find('/', start) - start);
}

bool IsConfig(const std::string& file) { return file.compare(0, kConfigsDir.size(), kConfigsDir) == 0; }

// Server name → its JSON text (positions left out), of one recorded config file.
std::map<std::string, std::string> ServersOf(const std::string& bytes) {
  std::map<std::string, std::string> out;
  const json j = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("servers") || !j["servers"].is_array()) return out;
  for (json s : j["servers"]) {
    if (!s.is_object() || !s.contains("name") || !s["name"].is_string()) continue;
    DropPositions(s);
    out[s["name"].get<std::string>()] = s.dump();
  }
  return out;
}

}  // namespace

std::string HistoryDir(const Environment& env) { return PathsFor(env).state_dir + "/history"; }

Result<history::Store> OpenHistory(const Environment& env, history::StoreOptions options) {
  return history::Store::OpenOrInit(HistoryDir(env), options);
}

Files SnapshotFiles(const model::Snapshot& snapshot) {
  Files files;
  for (const model::ConfigFile& c : snapshot.configs) {
    const std::string path = std::string(kConfigsDir) + c.host + "/" + std::string(model::ScopeName(c.scope)) + "/" +
                             EntryName(c.path, snapshot.homes);
    files[path] = Pretty(json(c));
  }
  json whole = snapshot;
  files["findings.json"] = Pretty(whole["findings"]);
  whole.erase("configs");
  whole.erase("findings");
  files["summary.json"] = Pretty(std::move(whole));
  return files;
}

std::string DescribeChange(const std::optional<Files>& previous, const Files& current) {
  if (!previous) {
    size_t servers = 0;
    size_t configs = 0;
    for (const auto& [file, bytes] : current) {
      if (!IsConfig(file)) continue;
      ++configs;
      servers += ServersOf(bytes).size();
    }
    return "first scan: " + std::to_string(servers) + " server" + (servers == 1 ? "" : "s") + " in " +
           std::to_string(configs) + " config" + (configs == 1 ? "" : "s");
  }
  // Per host, in the order of the files (sorted paths), what happened.
  std::vector<std::pair<std::string, std::vector<std::string>>> hosts;
  auto note = [&](const std::string& host, std::string what) {
    if (hosts.empty() || hosts.back().first != host) hosts.emplace_back(host, std::vector<std::string>{});
    hosts.back().second.push_back(std::move(what));
  };
  std::set<std::string> files;
  for (const auto& [file, bytes] : *previous) files.insert(file);
  for (const auto& [file, bytes] : current) files.insert(file);
  std::vector<std::string> others;  // findings.json, summary.json
  for (const std::string& file : files) {
    const auto before = previous->find(file);
    const auto after = current.find(file);
    const bool had = before != previous->end();
    const bool has = after != current.end();
    if (had && has && before->second == after->second) continue;
    if (!IsConfig(file)) {
      others.push_back(file.substr(0, file.rfind('.')));
      continue;
    }
    const auto old_servers = had ? ServersOf(before->second) : std::map<std::string, std::string>{};
    const auto new_servers = has ? ServersOf(after->second) : std::map<std::string, std::string>{};
    const std::string host = HostOf(file);
    const size_t noted = hosts.empty() || hosts.back().first != host ? 0 : hosts.back().second.size();
    for (const auto& [name, body] : new_servers) {
      if (old_servers.count(name) == 0) note(host, "+" + name);
    }
    for (const auto& [name, body] : old_servers) {
      if (new_servers.count(name) == 0) note(host, "-" + name);
    }
    for (const auto& [name, body] : new_servers) {
      auto old = old_servers.find(name);
      if (old != old_servers.end() && old->second != body) note(host, name + " changed");
    }
    const size_t now_noted = hosts.empty() || hosts.back().first != host ? 0 : hosts.back().second.size();
    if (now_noted == noted) note(host, !had ? "new config" : !has ? "config removed" : "config changed");
  }
  std::string message;
  for (const auto& [host, parts] : hosts) {
    if (!message.empty()) message += "; ";
    message += host + ": ";
    for (size_t i = 0; i < parts.size(); ++i) message += (i == 0 ? "" : ", ") + parts[i];
  }
  for (size_t i = 0; message.empty() && i < others.size(); ++i) message = others[i] + " changed";
  if (message.empty()) message = "no change";
  return message;
}

namespace {

// The signed baseline's files as they are on disk (they hold no secret:
// fingerprints and "<credential>" placeholders only).
void AddBaselineFiles(const Environment& env, Files& files) {
  const std::string dir = PathsFor(env).config_dir;
  for (const char* name : {"baseline.json", "baseline.json.minisig"}) {
    files.erase(std::string("baseline/") + name);
    if (auto text = ReadFileCapped(JoinPath(dir, name))) files[std::string("baseline/") + name] = std::move(*text);
  }
}

history::Signature Author(const Environment& env) {
  history::Signature who;
  who.name = UserName(env);
  who.email = "mcpguard@" + HostName();
  return who;
}

}  // namespace

void DropPositions(json& j) {
  if (j.is_object()) {
    for (const char* key : {"position", "line", "column"}) j.erase(key);
  }
  if (j.is_structured()) {
    for (json& child : j) DropPositions(child);
  }
}

Result<std::optional<std::string>> RecordBaseline(const Environment& env, const std::string& message) {
  if (auto ok = MakePrivateDirs(PathsFor(env).state_dir); !ok) return tl::make_unexpected(ok.error());
  auto store = OpenHistory(env);
  if (!store) return tl::make_unexpected(store.error());
  Files files;
  auto log = store->Log(1);
  if (log && !log->empty()) {
    auto head = store->Read("HEAD");
    if (!head) return tl::make_unexpected(head.error());
    files = std::move(*head);
  }
  AddBaselineFiles(env, files);
  return store->Commit(files, message, Author(env));
}

namespace {

// What was last recorded, remembered beside the history: the digest of its
// files and the commit they went into. A re-scan of an unchanged machine
// must not pay libgit2's start-up (it parses the system's CA bundle, some
// ten milliseconds) only to learn that nothing changed.
struct LastRecorded {
  std::string digest;
  std::string commit;
};

std::string MemoPath(const Environment& env) { return PathsFor(env).state_dir + "/history.last"; }

std::string DigestOf(const Files& files) {
  crypto::Sha256 h;
  for (const auto& [path, content] : files) {
    h.Update(path);
    h.Update(std::string_view("\0", 1));
    h.Update(std::to_string(content.size()));
    h.Update(std::string_view("\0", 1));
    h.Update(content);
  }
  return h.FinishHex();
}

std::optional<LastRecorded> ReadMemo(const Environment& env) {
  auto text = ReadFileCapped(MemoPath(env), 4096);
  if (!text) return std::nullopt;
  const std::vector<std::string> parts = Split(Trim(*text), ' ');
  if (parts.size() != 2) return std::nullopt;
  return LastRecorded{parts[0], parts[1]};
}

// The branch as a loose ref file says it; "" when packed or missing (then
// the memo is not trusted and libgit2 decides).
std::string LooseTip(const Environment& env) {
  auto text = ReadFileCapped(HistoryDir(env) + "/refs/heads/main", 4096);
  return text ? std::string(Trim(*text)) : std::string();
}

}  // namespace

Result<std::optional<std::string>> RecordScan(const model::Snapshot& snapshot, const Environment& env) {
  // The state directory holds keys and caches too: private, like the rest.
  if (auto ok = MakePrivateDirs(PathsFor(env).state_dir); !ok) return tl::make_unexpected(ok.error());
  Files files = SnapshotFiles(snapshot);
  AddBaselineFiles(env, files);
  const std::string digest = DigestOf(files);
  if (auto memo = ReadMemo(env); memo && memo->digest == digest && !memo->commit.empty() &&
                                 memo->commit == LooseTip(env)) {
    return std::optional<std::string>();
  }
  auto store = OpenHistory(env);
  if (!store) return tl::make_unexpected(store.error());
  auto committed = store->Commit(
      files, [&](const std::optional<Files>& previous) { return DescribeChange(previous, files); }, Author(env));
  if (!committed) return committed;
  // Best effort: without the memo the next scan only asks libgit2 again.
  if (auto tip = store->TipId(); tip && !tip->empty()) {
    (void)WriteFileAtomic(MemoPath(env), digest + " " + *tip + "\n", 0600);
  }
  return committed;
}

}  // namespace mcpguard::app

#include "app/guard.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/baseline_store.h"
#include "app/settings.h"
#include "base/clock.h"
#include "base/file.h"
#include "base/path.h"
#include "base/process.h"
#include "probe/json_message.h"
#include "probe/launch.h"
#include "probe/surface.h"


namespace mcpguard::app {
namespace {

constexpr int kDrainMs = 5000;

// The server's process group, for the signal handler: a host that stops us
// stops the server too (it is in its own group, so it would not see it).
volatile sig_atomic_t g_server_group = 0;

extern "C" void ForwardSignal(int sig) {
  if (g_server_group > 0) ::kill(-g_server_group, SIGTERM);
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

struct ListSpec {
  const char* method;
  const char* field;  // the array in the result
  const char* kind;   // SurfaceItem::kind
};

constexpr ListSpec kLists[] = {
    {"tools/list", "tools", "tool"},
    {"prompts/list", "prompts", "prompt"},
    {"resources/list", "resources", "resource"},
    {"resources/templates/list", "resourceTemplates", "resource_template"},
};

const ListSpec* ListFor(std::string_view method) {
  for (const ListSpec& l : kLists) {
    if (method == l.method) return &l;
  }
  return nullptr;
}

std::string NameOf(const std::string& kind, const nlohmann::json& def) {
  const char* field = kind == "resource" ? "uri" : kind == "resource_template" ? "uriTemplate" : "name";
  auto it = def.find(field);
  return it != def.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// The server process: its own process group, killed with it when the relay
// ends before it does.
class Child {
 public:
  ~Child() {
    if (pid_ > 0) {
      ::kill(-pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  void Kill() {
    if (pid_ > 0) ::kill(-pid_, SIGKILL);
  }
  Result<void> Start(const std::vector<std::string>& argv) {
    // The server's stderr is the host's: hosts show it to the user.
    auto child = SpawnPiped(SpawnOptions{argv, std::nullopt, {}, false});
    if (!child) return tl::make_unexpected(child.error());
    pid_ = child->pid;
    to_ = std::move(child->in);
    from_ = std::move(child->out);
    g_server_group = pid_;
    for (int sig : {SIGTERM, SIGINT, SIGHUP}) ::signal(sig, ForwardSignal);
    return {};
  }
  int Wait() {
    int status = 0;
    if (pid_ <= 0 || ::waitpid(pid_, &status, 0) != pid_) return 2;
    pid_ = -1;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
  }
  UniqueFd& to() { return to_; }
  UniqueFd& from() { return from_; }

 private:
  pid_t pid_ = -1;
  UniqueFd to_;
  UniqueFd from_;
};

class Relay {
 public:
  Relay(const GuardOptions& o, const Environment& env) : o_(o), paths_(PathsFor(env)) {}

  Result<int> Run() {
    // A host that goes away must not kill us with SIGPIPE before the server
    // is stopped.
    ::signal(SIGPIPE, SIG_IGN);
    if (auto started = child_.Start(o_.argv); !started) return tl::make_unexpected(started.error());
    std::string from_host;
    std::string from_server;
    bool host_open = true;
    char buf[65536];
    while (true) {
      pollfd fds[2] = {{host_open ? 0 : -1, POLLIN, 0}, {child_.from().get(), POLLIN, 0}};
      // Once the host has gone, the server gets a few seconds to finish
      // writing and exit on its own.
      const int ready = ::poll(fds, 2, host_open ? -1 : kDrainMs);
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) {
        child_.Kill();
        break;
      }
      if (fds[0].revents != 0) {
        const ssize_t n = ::read(0, buf, sizeof buf);
        if (n <= 0) {
          host_open = false;
          if (!from_host.empty()) HostLine(from_host + "\n");
          child_.to().Reset();  // EOF for the server: its cue to exit
        } else {
          Lines(from_host, std::string_view(buf, static_cast<size_t>(n)), [&](std::string_view l) { HostLine(l); });
        }
      }
      if (fds[1].revents != 0) {
        const ssize_t n = ::read(child_.from().get(), buf, sizeof buf);
        if (n <= 0) {
          if (!from_server.empty()) ServerLine(from_server);
          break;
        }
        Lines(from_server, std::string_view(buf, static_cast<size_t>(n)), [&](std::string_view l) { ServerLine(l); });
      }
    }
    child_.to().Reset();
    return child_.Wait();
  }

 private:
  template <typename F>
  static void Lines(std::string& pending, std::string_view chunk, F&& each) {
    size_t at = 0;
    for (size_t nl = chunk.find('\n'); nl != std::string_view::npos; nl = chunk.find('\n', at)) {
      if (pending.empty()) {
        each(chunk.substr(at, nl + 1 - at));
      } else {
        pending.append(chunk.substr(at, nl + 1 - at));
        each(pending);
        pending.clear();
      }
      at = nl + 1;
    }
    pending.append(chunk.substr(at));
  }

  // Host -> server: forwarded unchanged, except a call to an item we removed.
  void HostLine(std::string_view line) {
    try {
      if (Intercept(line)) return;
    } catch (const nlohmann::json::exception&) {
      // Not a request we understand: the server answers it as it would.
    }
    if (!WriteAll(child_.to().get(), line)) child_.to().Reset();
  }

  // True when `line` was answered here and must not reach the server.
  bool Intercept(std::string_view line) {
    // Only requests we act on are parsed; the rest pass as bytes.
    if (line.find("/list\"") != std::string_view::npos || line.find("tools/call") != std::string_view::npos ||
        line.find("prompts/get") != std::string_view::npos) {
      // What cannot be read safely is not a request we understand either.
      auto parsed = probe::ParseUntrustedJson(line);
      if (!parsed) return false;
      nlohmann::json& j = *parsed;
      if (j.is_object() && j.contains("id") && j.value("method", "") != "") {
        const std::string method = j["method"].get<std::string>();
        if (ListFor(method) != nullptr || method == "initialize") {
          lists_[j["id"].dump()] = method;
        } else if (method == "tools/call" || method == "prompts/get") {
          const std::string kind = method == "tools/call" ? "tool" : "prompt";
          const nlohmann::json* params = j.contains("params") ? &j["params"] : nullptr;
          const std::string name = params != nullptr && params->is_object() ? params->value("name", "") : "";
          if (blocked_.count(kind + "/" + name) != 0) {
            Refuse(j["id"], kind + "/" + name);
            return true;
          }
        }
      }
    }
    return false;
  }

  void Refuse(const nlohmann::json& id, const std::string& item) {
    Audit("deny", "call to " + item + ", which differs from its approved pin");
    const nlohmann::json err{{"jsonrpc", "2.0"},
                             {"id", id},
                             {"error",
                              {{"code", -32600},
                               {"message", "mcpguard: " + item + " differs from what was approved; blocked by policy"}}}};
    WriteAll(1, err.dump() + "\n");
  }

  // Server -> host: list results are checked, everything else is unchanged.
  // A list result we cannot check is not passed on to a server with pins.
  void ServerLine(std::string_view line) {
    try {
      Check(line);
    } catch (const nlohmann::json::exception&) {
      Unchecked(line);
    }
  }

  // A line that may be a list result but could not be checked: not passed
  // on to a host of a server with pins.
  void Unchecked(std::string_view line) {
    if (o_.approved && o_.approved->surface) {
      Audit("deny", "a list result that cannot be checked was withheld");
    } else {
      WriteAll(1, line);
    }
  }

  void Check(std::string_view line) {
    if (lists_.empty() || line.find("\"result\"") == std::string_view::npos) {
      WriteAll(1, line);
      return;
    }
    // Not JSON, a NUL byte (nlohmann would stop there and check half of
    // what a more lenient host may read on), or nesting too deep to print
    // safely: not a result that can be checked.
    auto parsed = probe::ParseUntrustedJson(line);
    if (!parsed) {
      Unchecked(line);
      return;
    }
    nlohmann::json& j = *parsed;
    auto it = j.is_object() && j.contains("id") ? lists_.find(j["id"].dump()) : lists_.end();
    if (it == lists_.end() || !j.contains("result") || !j["result"].is_object()) {
      WriteAll(1, line);
      return;
    }
    const std::string method = it->second;
    lists_.erase(it);
    if (method == "initialize") {
      initialize_ = j["result"];
      WriteAll(1, line);
      return;
    }
    if (!o_.approved || !o_.approved->surface) {
      RecordPending(method, j["result"]);
      WriteAll(1, line);
      return;
    }
    std::vector<std::string> removed = FilterListed(method, j["result"], *o_.approved->surface, o_.secrets);
    if (removed.empty()) {
      WriteAll(1, line);
      return;
    }
    for (const std::string& k : removed) {
      blocked_.insert(k);
      Audit("filter", k + " is new or changed since approval: removed from " + method);
    }
    WriteAll(1, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  }

  // Merges what was listed into the pending surface, for approve to sign.
  void RecordPending(const std::string& method, const nlohmann::json& result) {
    const ListSpec* spec = ListFor(method);
    auto arr = result.find(spec->field);
    if (arr == result.end() || !arr->is_array()) return;
    const std::string dir = JoinPath(paths_.state_dir, "pending");
    const std::string path = PendingSurfacePath(paths_.state_dir, o_.key);
    model::Surface s = LoadPendingSurface(paths_.state_dir, o_.key).value_or(model::Surface{});
    std::erase_if(s.items, [&](const model::SurfaceItem& i) { return i.kind == spec->kind; });
    for (nlohmann::json def : *arr) {
      probe::ScrubJson(def, o_.secrets);
      if (def.is_object()) s.items.push_back(ItemOf(spec->kind, def));
    }
    if (initialize_.is_object()) {
      probe::ScrubJson(initialize_, o_.secrets);
      s.protocol_version = initialize_.value("protocolVersion", "");
      const nlohmann::json info = initialize_.value("serverInfo", nlohmann::json::object());
      if (info.is_object()) {
        s.server_name = info.value("name", "");
        s.server_version = info.value("version", "");
        s.server_title = info.value("title", "");
      }
      s.capabilities = probe::FlattenCapabilities(initialize_.value("capabilities", nlohmann::json::object()));
      if (initialize_.contains("instructions") && initialize_["instructions"].is_string() &&
          s.Find("instructions", "") == nullptr) {
        s.items.push_back(probe::MakeInstructionsItem(initialize_["instructions"].get<std::string>()));
      }
    }
    std::sort(s.items.begin(), s.items.end(), [](const model::SurfaceItem& a, const model::SurfaceItem& b) {
      return a.kind != b.kind ? a.kind < b.kind : a.name < b.name;
    });
    s.digest = probe::SurfaceDigest(s).value_or("");
    s.probed_at = NowUtc();
    if (!MakePrivateDirs(dir)) return;
    const nlohmann::json doc{{"key", o_.key}, {"host", o_.host}, {"server", o_.server}, {"surface", s}};
    if (WriteFileAtomic(path, doc.dump(2) + "\n", 0600)) {
      Audit("pending", "no approved surface: " + method + " recorded for approval in " + path);
    }
  }

  void Audit(const std::string& decision, const std::string& reason) {
    (void)AppendAudit(paths_, AuditEntry{"guard", o_.host, o_.server, decision, reason});
  }

  const GuardOptions& o_;
  Paths paths_;
  Child child_;
  std::map<std::string, std::string> lists_;  // request id (as JSON) -> list method (or initialize)
  nlohmann::json initialize_;                 // the server's initialize result
  std::set<std::string> blocked_;             // "tool/x" removed from a list
};

}  // namespace

model::SurfaceItem ItemOf(const std::string& kind, const nlohmann::json& definition) {
  // The probe's own pinning, so what one pins the other checks identically.
  auto item = probe::MakeItem(kind, definition);
  if (item) return *item;
  // No identity: an item no pin can match.
  model::SurfaceItem broken;
  broken.kind = kind;
  broken.name = NameOf(kind, definition);
  return broken;
}

std::vector<std::string> FilterListed(const std::string& method, nlohmann::json& result, const model::Surface& pins,
                                      const std::vector<std::string>& secrets) {
  std::vector<std::string> removed;
  const ListSpec* spec = ListFor(method);
  if (spec == nullptr) return removed;
  auto arr = result.find(spec->field);
  if (arr == result.end() || !arr->is_array()) return removed;
  nlohmann::json kept = nlohmann::json::array();
  for (nlohmann::json& def : *arr) {
    nlohmann::json pinned = def;
    probe::ScrubJson(pinned, secrets);
    const model::SurfaceItem item = ItemOf(spec->kind, pinned);
    const model::SurfaceItem* pin = pins.Find(item.kind, item.name);
    if (pin != nullptr && pin->sha256 == item.sha256) kept.push_back(std::move(def));
    else removed.push_back(item.Key());
  }
  *arr = std::move(kept);
  return removed;
}

std::string PendingSurfacePath(const std::string& state_dir, const std::string& key) {
  std::string name;
  for (char c : key) name += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') ? c : '_';
  return JoinPath(JoinPath(state_dir, "pending"), name + ".json");
}

std::optional<model::Surface> LoadPendingSurface(const std::string& state_dir, const std::string& key) {
  auto text = ReadFileCapped(PendingSurfacePath(state_dir, key));
  if (!text) return std::nullopt;
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_object() || j.value("key", "") != key || !j.contains("surface")) return std::nullopt;
  try {
    return j["surface"].get<model::Surface>();
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

Result<int> RunGuard(const GuardOptions& options, const Environment& env) {
  Relay relay(options, env);
  return relay.Run();
}

}  // namespace mcpguard::app

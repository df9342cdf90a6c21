#include "probe/launch.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/file.h"
#include "base/path.h"
#include "base/text.h"
#include "classify/redact.h"
#include "pinning/resolve.h"
#include "probe/decoy.h"
#include "probe/sandbox.h"

namespace mcpguard::probe {
namespace {

// Ours, passed on: what a runtime needs to start and behave, and nothing
// that carries a secret or points at the user's agents (SSH_AUTH_SOCK,
// DBUS_SESSION_BUS_ADDRESS, proxies with passwords in them...).
constexpr const char* kKeptVariables[] = {"PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "USER", "LOGNAME", "SHELL"};

class Planner {
 public:
  Planner(const model::Server& server, const ProbeOptions& options) : s_(server), o_(options) {
    for (const model::Credential& c : s_.credentials) flagged_.insert(c.location);
  }

  Result<LaunchPlan> Run() {
    if (s_.transport == model::Transport::kHttp || s_.transport == model::Transport::kSse) return Remote();
    if (s_.transport != model::Transport::kStdio || s_.command.empty()) {
      return Fail(Errc::kUnsupported, "mcpguard cannot probe a " + std::string(model::TransportName(s_.transport)) +
                                          " server");
    }
    return Local();
  }

 private:
  Result<LaunchPlan> Local() {
    const std::string path_var = o_.env.GetOr("PATH", "/usr/local/bin:/usr/bin:/bin");
    plan_.cwd = s_.cwd.empty() ? o_.home : ResolvePath(s_.project.empty() ? o_.home : s_.project, s_.cwd);
    plan_.command_path = s_.command.find('/') != std::string::npos
                             ? ResolvePath(plan_.cwd, s_.command)
                             : pinning::FindExecutable(s_.command, Split(path_var, ':'));
    if (plan_.command_path.empty() || !Exists(plan_.command_path)) {
      return Fail(Errc::kNotFound, "cannot run " + s_.command + ": not found in PATH");
    }
    std::vector<std::string> args;
    for (size_t i = 0; i < s_.args.size(); ++i) {
      args.push_back(Value(s_.args[i], "args[" + std::to_string(i) + "]", "", s_.args[i], /*arg=*/true));
    }
    std::map<std::string, std::string> env;
    for (const char* name : kKeptVariables) {
      if (auto v = o_.env.Get(name)) env[name] = *v;
    }
    env["HOME"] = o_.home;
    env["TMPDIR"] = "/tmp";
    for (const std::string& name : s_.env_passthrough) {
      if (auto v = o_.env.Get(name)) env[name] = Value(*v, "env_passthrough." + name, name, *v, false);
    }
    for (const model::NamedValue& v : s_.env_file_values) {
      env[v.name] = Value(v.value, "env_file." + v.name, v.name, v.value, false);
    }
    for (const model::NamedValue& v : s_.env) {
      env[v.name] = Value(Resolved(v, "env." + v.name), "env." + v.name, v.name, v.value, false);
    }
    for (const auto& [k, v] : env) plan_.env.push_back(k + "=" + v);

    const std::string bwrap = o_.sandbox ? FindBwrap(path_var) : std::string();
    plan_.sandboxed = !bwrap.empty();
    if (plan_.sandboxed) {
      plan_.argv = SandboxArgv(SandboxSpec{bwrap, o_.home, plan_.command_path, args, plan_.cwd});
    } else {
      plan_.argv = {plan_.command_path};
      plan_.argv.insert(plan_.argv.end(), args.begin(), args.end());
    }
    if (!IsDirectory(plan_.cwd)) plan_.cwd = plan_.sandboxed ? "/" : o_.home;
    return std::move(plan_);
  }

  Result<LaunchPlan> Remote() {
    plan_.url = flagged_.count("url") != 0 ? Value(s_.url, "url", "", s_.url, true) : s_.url;
    for (const model::NamedValue& h : s_.headers) {
      plan_.headers.emplace_back(h.name, Value(Resolved(h, "headers." + h.name), "headers." + h.name, h.name,
                                               h.value, false));
    }
    return std::move(plan_);
  }

  // The value a ${env:X} reference stands for, from our environment; the
  // value as written otherwise (or when X is unset).
  std::string Resolved(const model::NamedValue& v, const std::string& field) const {
    if (v.reference.empty()) return v.value;
    for (const model::Interpolation& i : s_.interpolations) {
      if (i.field == field && i.kind == "env") return o_.env.GetOr(i.name, "");
    }
    return v.value;
  }

  // The value to hand over for one location: a decoy when it holds (or is
  // named like) a credential, unless the real ones were asked for.
  std::string Value(const std::string& value, const std::string& location, const std::string& name,
                    const std::string& as_written, bool arg) {
    const bool secret = flagged_.count(location) != 0 || (!name.empty() && classify::SecretLookingName(name));
    if (!secret || value.empty()) return value;
    if (o_.with_credentials) {
      if (value.size() >= 4) plan_.secrets.push_back(value);
      if (as_written != value && as_written.size() >= 4) plan_.secrets.push_back(as_written);
      return value;
    }
    const std::string seed = s_.host + "\n" + s_.name + "\n" + location;
    if (arg && value.find("://") != std::string::npos) return DecoyUrl(value, seed);
    return MakeDecoy(value, seed);
  }

  // userinfo and query values replaced, the rest of the URL kept, so the
  // server still knows where it is pointed.
  static std::string DecoyUrl(const std::string& url, const std::string& seed) {
    std::string out = url;
    const size_t scheme = out.find("://");
    const size_t at = out.find('@', scheme);
    const size_t slash = out.find('/', scheme + 3);
    if (at != std::string::npos && at < slash) {
      const size_t colon = out.find(':', scheme + 3);
      const size_t from = colon != std::string::npos && colon < at ? colon + 1 : scheme + 3;
      out.replace(from, at - from, MakeDecoy(out.substr(from, at - from), seed + "#userinfo"));
    }
    const size_t query = out.find('?');
    if (query == std::string::npos) return out;
    std::vector<std::string> pairs = Split(out.substr(query + 1), '&');
    for (size_t i = 0; i < pairs.size(); ++i) {
      const size_t eq = pairs[i].find('=');
      if (eq == std::string::npos || eq + 1 == pairs[i].size()) continue;
      pairs[i] = pairs[i].substr(0, eq + 1) + MakeDecoy(pairs[i].substr(eq + 1), seed + "#" + std::to_string(i));
    }
    return out.substr(0, query + 1) + Join(pairs, "&");
  }

  const model::Server& s_;
  const ProbeOptions& o_;
  std::set<std::string> flagged_;
  LaunchPlan plan_;
};

}  // namespace

Result<LaunchPlan> PlanLaunch(const model::Server& server, const ProbeOptions& options) {
  return Planner(server, options).Run();
}

std::string Scrub(std::string text, const LaunchPlan& plan) { return Scrub(std::move(text), plan.secrets); }

std::string Scrub(std::string text, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), classify::kRedacted);
    }
  }
  return text;
}

void ScrubJson(nlohmann::json& j, const std::vector<std::string>& secrets) {
  if (secrets.empty()) return;
  if (j.is_string()) {
    j = Scrub(j.get<std::string>(), secrets);
  } else if (j.is_array()) {
    for (auto& v : j) ScrubJson(v, secrets);
  } else if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto& [k, v] : j.items()) {
      ScrubJson(v, secrets);
      out[Scrub(k, secrets)] = std::move(v);
    }
    j = std::move(out);
  }
}

}  // namespace mcpguard::probe

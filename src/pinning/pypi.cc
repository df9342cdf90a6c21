#include "pinning/pypi.h"

#include <sys/stat.h>

#include <cctype>

#include "base/file.h"
#include "base/path.h"
#include "base/text.h"

namespace mcpguard::pinning {
namespace {

std::string VarOr(const Environment& env, const char* var, const std::string& fallback) {
  if (auto v = env.Get(var); v && IsAbsolutePath(*v)) return *v;
  return fallback;
}

int64_t MtimeNs(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 0;
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

// "<name>-<version>.dist-info" under env/lib/python*/site-packages (or
// env/Lib/site-packages on Windows layouts).
std::vector<std::pair<std::string, std::string>> DistInfos(const std::string& env_dir, const std::string& dist) {
  std::vector<std::pair<std::string, std::string>> out;  // (dir, version)
  std::vector<std::string> site_dirs;
  if (auto libs = ListDir(JoinPath(env_dir, "lib"))) {
    for (const std::string& py : *libs) {
      if (StartsWith(py, "python")) site_dirs.push_back(JoinPath(JoinPath(env_dir, "lib"), py + "/site-packages"));
    }
  }
  site_dirs.push_back(JoinPath(env_dir, "Lib/site-packages"));
  for (const std::string& site : site_dirs) {
    auto names = ListDir(site);
    if (!names) continue;
    for (const std::string& n : *names) {
      if (!EndsWith(n, ".dist-info")) continue;
      const std::string stem = n.substr(0, n.size() - std::string_view(".dist-info").size());
      const size_t dash = stem.rfind('-');  // name-version; names have no '-' there (PEP 427)
      if (dash == std::string::npos || DistInfoName(stem.substr(0, dash)) != dist) continue;
      out.emplace_back(JoinPath(site, n), stem.substr(dash + 1));
    }
  }
  return out;
}

// Environments directly under `dir` (a tools dir, a cache bucket, venvs/).
std::vector<std::string> EnvsUnder(const std::string& dir) {
  std::vector<std::string> out;
  auto names = ListDir(dir);
  if (!names) return out;
  for (const std::string& n : *names) out.push_back(JoinPath(dir, n));
  return out;
}

}  // namespace

std::string DistInfoName(std::string_view name) {
  std::string out;
  bool sep = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      sep = true;
      continue;
    }
    if (sep && !out.empty()) out += '_';
    sep = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

PypiInstall FindPypiInstall(const Environment& env, const std::string& home, const std::string& launcher,
                            const std::string& name, const std::string& version) {
  const std::string dist = DistInfoName(name);
  std::vector<std::vector<std::string>> tiers;  // searched in order; the first tier with a match wins
  if (launcher == "pipx run") {
    std::vector<std::string> envs;
    for (const std::string& root : {VarOr(env, "PIPX_HOME", JoinPath(home, ".local/share/pipx")),
                                    JoinPath(home, ".local/pipx")}) {
      for (std::string& e : EnvsUnder(JoinPath(root, "venvs"))) envs.push_back(std::move(e));
      for (std::string& e : EnvsUnder(JoinPath(root, ".cache"))) envs.push_back(std::move(e));
    }
    tiers.push_back(std::move(envs));
  } else {
    const std::string data = VarOr(env, "XDG_DATA_HOME", JoinPath(home, ".local/share"));
    tiers.push_back(EnvsUnder(VarOr(env, "UV_TOOL_DIR", JoinPath(data, "uv/tools"))));
    const std::string cache =
        VarOr(env, "UV_CACHE_DIR", JoinPath(VarOr(env, "XDG_CACHE_HOME", JoinPath(home, ".cache")), "uv"));
    std::vector<std::string> cached;
    if (auto buckets = ListDir(cache)) {
      for (const std::string& b : *buckets) {
        if (!StartsWith(b, "environments-v")) continue;
        for (std::string& e : EnvsUnder(JoinPath(cache, b))) cached.push_back(std::move(e));
      }
    }
    tiers.push_back(std::move(cached));
  }
  for (const std::vector<std::string>& envs : tiers) {
    PypiInstall best;
    int64_t best_time = -1;
    for (const std::string& env_dir : envs) {
      for (const auto& [dir, v] : DistInfos(env_dir, dist)) {
        if (!version.empty() && v != version) continue;
        const int64_t t = MtimeNs(dir);
        if (t > best_time) {
          best_time = t;
          best = PypiInstall{env_dir, v, dir};
        }
      }
    }
    if (!best.env_dir.empty()) return best;
  }
  return {};
}

}  // namespace mcpguard::pinning

#include "pinning/pypi.h"

#include <sys/stat.h>
#include <sys/time.h>

#include <catch2/catch.hpp>

#include "support/temp_dir.h"

namespace mcpguard::pinning {
namespace {

using test::TempDir;

// A venv as uv and pipx lay it out, holding one distribution.
std::string MakeEnv(const TempDir& t, const std::string& env_rel, const std::string& dist_dir) {
  t.Write(env_rel + "/lib/python3.11/site-packages/" + dist_dir + "/RECORD", "x.py,sha256=abc,1\n");
  t.Write(env_rel + "/lib/python3.11/site-packages/x.py", "print(1)\n");
  return t.Path(env_rel);
}

void SetMtime(const std::string& path, long seconds) {
  struct timeval times[2] = {{seconds, 0}, {seconds, 0}};
  REQUIRE(::utimes(path.c_str(), times) == 0);
}

Environment Home(const TempDir& t) {
  Environment env;
  env.Set("HOME", t.Path("home"));
  return env;
}

TEST_CASE("dist-info names are PEP 503 normalised", "[pinning][pypi]") {
  CHECK(DistInfoName("mcp-server-fetch") == "mcp_server_fetch");
  CHECK(DistInfoName("Awslabs.AWS_Documentation--MCP-Server") == "awslabs_aws_documentation_mcp_server");
}

TEST_CASE("uvx: a cached environment in environments-v* is found, by version when pinned", "[pinning][pypi]") {
  TempDir t;
  const std::string old_env = MakeEnv(t, "home/.cache/uv/environments-v2/a1b2", "mcp_server_fetch-2025.1.1.dist-info");
  const std::string new_env = MakeEnv(t, "home/.cache/uv/environments-v2/c3d4", "mcp_server_fetch-2025.4.7.dist-info");
  SetMtime(old_env + "/lib/python3.11/site-packages/mcp_server_fetch-2025.1.1.dist-info", 1'600'000'000);
  SetMtime(new_env + "/lib/python3.11/site-packages/mcp_server_fetch-2025.4.7.dist-info", 1'700'000'000);
  PypiInstall any = FindPypiInstall(Home(t), t.Path("home"), "uvx", "mcp-server-fetch", "");
  CHECK(any.env_dir == new_env);
  CHECK(any.version == "2025.4.7");
  PypiInstall pinned = FindPypiInstall(Home(t), t.Path("home"), "uvx", "mcp-server-fetch", "2025.1.1");
  CHECK(pinned.env_dir == old_env);
  CHECK(FindPypiInstall(Home(t), t.Path("home"), "uvx", "mcp-server-fetch", "9.9.9").env_dir.empty());
}

TEST_CASE("uvx prefers a tool installed with uv tool install", "[pinning][pypi]") {
  TempDir t;
  MakeEnv(t, "home/.cache/uv/environments-v2/a1b2", "mcp_server_git-2025.9.25.dist-info");
  const std::string tool = MakeEnv(t, "home/.local/share/uv/tools/mcp-server-git", "mcp_server_git-2026.1.14.dist-info");
  PypiInstall found = FindPypiInstall(Home(t), t.Path("home"), "uvx", "mcp-server-git", "");
  CHECK(found.env_dir == tool);
  CHECK(found.version == "2026.1.14");
}

TEST_CASE("UV_CACHE_DIR and PIPX_HOME move the search", "[pinning][pypi]") {
  TempDir t;
  const std::string uv = MakeEnv(t, "uvcache/environments-v1/e1", "mcp_server_time-1.0.0.dist-info");
  Environment env = Home(t);
  env.Set("UV_CACHE_DIR", t.Path("uvcache"));
  CHECK(FindPypiInstall(env, t.Path("home"), "uvx", "mcp-server-time", "").env_dir == uv);
  const std::string venv = MakeEnv(t, "pipx/venvs/mcp-server-time", "mcp_server_time-1.2.0.dist-info");
  env.Set("PIPX_HOME", t.Path("pipx"));
  PypiInstall p = FindPypiInstall(env, t.Path("home"), "pipx run", "mcp-server-time", "");
  CHECK(p.env_dir == venv);
  CHECK(p.version == "1.2.0");
}

TEST_CASE("nothing installed: no environment", "[pinning][pypi]") {
  TempDir t;
  t.MakeDir("home");
  CHECK(FindPypiInstall(Home(t), t.Path("home"), "uvx", "mcp-server-fetch", "").env_dir.empty());
}

}  // namespace
}  // namespace mcpguard::pinning

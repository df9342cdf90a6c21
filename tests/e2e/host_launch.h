// Starting a configured MCP server the way a host does: the command and args
// exactly as the config file says, no shell, our stdin and stdout as the MCP
// stream. The tests of exec, hooks and the guard send initialize,
// notifications/initialized and tools/list, then close stdin (the servers
// used here answer what they read before exiting on EOF).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "base/process.h"
#include "support/temp_dir.h"

namespace mcpguard::test {

struct HostRun {
  int exit_code = -1;
  std::string err;
  std::vector<nlohmann::json> messages;  // every JSON line the server wrote

  // The response to request `id`, or null.
  nlohmann::json Response(int id) const {
    for (const nlohmann::json& m : messages) {
      if (m.is_object() && m.contains("id") && m["id"] == id) return m;
    }
    return nullptr;
  }
  // Names of the tools in the tools/list response (request 2).
  std::vector<std::string> ToolNames() const {
    std::vector<std::string> names;
    const nlohmann::json r = Response(2);
    if (r.is_object() && r.contains("result")) {
      for (const nlohmann::json& t : r["result"]["tools"]) names.push_back(t["name"].get<std::string>());
    }
    return names;
  }
};

inline std::string McpOpening() {
  const nlohmann::json init{{"jsonrpc", "2.0"},
                            {"id", 1},
                            {"method", "initialize"},
                            {"params",
                             {{"protocolVersion", "2025-06-18"},
                              {"capabilities", nlohmann::json::object()},
                              {"clientInfo", {{"name", "mcpguard-test-host"}, {"version", "1"}}}}}};
  const nlohmann::json initialized{{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}};
  const nlohmann::json list{{"jsonrpc", "2.0"}, {"id", 2}, {"method", "tools/list"}};
  return init.dump() + "\n" + initialized.dump() + "\n" + list.dump() + "\n";
}

// `def` is the server's entry in the config ({"command", "args", "env"}); `home`
// becomes HOME (XDG_* unset, so mcpguard's files are under it).
inline HostRun LaunchAsHost(const nlohmann::json& def, const std::string& home, const std::string& input = McpOpening()) {
  ProcessOptions o;
  o.argv.push_back(def.at("command").get<std::string>());
  if (def.contains("args")) {
    for (const nlohmann::json& a : def["args"]) o.argv.push_back(a.get<std::string>());
  }
  o.env = std::vector<std::string>{"HOME=" + home, "NO_COLOR=1", "LANG=C.UTF-8"};
  for (const char* keep : {"PATH", "TMPDIR", "LSAN_OPTIONS", "ASAN_OPTIONS", "UBSAN_OPTIONS"}) {
    if (const char* v = std::getenv(keep)) o.env->push_back(std::string(keep) + "=" + v);
  }
  // The config's own variables, as every host adds them.
  if (def.contains("env")) {
    for (const auto& [name, value] : def["env"].items()) o.env->push_back(name + "=" + value.get<std::string>());
  }
  o.cwd = home;
  o.stdin_data = input;
  o.timeout_ms = 60'000;
  auto r = RunProcess(o);
  REQUIRE(r);
  REQUIRE_FALSE(r->timed_out);
  HostRun out;
  out.exit_code = r->exit_code;
  out.err = r->err;
  size_t at = 0;
  for (size_t nl = r->out.find('\n'); nl != std::string::npos; nl = r->out.find('\n', at)) {
    auto j = nlohmann::json::parse(r->out.substr(at, nl - at), nullptr, false);
    if (!j.is_discarded()) out.messages.push_back(j);
    at = nl + 1;
  }
  return out;
}

inline std::string EverythingServer() {
  return std::string(MCPGUARD_TEST_SERVERS) + "/node_modules/@modelcontextprotocol/server-everything/dist/index.js";
}

// The audit log's lines, parsed.
inline std::vector<nlohmann::json> AuditLines(const std::string& home) {
  std::vector<nlohmann::json> out;
  std::string text;
  try {
    text = ReadFile(home + "/.local/state/mcpguard/audit.jsonl");
  } catch (...) {
    return out;
  }
  size_t at = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', at)) {
    out.push_back(nlohmann::json::parse(text.substr(at, nl - at)));
    at = nl + 1;
  }
  return out;
}

}  // namespace mcpguard::test

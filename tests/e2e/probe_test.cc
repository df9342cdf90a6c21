// End-to-end: `scan --probe` with the built binary on a fake home whose
// Cursor config starts real servers: the npm reference servers from
// tests/servers/node_modules and the fixture servers next to them (spy,
// hang, flood, garbage, rugpull). Expected tool, prompt and resource names
// are read off the servers' own sources (dist/); item pins and the surface
// digest are recomputed here from the documented formats (probe/surface.h).
// Over HTTP: server-everything in its streamableHttp and sse modes on
// loopback, behind tests/servers/header-proxy.mjs, which records the shape of
// the Authorization header each request carried and the DELETE that closes a
// session; tests/servers/http-misbehave.mjs for servers that get it wrong.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "support/evidence.h"
#include "support/loopback_server.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;
using Names = std::vector<std::string>;

const std::string kServers = MCPGUARD_TEST_SERVERS;
const std::string kNpm = kServers + "/node_modules/@modelcontextprotocol";
// A classic GitHub PAT with a valid checksum: the example of
// signatures/credentials.toml, so the scan knows it for a credential.
const std::string kSecret = "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";

json Node(const std::string& script, std::vector<std::string> args = {}, json env = json::object()) {
  json argv = json::array({script});
  for (auto& a : args) argv.push_back(std::move(a));
  json s = {{"command", "node"}, {"args", argv}};
  if (!env.empty()) s["env"] = std::move(env);
  return s;
}

struct Home {
  TempDir t;
  std::string home = t.MakeDir("home");

  void Config(const json& servers) const {
    t.Write("home/.cursor/mcp.json", json{{"mcpServers", servers}}.dump(2));
  }
  Run Mcpguard(std::vector<std::string> args, const Env& env = {}) const {
    args.insert(args.begin(), "--no-record");
    args.insert(args.begin(), "scan");
    return RunMcpguard(args, home, env);
  }
  json Scan(std::vector<std::string> args, const Env& env = {}) const {
    args.push_back("--json");
    const Run r = Mcpguard(std::move(args), env);
    INFO(r.err);
    REQUIRE(r.exit_code != 2);
    return r.Json();
  }
};

const json& ServerIn(const json& snap, const std::string& name) {
  for (const json& c : snap["configs"]) {
    for (const json& s : c["servers"]) {
      if (s["name"] == name) return s;
    }
  }
  FAIL("no server " << name);
  throw;
}

const json& SurfaceOf(const json& snap, const std::string& name) {
  const json& s = ServerIn(snap, name);
  REQUIRE(s.contains("surface"));
  return s["surface"];
}

Names NamesOf(const json& surface, const std::string& kind) {
  Names out;
  for (const json& i : surface["items"]) {
    if (i["kind"] == kind) out.push_back(i["name"]);
  }
  return out;
}

// probe/surface.h: SHA-256 of the tag line and the canonical JSON of
// {"capabilities", "items": [[kind/name, sha256]...], "server"}, keys sorted.
std::string ExpectedDigest(const json& surface) {
  std::string items = "[";
  for (const json& i : surface["items"]) {
    if (items.size() > 1) items += ",";
    items += "[" + json(i["kind"].get<std::string>() + "/" + i["name"].get<std::string>()).dump() + "," +
             i["sha256"].dump() + "]";
  }
  items += "]";
  return Sha256OfText("mcpguard.surface/1\n{\"capabilities\":" + surface["capabilities"].dump() +
                      ",\"items\":" + items + ",\"server\":" + surface["server_name"].dump() + "}");
}

// Every item's pin is the SHA-256 of its tagged definition, the definition is
// the served object without its _meta, and the digest covers them all.
void CheckPins(const json& surface) {
  for (const json& i : surface["items"]) {
    const std::string def = i["definition"];
    CHECK(i["sha256"] == Sha256OfText("mcpguard.surface-item/1\n" + def));
    const json parsed = json::parse(def);
    if (i["kind"] != "instructions") CHECK_FALSE(parsed.contains("_meta"));
  }
  CHECK(surface["digest"] == ExpectedDigest(surface));
}

std::string Description(const json& surface, const std::string& tool) {
  for (const json& i : surface["items"]) {
    if (i["kind"] == "tool" && i["name"] == tool) return json::parse(i["definition"].get<std::string>())["description"];
  }
  FAIL("no tool " << tool);
  throw;
}

bool HaveBwrap() {
  for (const char* dir : {"/usr/bin", "/bin", "/usr/local/bin"}) {
    if (::access((std::string(dir) + "/bwrap").c_str(), X_OK) == 0) return true;
  }
  return false;
}

TEST_CASE("scan --probe pins what the reference servers serve", "[e2e][probe]") {
  Home h;
  const std::string notes = h.t.MakeDir("home/notes");
  h.Config({{"everything", Node(kNpm + "/server-everything/dist/index.js", {"stdio"})},
            {"filesystem", Node(kNpm + "/server-filesystem/dist/index.js", {notes})},
            {"memory", Node(kNpm + "/server-memory/dist/index.js", {}, {{"MEMORY_FILE_PATH", notes + "/m.json"}})}});
  const json snap = h.Scan({"--probe"});
  CHECK(snap["status"] == "complete");

  const json& everything = SurfaceOf(snap, "everything");
  CHECK(everything["server_name"] == "mcp-servers/everything");
  CHECK(everything["protocol_version"] == "2025-11-25");  // the SDK's latest, which we offer
  CHECK(NamesOf(everything, "tool") ==
        Names{"echo", "get-annotated-message", "get-env", "get-resource-links", "get-resource-reference",
              "get-structured-content", "get-sum", "get-tiny-image", "gzip-file-as-resource",
              "simulate-research-query", "toggle-simulated-logging", "toggle-subscriber-updates",
              "trigger-long-running-operation"});
  CHECK(NamesOf(everything, "prompt") == Names{"args-prompt", "completable-prompt", "resource-prompt", "simple-prompt"});
  const std::string docs = "demo://resource/static/document/";
  CHECK(NamesOf(everything, "resource") ==
        Names{docs + "architecture.md", docs + "extension.md", docs + "features.md", docs + "how-it-works.md",
              docs + "instructions.md", docs + "startup.md", docs + "structure.md"});
  CHECK(NamesOf(everything, "resource_template") ==
        Names{"demo://resource/dynamic/blob/{resourceId}", "demo://resource/dynamic/text/{resourceId}"});
  CHECK(NamesOf(everything, "instructions") == Names{""});
  for (const char* cap : {"tools", "prompts", "resources", "logging"}) {
    CHECK(std::count(everything["capabilities"].begin(), everything["capabilities"].end(), cap) == 1);
  }
  CheckPins(everything);

  const json& fs = SurfaceOf(snap, "filesystem");
  CHECK(fs["server_name"] == "secure-filesystem-server");
  CHECK(NamesOf(fs, "tool") == Names{"create_directory", "directory_tree", "edit_file", "get_file_info",
                                     "list_allowed_directories", "list_directory", "list_directory_with_sizes",
                                     "move_file", "read_file", "read_media_file", "read_multiple_files",
                                     "read_text_file", "search_files", "write_file"});
  CHECK(NamesOf(fs, "prompt").empty());
  CheckPins(fs);

  const json& memory = SurfaceOf(snap, "memory");
  CHECK(memory["server_name"] == "memory-server");
  CHECK(NamesOf(memory, "tool") == Names{"add_observations", "create_entities", "create_relations",
                                         "delete_entities", "delete_observations", "delete_relations", "open_nodes",
                                         "read_graph", "search_nodes"});
  CHECK(NamesOf(memory, "resource") == Names{"memory://knowledge-graph"});
  CheckPins(memory);

  // The text report: counts and the digest's start, per server.
  const Run text = h.Mcpguard({"--probe", "memory"});
  CHECK_THAT(text.out, Contains("serves: tools: 9, prompts: 0, resources: 1, digest sha256:" +
                                memory["digest"].get<std::string>().substr(0, 16)));
}

TEST_CASE("probe digests are stable from one run to the next", "[e2e][probe]") {
  Home h;
  const std::string notes = h.t.MakeDir("home/notes");
  h.Config({{"everything", Node(kNpm + "/server-everything/dist/index.js", {"stdio"})},
            {"filesystem", Node(kNpm + "/server-filesystem/dist/index.js", {notes})}});
  const json first = h.Scan({"--probe"});
  const json second = h.Scan({"--probe"});
  for (const char* name : {"everything", "filesystem"}) {
    const json& a = SurfaceOf(first, name);
    const json& b = SurfaceOf(second, name);
    CHECK(a["digest"].get<std::string>().size() == 64);
    CHECK(a["digest"] == b["digest"]);
    CHECK(a["items"] == b["items"]);
  }
}

TEST_CASE("a server that fails its probe gets its own error and the scan goes on", "[e2e][probe]") {
  Home h;
  h.Config({{"hang", Node(kServers + "/hang.mjs")},
            {"flood", Node(kServers + "/flood.mjs")},
            {"garbage", Node(kServers + "/garbage.mjs")},
            {"deep", Node(kServers + "/deep.mjs")},
            {"banner", Node(kServers + "/garbage.mjs", {}, {{"GARBAGE_LINES", "3"}})},
            {"missing", {{"command", "mcpguard-test-no-such-server"}}},
            {"memory", Node(kNpm + "/server-memory/dist/index.js")}});
  const auto start = std::chrono::steady_clock::now();
  const Run r = h.Mcpguard({"--probe", "--probe-timeout", "3", "--json"});
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(r.exit_code == 1);  // partial
  CHECK(took < std::chrono::seconds(20));
  const json snap = r.Json();
  CHECK(snap["status"] == "partial");
  CHECK(SurfaceOf(snap, "hang")["error"] == "initialize: no answer before the deadline (3 s)");
  CHECK(SurfaceOf(snap, "flood")["error"] == "initialize: a message from the server is larger than 8 MiB");
  CHECK_THAT(SurfaceOf(snap, "garbage")["error"].get<std::string>(),
             Contains("initialize: the server writes text that is not JSON-RPC to stdout: \"Loading plugins... 0%\""));
  CHECK(SurfaceOf(snap, "missing")["error"] == "cannot run mcpguard-test-no-such-server: not found in PATH");
  CHECK(SurfaceOf(snap, "deep")["error"] == "tools/list: a message from the server nests deeper than 128 levels");
  for (const char* failed : {"hang", "flood", "garbage", "missing", "deep"}) {
    CHECK(SurfaceOf(snap, failed)["digest"] == "");
    CHECK_THAT(r.err, Contains(std::string("cursor/") + failed + ": probe failed: "));
  }
  // A short banner before the first message is tolerated.
  CHECK(NamesOf(SurfaceOf(snap, "banner"), "tool") == Names{"noop"});
  CHECK_FALSE(SurfaceOf(snap, "banner").contains("error"));
  CHECK(NamesOf(SurfaceOf(snap, "memory"), "tool").size() == 9);
}

TEST_CASE("probed servers get decoy credentials unless --with-credentials", "[e2e][probe]") {
  Home h;
  // SPY_VALUE is no secret-looking name: only the scan's credential rules
  // can tell that its value is one.
  h.Config({{"spy", Node(kServers + "/spy.mjs", {}, {{"SPY_VALUE", kSecret}})}});
  const Env env = {{"AWS_SECRET_ACCESS_KEY", "mcpguard-canary-not-for-servers"}};
  const std::string real = "token prefix=ghp_ length=40 sha256=" + Sha256OfText(kSecret) + ";";

  const Run decoyed = h.Mcpguard({"--probe", "--json"}, env);
  const std::string seen = Description(SurfaceOf(decoyed.Json(), "spy"), "whoami");
  CHECK_THAT(seen, Contains("token prefix=ghp_ length=40 sha256="));  // the shape of a GitHub token...
  CHECK_THAT(seen, !Contains(real));                                  // ...but not this one
  // The minimal environment: ours is not passed on.
  CHECK_THAT(seen, Contains("SPY_VALUE"));
  CHECK_THAT(seen, Contains("PATH"));
  CHECK_THAT(seen, !Contains("AWS_SECRET_ACCESS_KEY"));
  CHECK_THAT(seen, !Contains("NO_COLOR"));
  // The same decoy every time, so the surface pin is stable.
  CHECK(Description(SurfaceOf(h.Scan({"--probe"}, env), "spy"), "whoami") == seen);

  const Run with = h.Mcpguard({"--probe", "--with-credentials", "--json"}, env);
  CHECK_THAT(Description(SurfaceOf(with.Json(), "spy"), "whoami"), Contains(real));
  for (const Run* r : {&decoyed, &with}) {
    CHECK(Leaks(r->out + r->err, {{"secret", kSecret}}).empty());
  }
}

TEST_CASE("the sandbox hides the home from a probed server", "[e2e][probe]") {
  if (!HaveBwrap()) {
    WARN("bwrap is not installed (apt-get install bubblewrap): the sandbox is not tested");
    return;
  }
  Home h;
  const std::string secret_file = h.t.Write("home/.ssh/id_ed25519", "not a real key\n");
  h.Config({{"spy", Node(kServers + "/spy.mjs", {}, {{"SPY_FILE", secret_file}})}});
  CHECK_THAT(Description(SurfaceOf(h.Scan({"--probe"}), "spy"), "whoami"), Contains("file=hidden"));
  CHECK_THAT(Description(SurfaceOf(h.Scan({"--probe", "--no-sandbox"}), "spy"), "whoami"), Contains("file=readable"));
}

TEST_CASE("a rug pull shows as a new surface digest on the next probe", "[e2e][probe]") {
  Home h;
  // Outside the sandbox: inside it, the marker the server leaves would vanish.
  const std::string state = h.t.MakeDir("state");
  h.Config({{"facts", Node(kServers + "/rugpull.mjs", {}, {{"RUGPULL_DIR", state}})}});
  const json first = SurfaceOf(h.Scan({"--probe", "--no-sandbox"}), "facts");
  const json second = SurfaceOf(h.Scan({"--probe", "--no-sandbox"}), "facts");
  CHECK(Description(first, "get_fact_of_the_day") == "Get a fact of the day.");
  CHECK_THAT(Description(second, "get_fact_of_the_day"), Contains("<IMPORTANT>"));
  CHECK(NamesOf(first, "tool") == NamesOf(second, "tool"));
  CHECK(first["digest"] != second["digest"]);
  CheckPins(second);
}

TEST_CASE("probing named servers only, and an unknown name is a fault", "[e2e][probe]") {
  Home h;
  json off = Node(kServers + "/hang.mjs");
  off["disabled"] = true;
  h.Config({{"memory", Node(kNpm + "/server-memory/dist/index.js")},
            {"hang", Node(kServers + "/hang.mjs")},
            {"off", off}});
  const json snap = h.Scan({"--probe", "memory"});
  CHECK(ServerIn(snap, "memory").contains("surface"));
  CHECK_FALSE(ServerIn(snap, "hang").contains("surface"));
  // All: but not a server its host would not start.
  const json all = h.Scan({"--probe", "--probe-timeout", "1"});
  CHECK(ServerIn(all, "hang").contains("surface"));
  CHECK_FALSE(ServerIn(all, "off").contains("surface"));
  CHECK(h.Scan({"--probe", "cursor/memory"}).dump().find("memory-server") != std::string::npos);
  const Run r = h.Mcpguard({"--probe", "nope"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--probe: no configured server named nope"));
  // Servers configured for another OS's layout are not started here.
  const Run other = h.Mcpguard({"--probe", "--os", "windows"});
  CHECK(other.exit_code == 2);
  CHECK_THAT(other.err, Contains("--probe starts servers on this machine: it cannot be used with --os windows"));
}

TEST_CASE("approve --probe puts the surface into the signed baseline", "[e2e][probe]") {
  Home h;
  h.Config({{"memory", Node(kNpm + "/server-memory/dist/index.js")}});
  REQUIRE(RunMcpguard({"keygen", "-W"}, h.home).exit_code == 0);
  const Run a = RunMcpguard({"approve", "--all", "--probe", "--no-cwd"}, h.home);
  INFO(a.err);
  REQUIRE(a.exit_code == 0);
  const json baseline = json::parse(ReadFile(h.home + "/.config/mcpguard/baseline.json"));
  const json& entry = baseline["servers"][0];
  REQUIRE(entry.contains("surface"));
  CHECK(entry["surface"]["digest"] == SurfaceOf(h.Scan({"--probe"}), "memory")["digest"]);
  CHECK(NamesOf(entry["surface"], "tool").size() == 9);

  // A server whose probe fails is not approved half-way.
  h.Config({{"memory", Node(kNpm + "/server-memory/dist/index.js")}, {"hang", Node(kServers + "/hang.mjs")}});
  const Run failed = RunMcpguard({"approve", "hang", "--probe", "--probe-timeout", "1", "--no-cwd"}, h.home);
  CHECK(failed.exit_code == 2);
  CHECK_THAT(failed.err, Contains("cannot approve cursor/hang: probe failed: initialize: no answer before the deadline"));
  const json after = json::parse(ReadFile(h.home + "/.config/mcpguard/baseline.json"));
  CHECK(after["servers"].size() == 1);
}

// ------------------------------------------------------------ over HTTP

// One JSON line per request the recording proxy forwarded
// (tests/servers/header-proxy.mjs): method, path, status, authorization shape.
std::vector<json> ProxyLog(const LoopbackServer& proxy) {
  std::vector<json> out;
  const std::string log = proxy.Log();
  size_t at = 0;
  for (size_t nl = log.find('\n'); nl != std::string::npos; nl = log.find('\n', at)) {
    const json line = json::parse(log.substr(at, nl - at), nullptr, false);
    if (line.is_object()) out.push_back(line);
    at = nl + 1;
  }
  return out;
}

// Waits up to 5 s for `needle` in what `server` has logged: the server logs a
// closed session after the scan has already gone.
bool Logged(const LoopbackServer& server, const std::string& needle) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (server.Log().find(needle) == std::string::npos) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

// server-everything in one HTTP mode behind the recording proxy.
struct EverythingOverHttp {
  TempDir logs;
  LoopbackServer server;
  LoopbackServer proxy;
  explicit EverythingOverHttp(const std::string& mode)
      : server(NodeScript("node_modules/@modelcontextprotocol/server-everything/dist/index.js", {mode}),
               logs.Path("server.log")),
        proxy(NodeScript("header-proxy.mjs", {server.Url("")}), logs.Path("proxy.log")) {}
};

TEST_CASE("scan --probe reaches server-everything over Streamable HTTP and legacy SSE", "[e2e][probe][http]") {
  EverythingOverHttp streamable("streamableHttp");
  EverythingOverHttp sse("sse");
  Home h;
  const std::string bearer = "Bearer " + kSecret;
  // Cursor: a remote server is "url" (+ "headers"); "type": "sse" for the
  // legacy transport (hosts.md, Cursor).
  h.Config({{"stdio", Node(kNpm + "/server-everything/dist/index.js", {"stdio"})},
            {"http", {{"url", streamable.proxy.Url("/mcp")}, {"headers", {{"Authorization", bearer}}}}},
            {"sse", {{"type", "sse"}, {"url", sse.proxy.Url("/sse")}, {"headers", {{"Authorization", bearer}}}}}});
  const Run r = h.Mcpguard({"--probe", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code != 2);
  const json snap = r.Json();
  CHECK(snap["status"] == "complete");
  CHECK(ServerIn(snap, "http")["transport"] == "http");
  CHECK(ServerIn(snap, "sse")["transport"] == "sse");

  // The same server code (dist/server/index.js createServer) behind every
  // transport, and the probe offers the same version over each: the same
  // surface, so the same digest as over stdio.
  const json& local = SurfaceOf(snap, "stdio");
  for (const char* name : {"http", "sse"}) {
    INFO(name);
    const json& s = SurfaceOf(snap, name);
    CHECK_FALSE(s.contains("error"));
    CHECK(s["server_name"] == "mcp-servers/everything");
    CHECK(s["protocol_version"] == "2025-11-25");
    CHECK(NamesOf(s, "tool") ==
          Names{"echo", "get-annotated-message", "get-env", "get-resource-links", "get-resource-reference",
                "get-structured-content", "get-sum", "get-tiny-image", "gzip-file-as-resource",
                "simulate-research-query", "toggle-simulated-logging", "toggle-subscriber-updates",
                "trigger-long-running-operation"});
    CHECK(NamesOf(s, "prompt") == Names{"args-prompt", "completable-prompt", "resource-prompt", "simple-prompt"});
    CheckPins(s);
    CHECK(s["digest"] == local["digest"]);
    CHECK(s["items"] == local["items"]);
  }

  // Every request carried a decoy of the configured header: its shape (the
  // scheme word, the length), never its value.
  for (const LoopbackServer* proxy : {&streamable.proxy, &sse.proxy}) {
    const std::vector<json> seen = ProxyLog(*proxy);
    CHECK(seen.size() >= 3);  // initialize, initialized, the lists
    for (const json& request : seen) {
      INFO(request.dump());
      REQUIRE(request["authorization"].is_object());
      CHECK(request["authorization"]["scheme"] == "Bearer");
      CHECK(request["authorization"]["length"] == bearer.size());
      CHECK(request["authorization"]["sha256"] != Sha256OfText(bearer));
    }
  }
  // The sessions were closed: Streamable HTTP with a DELETE the server
  // accepted (dist/transports/streamableHttp.js logs it), legacy SSE by
  // dropping the event stream (dist/transports/sse.js logs the disconnect).
  const std::vector<json> http_log = ProxyLog(streamable.proxy);
  CHECK(std::any_of(http_log.begin(), http_log.end(),
                    [](const json& l) { return l["method"] == "DELETE" && l["path"] == "/mcp" && l["status"] == 200; }));
  CHECK(Logged(streamable.server, "Received session termination request for session"));
  CHECK(Logged(sse.server, "Client Disconnected: "));
  const std::vector<json> sse_log = ProxyLog(sse.proxy);
  CHECK(std::none_of(sse_log.begin(), sse_log.end(), [](const json& l) { return l["method"] == "DELETE"; }));
  CHECK(Leaks(r.out + r.err, {{"secret", kSecret}}).empty());

  // With --with-credentials, the configured value itself.
  const size_t before = ProxyLog(streamable.proxy).size();
  const Run with = h.Mcpguard({"--probe", "http", "--with-credentials", "--json"});
  INFO(with.err);
  CHECK(SurfaceOf(with.Json(), "http")["digest"] == local["digest"]);
  const std::vector<json> after = ProxyLog(streamable.proxy);
  REQUIRE(after.size() > before);
  for (size_t i = before; i < after.size(); ++i) CHECK(after[i]["authorization"]["sha256"] == Sha256OfText(bearer));
  CHECK(Leaks(with.out + with.err, {{"secret", kSecret}}).empty());
}

TEST_CASE("a misbehaving HTTP server gets its own probe error and the scan goes on", "[e2e][probe][http]") {
  TempDir logs;
  LoopbackServer bad(NodeScript("http-misbehave.mjs"), logs.Path("misbehave.log"));
  Home h;
  const json auth = {{"Authorization", "Bearer " + kSecret}};
  const std::string closed = "http://127.0.0.1:" + std::to_string(FreeLoopbackPort());
  h.Config({{"html", {{"url", bad.Url("/text")}, {"headers", auth}}},
            {"broken", {{"url", bad.Url("/error500")}, {"headers", auth}}},
            {"moved", {{"url", bad.Url("/redirect")}}},
            {"silent", {{"url", bad.Url("/hang-headers")}}},
            {"nowhere", {{"type", "sse"}, {"url", bad.Url("/legacy-no-endpoint")}}},
            {"closed", {{"url", closed + "/mcp?key=" + kSecret}}},
            {"memory", Node(kNpm + "/server-memory/dist/index.js")}});
  const auto start = std::chrono::steady_clock::now();
  const Run r = h.Mcpguard({"--probe", "--probe-timeout", "3", "--json"});
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
  INFO(r.err);
  CHECK(r.exit_code == 1);  // partial
  const json snap = r.Json();
  CHECK(snap["status"] == "partial");
  auto error = [&](const char* name) { return SurfaceOf(snap, name).value("error", std::string()); };
  CHECK_THAT(error("html"), Contains("initialize: ") && Contains("content type \"text/html\""));
  CHECK_THAT(error("broken"), Contains("initialize: ") && Contains("HTTP 500 from http://127.0.0.1:"));
  CHECK_THAT(error("moved"), Contains("HTTP 302, a redirect to evil.example; redirects are not followed"));
  CHECK_THAT(error("moved"), !Contains("never-shown"));
  CHECK_THAT(error("silent"), Contains("initialize: ") && Contains("did not answer the POST in time"));
  CHECK_THAT(error("nowhere"), Contains("initialize: ") && Contains("sent no endpoint event in time"));
  CHECK(error("closed") == "initialize: cannot connect to " + closed + ": connection refused");
  for (const char* failed : {"html", "broken", "moved", "silent", "nowhere", "closed"}) {
    CHECK(SurfaceOf(snap, failed)["digest"] == "");
    CHECK_THAT(r.err, Contains(std::string("cursor/") + failed + ": probe failed: "));
  }
  CHECK(NamesOf(SurfaceOf(snap, "memory"), "tool").size() == 9);
  CHECK(Leaks(r.out + r.err, {{"secret", kSecret}}).empty());
}

}  // namespace
}  // namespace mcpguard::test

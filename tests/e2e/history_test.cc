// End-to-end: every scan is recorded in the bare git repository
// ~/.local/state/mcpguard/history of a fake home, only when something
// changed; `mcpguard log` and `mcpguard show` read it back, and the real git
// CLI reads it too. Every scan runs with --no-cwd and --root <tmp>/root so
// neither the test's directory nor the machine's /etc is read.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "base/process.h"
#include "base/text.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

constexpr const char* kFetchOnly = R"({"mcpServers": {"fetch": {"command": "uvx", "args": ["mcp-server-fetch"]}}})";
constexpr const char* kWithGithub = R"({"mcpServers": {
  "fetch": {"command": "uvx", "args": ["mcp-server-fetch"]},
  "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"]}}})";

struct Home {
  TempDir t;
  std::string home = t.MakeDir("home");
  std::string root = t.MakeDir("root");
  std::string history = home + "/.local/state/mcpguard/history";

  Run Mcpguard(std::vector<std::string> args) const {
    if (!args.empty() && args[0] == "scan") {
      for (const char* a : {"--no-cwd", "--os", "linux"}) args.emplace_back(a);
      args.insert(args.end(), {"--root", root});
    }
    return RunMcpguard(args, home, {{"USER", "tester"}});
  }
  ProcessResult Git(std::vector<std::string> args) const {
    ProcessOptions o;
    o.argv = {"git", "--git-dir=" + history};
    o.argv.insert(o.argv.end(), args.begin(), args.end());
    o.env = std::vector<std::string>{"PATH=/usr/bin:/bin", "HOME=/nonexistent", "GIT_CONFIG_NOSYSTEM=1", "LC_ALL=C"};
    auto r = RunProcess(o);
    REQUIRE(r.has_value());
    return *r;
  }
  size_t Commits() const {
    const ProcessResult r = Git({"rev-list", "--count", "--all"});
    return r.exit_code == 0 ? std::stoul(r.out) : 0;
  }
};

TEST_CASE("scans are recorded only when the inventory changed", "[e2e][history]") {
  Home h;
  h.t.Write("home/.cursor/mcp.json", kFetchOnly);
  for (int i = 0; i < 2; ++i) {
    const Run r = h.Mcpguard({"scan"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("history not recorded") == std::string::npos);
  }
  CHECK(h.Commits() == 1);
  CHECK(h.Git({"log", "--format=%s"}).out == "first scan: 1 server in 1 config\n");
  CHECK(h.Git({"log", "--format=%an <%ae>"}).out.rfind("tester <mcpguard@", 0) == 0);

  h.t.Write("home/.cursor/mcp.json", kWithGithub);
  CHECK(h.Mcpguard({"scan"}).exit_code == 0);
  CHECK(h.Commits() == 2);
  CHECK(h.Git({"log", "-1", "--format=%s"}).out == "cursor: +github\n");

  h.t.Write("home/.cursor/mcp.json", kFetchOnly);
  CHECK(h.Mcpguard({"scan"}).exit_code == 0);
  CHECK(h.Git({"log", "-1", "--format=%s"}).out == "cursor: -github\n");

  // The repository is well formed as git sees it, and has one file per config.
  const ProcessResult fsck = h.Git({"fsck", "--strict", "--no-dangling"});
  INFO(fsck.err);
  CHECK(fsck.exit_code == 0);
  const ProcessResult files = h.Git({"ls-tree", "-r", "--name-only", "HEAD"});
  CHECK(files.out == "configs/cursor/user/~%2F.cursor%2Fmcp.json.json\nfindings.json\nsummary.json\n");
  // Nothing that changes on every scan is recorded.
  const ProcessResult summary = h.Git({"show", "HEAD:summary.json"});
  CHECK(summary.out.find("generated_at") == std::string::npos);
  CHECK(summary.out.find(h.home) == std::string::npos);
}

// An unchanged re-scan is answered from history.last (the digest of what
// was recorded and its commit) without opening the repository; the answer is
// only trusted while the branch still points at that commit.
TEST_CASE("the last-recorded memo never hides a change made to the history behind its back", "[e2e][history]") {
  Home h;
  h.t.Write("home/.cursor/mcp.json", kFetchOnly);
  REQUIRE(h.Mcpguard({"scan"}).exit_code == 0);
  REQUIRE(h.Commits() == 1);
  const std::string first = std::string(Trim(h.Git({"rev-parse", "HEAD"}).out));
  const std::string memo = ReadFile(h.home + "/.local/state/mcpguard/history.last");
  CHECK(memo.size() == 64 + 1 + 40 + 1);
  CHECK(memo.substr(65, 40) == first);
  CHECK(h.Mcpguard({"scan"}).exit_code == 0);
  CHECK(h.Commits() == 1);

  // Someone moves the branch to another commit (an empty tree): the memo no
  // longer matches the branch, so the next scan records the inventory again.
  const std::string empty_tree = std::string(Trim(h.Git({"hash-object", "-t", "tree", "-w", "--stdin"}).out));
  ProcessOptions o;
  o.argv = {"git", "--git-dir=" + h.history, "commit-tree", empty_tree, "-m", "rewritten"};
  o.env = std::vector<std::string>{"PATH=/usr/bin:/bin", "HOME=/nonexistent", "GIT_CONFIG_NOSYSTEM=1",
                                   "GIT_AUTHOR_NAME=x", "GIT_AUTHOR_EMAIL=x@x", "GIT_COMMITTER_NAME=x",
                                   "GIT_COMMITTER_EMAIL=x@x"};
  auto other = RunProcess(o);
  REQUIRE(other.has_value());
  REQUIRE(other->exit_code == 0);
  REQUIRE(h.Git({"update-ref", "refs/heads/main", std::string(Trim(other->out))}).exit_code == 0);
  CHECK(h.Mcpguard({"scan"}).exit_code == 0);
  CHECK(h.Git({"ls-tree", "-r", "--name-only", "HEAD"}).out.find("configs/cursor/") != std::string::npos);
  CHECK(h.Git({"log", "-1", "--format=%s"}).out != "rewritten\n");
}

TEST_CASE("scan --no-record leaves no history", "[e2e][history]") {
  Home h;
  h.t.Write("home/.cursor/mcp.json", kFetchOnly);
  CHECK(h.Mcpguard({"scan", "--no-record"}).exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(h.history));
  CHECK(h.Mcpguard({"scan"}).exit_code == 0);
  h.t.Write("home/.cursor/mcp.json", kWithGithub);
  CHECK(h.Mcpguard({"scan", "--no-record"}).exit_code == 0);
  CHECK(h.Commits() == 1);
}

TEST_CASE("a history that cannot be written is a warning, not a failed scan", "[e2e][history]") {
  Home h;
  h.t.Write("home/.cursor/mcp.json", kFetchOnly);
  h.t.Write("home/.local/state/mcpguard/history/HEAD", "garbage\n");
  h.t.Write("home/.local/state/mcpguard/history/junk", "not a repository\n");
  const Run r = h.Mcpguard({"scan"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Contains("mcpguard: warning: history not recorded:"));
  CHECK_THAT(r.err, Contains("move it aside and run again"));
}

TEST_CASE("log and show read the history back", "[e2e][history]") {
  Home h;
  const Run empty = h.Mcpguard({"log"});
  CHECK(empty.exit_code == 0);
  CHECK(empty.out.empty());
  CHECK(h.Mcpguard({"show", "HEAD"}).exit_code == 2);

  h.t.Write("home/.cursor/mcp.json", kFetchOnly);
  h.t.Write("home/.config/Claude/claude_desktop_config.json",
            R"({"mcpServers": {"filesystem": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.3.28", "/tmp"]}}})");
  // Exit 1 is a finding (an unpinned package): the scan ran and was recorded.
  REQUIRE(h.Mcpguard({"scan"}).exit_code != 2);
  h.t.Write("home/.cursor/mcp.json", kWithGithub);
  REQUIRE(h.Mcpguard({"scan"}).exit_code != 2);

  const Run log = h.Mcpguard({"log"});
  CHECK(log.exit_code == 0);
  INFO(log.out);
  CHECK_THAT(log.out, Contains("  cursor: +github\n"));
  CHECK_THAT(log.out, Contains("  first scan: 2 servers in 2 configs\n"));
  CHECK(log.out.find("cursor: +github") < log.out.find("first scan"));  // newest first

  const Run json_log = h.Mcpguard({"log", "--format", "json"});
  REQUIRE(json_log.exit_code == 0);
  const auto j = json_log.Json();
  REQUIRE(j.size() == 2);
  CHECK(j[0]["message"] == "cursor: +github");
  CHECK(j[0]["id"].get<std::string>().size() == 40);
  CHECK(j[0]["changed"].size() >= 1);

  CHECK(h.Mcpguard({"log", "--server", "github"}).out.find("first scan") == std::string::npos);
  CHECK_THAT(h.Mcpguard({"log", "--server", "github"}).out, Contains("+github"));
  CHECK(h.Mcpguard({"log", "--host", "claude-desktop"}).out.find("+github") == std::string::npos);
  CHECK(h.Mcpguard({"log", "--since", "2000-01-01"}).out == log.out);
  CHECK(h.Mcpguard({"log", "--since", "2999-01-01"}).out.empty());
  CHECK(h.Mcpguard({"log", "--since", "yesterday-ish"}).exit_code == 2);

  const Run show = h.Mcpguard({"show", "HEAD"});
  CHECK(show.exit_code == 0);
  CHECK_THAT(show.out, Contains("==> summary.json <=="));
  CHECK_THAT(show.out, Contains("==> findings.json <=="));
  CHECK_THAT(show.out, Contains("\"github\""));

  const Run before = h.Mcpguard({"show", "HEAD~1", "--host", "cursor"});
  CHECK(before.exit_code == 0);
  const auto cursor = nlohmann::json::parse(before.out);  // one config: exactly its JSON
  CHECK(cursor["host"] == "cursor");
  REQUIRE(cursor["servers"].size() == 1);
  CHECK(cursor["servers"][0]["name"] == "fetch");

  const Run all = h.Mcpguard({"show", "HEAD", "--format", "json"});
  CHECK(all.Json().contains("summary.json"));
  const Run unknown = h.Mcpguard({"show", "HEAD~7"});
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Contains("unknown revision"));
}

TEST_CASE("diff names the servers and fields that changed between two scans", "[e2e][history]") {
  Home h;
  CHECK(h.Mcpguard({"diff"}).exit_code == 2);  // no history yet
  h.t.Write("home/.cursor/mcp.json", kWithGithub);
  REQUIRE(h.Mcpguard({"scan"}).exit_code != 2);
  h.t.Write("home/.cursor/mcp.json", R"({"mcpServers": {
  "fetch": {"command": "uvx", "args": ["mcp-server-fetch", "--ignore-robots-txt"]},
  "time": {"command": "uvx", "args": ["mcp-server-time"]}}})");
  REQUIRE(h.Mcpguard({"scan"}).exit_code != 2);

  const Run text = h.Mcpguard({"diff", "HEAD~1", "HEAD"});
  INFO(text.err);
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Contains("~ cursor/fetch  changed: args"));
  CHECK_THAT(text.out, Contains("+ cursor/time  added"));
  CHECK_THAT(text.out, Contains("- cursor/github  removed"));

  const Run j = h.Mcpguard({"diff", "HEAD~1", "HEAD", "--format", "json"});
  REQUIRE(j.exit_code == 0);
  const auto out = j.Json();
  CHECK(out["from"] == "HEAD~1");
  REQUIRE(out["servers"].size() == 3);
  bool fetch_seen = false;
  for (const auto& s : out["servers"]) {
    if (s["name"] != "fetch") continue;
    fetch_seen = true;
    CHECK(s["change"] == "changed");
    CHECK(s["host"] == "cursor");
    CHECK(s["fields"] == nlohmann::json::array({"args"}));
  }
  CHECK(fetch_seen);

  // The other way round, and the same scan twice.
  CHECK_THAT(h.Mcpguard({"diff", "HEAD", "HEAD~1"}).out, Contains("+ cursor/github  added"));
  CHECK(h.Mcpguard({"diff", "HEAD", "HEAD"}).out == "no server changed\n");
  CHECK(h.Mcpguard({"diff", "HEAD~9"}).exit_code == 2);
}

}  // namespace
}  // namespace mcpguard::test

namespace mcpguard::test {
namespace {

TEST_CASE("approvals and revocations are commits that say who approved what", "[e2e][history]") {
  Home h;
  h.t.Write("home/.cursor/mcp.json", kWithGithub);
  REQUIRE(h.Mcpguard({"keygen", "-W"}).exit_code == 0);
  REQUIRE(h.Mcpguard({"scan"}).exit_code <= 1);
  REQUIRE(h.Commits() == 1);

  const Run approve = h.Mcpguard({"approve", "github", "--no-cwd", "--root", h.root});
  REQUIRE(approve.exit_code == 0);
  CHECK(approve.err.empty());
  REQUIRE(h.Commits() == 2);
  CHECK(h.Git({"log", "-1", "--format=%s"}).out == "approve: +cursor/github by tester\n");
  // The recorded baseline is byte for byte the signed one on disk.
  CHECK(h.Git({"show", "HEAD:baseline/baseline.json"}).out ==
        ReadFile(h.home + "/.config/mcpguard/baseline.json"));
  CHECK(h.Git({"show", "HEAD:baseline/baseline.json.minisig"}).out ==
        ReadFile(h.home + "/.config/mcpguard/baseline.json.minisig"));
  // The scan files are carried over. The next scan compares with the new
  // baseline and records its drift finding (fetch is not approved); a scan of
  // the unchanged machine after that commits nothing.
  CHECK(h.Git({"cat-file", "-e", "HEAD:summary.json"}).exit_code == 0);
  REQUIRE(h.Mcpguard({"scan"}).exit_code == 1);
  CHECK(h.Commits() == 3);
  CHECK_THAT(h.Git({"show", "HEAD:findings.json"}).out, Contains("MCPG-DRIFT-001"));
  REQUIRE(h.Mcpguard({"scan"}).exit_code == 1);
  CHECK(h.Commits() == 3);

  REQUIRE(h.Mcpguard({"revoke", "github"}).exit_code == 0);
  CHECK(h.Commits() == 4);
  CHECK(h.Git({"log", "-1", "--format=%s"}).out == "revoke: -cursor/user/github by tester\n");
  CHECK(h.Git({"fsck", "--strict"}).exit_code == 0);
}

}  // namespace
}  // namespace mcpguard::test

namespace mcpguard::test {
namespace {

// Objects are written before the ref moves, so a scan killed at any moment
// leaves either the old tip or the new one, never a broken repository.
TEST_CASE("a scan killed mid-commit leaves a valid repository", "[e2e][history]") {
  Home h;
  REQUIRE(h.Mcpguard({"scan"}).exit_code <= 1);  // the repository exists
  for (int i = 0; i < 25; ++i) {
    // A change every round, so every scan has a commit to make.
    std::string servers;
    for (int s = 0; s < 40; ++s) {
      servers += std::string(s ? "," : "") + "\"s" + std::to_string(s) + "\": {\"command\": \"uvx\", \"args\": [\"pkg-" +
                 std::to_string(s) + "@1.0." + std::to_string(i) + "\"]}";
    }
    h.t.Write("home/.cursor/mcp.json", "{\"mcpServers\": {" + servers + "}}");
    ProcessOptions o;
    // Kill after a delay that walks across the scan: 2 ms to 50 ms.
    o.argv = {"timeout", "-s", "KILL", std::to_string(0.002 * (1 + i)), MCPGUARD_BINARY, "scan", "--no-cwd",
              "--root", h.root, "--json"};
    o.env = std::vector<std::string>{"HOME=" + h.home, "PATH=/usr/bin:/bin", "NO_COLOR=1"};
    REQUIRE(RunProcess(o).has_value());
    const ProcessResult fsck = h.Git({"fsck", "--strict"});
    INFO("round " << i << ": " << fsck.out << fsck.err);
    CHECK(fsck.exit_code == 0);
  }
  // A kill between libgit2's writing refs/heads/main.lock and renaming it
  // leaves the .lock behind; the next scan must still commit.
  h.t.Write("home/.local/state/mcpguard/history/refs/heads/main.lock", "0000000000000000000000000000000000000000\n");
  // And the history still takes commits afterwards.
  const size_t before = h.Commits();
  h.t.Write("home/.cursor/mcp.json", kWithGithub);
  const Run last = h.Mcpguard({"scan"});
  REQUIRE(last.exit_code <= 1);
  CHECK(last.err.empty());
  CHECK(h.Commits() == before + 1);
  CHECK(h.Git({"fsck", "--strict"}).exit_code == 0);
}

}  // namespace
}  // namespace mcpguard::test

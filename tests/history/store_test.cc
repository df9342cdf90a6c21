// The history store: a bare git repository written through libgit2 with no
// work tree and no index. Checked through the store's own API and through
// the real git CLI (log, show, fsck --strict), which is how a person reads it.
#include "history/store.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "base/file.h"
#include "base/process.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::history {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using test::TempDir;

Signature At(int64_t when) { return Signature{"Test User", "mcpguard@test", when}; }

Store Open(const std::string& dir, StoreOptions options = {}) {
  auto store = Store::OpenOrInit(dir, options);
  if (!store) FAIL(store.error().ToString());
  return std::move(*store);
}

std::string Commit(Store& store, const Files& files, const std::string& message, int64_t when) {
  auto id = store.Commit(files, message, At(when));
  if (!id) FAIL(id.error().ToString());
  REQUIRE(id->has_value());
  return **id;
}

ProcessResult Git(const std::string& dir, std::vector<std::string> args) {
  args.insert(args.begin(), "--git-dir=" + dir);
  return test::RunGit(args);
}

const Files kFirst = {{"summary.json", "{\"servers\": 2}\n"},
                      {"findings.json", "[]\n"},
                      {"configs/cursor/user/a.json", "{\"a\": 1}\n"},
                      {"configs/claude-desktop/user/b.json", "{\"b\": 1}\n"}};

TEST_CASE("a new store is a bare repository in a private directory", "[history]") {
  TempDir t;
  const std::string dir = t.Path("state/mcpguard/history");
  Store store = Open(dir);
  struct stat st {};
  REQUIRE(::stat(dir.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  CHECK(Exists(dir + "/HEAD"));
  CHECK_FALSE(Exists(dir + "/index"));
  auto log = store.Log();
  REQUIRE(log.has_value());
  CHECK(log->empty());
  // Opening again finds the same repository.
  Store again = Open(dir);
  CHECK(again.dir() == dir);
}

TEST_CASE("commit writes nested paths and an unchanged tree makes no commit", "[history]") {
  TempDir t;
  Store store = Open(t.Path("history"));
  const std::string id = Commit(store, kFirst, "first scan: 2 servers in 2 configs", 1'700'000'000);
  CHECK(id.size() == 40);
  auto again = store.Commit(kFirst, "same again", At(1'700'000'100));
  REQUIRE(again.has_value());
  CHECK_FALSE(again->has_value());
  auto log = store.Log();
  REQUIRE(log.has_value());
  REQUIRE(log->size() == 1);
  CHECK((*log)[0].id == id);
  auto read = store.Read("HEAD");
  REQUIRE(read.has_value());
  CHECK(*read == kFirst);
}

TEST_CASE("log is newest first with the paths each commit changed", "[history]") {
  TempDir t;
  Store store = Open(t.Path("history"));
  const std::string first = Commit(store, kFirst, "first", 1000);
  Files second = kFirst;
  second["configs/cursor/user/a.json"] = "{\"a\": 2}\n";
  second["configs/cursor/project/c.json"] = "{}\n";
  const std::string second_id = Commit(store, second, "second", 2000);
  Files third = second;
  third.erase("configs/claude-desktop/user/b.json");
  const std::string third_id = Commit(store, third, "third\n\nwith a body", 3000);

  auto log = store.Log();
  if (!log) FAIL(log.error().ToString());
  REQUIRE(log->size() == 3);
  CHECK((*log)[0].id == third_id);
  CHECK((*log)[0].message == "third\n\nwith a body");
  CHECK((*log)[0].time == 3000);
  CHECK((*log)[0].author == "Test User <mcpguard@test>");
  CHECK((*log)[0].changed == std::vector<std::string>{"configs/claude-desktop/user/b.json"});
  CHECK((*log)[1].id == second_id);
  CHECK((*log)[1].changed ==
        std::vector<std::string>{"configs/cursor/project/c.json", "configs/cursor/user/a.json"});
  CHECK((*log)[2].id == first);
  CHECK((*log)[2].changed.size() == kFirst.size());

  auto two = store.Log(2);
  REQUIRE(two.has_value());
  CHECK(two->size() == 2);
  auto recent = store.Log(0, 2000);
  REQUIRE(recent.has_value());
  CHECK(recent->size() == 2);

  auto before = store.Read("HEAD~1");
  REQUIRE(before.has_value());
  CHECK(*before == second);
  auto by_id = store.Read(first.substr(0, 12));
  REQUIRE(by_id.has_value());
  CHECK(*by_id == kFirst);
}

TEST_CASE("bad paths and unknown revisions are errors, not crashes", "[history]") {
  TempDir t;
  Store store = Open(t.Path("history"));
  for (const std::string bad : {"", "/abs", "a//b", "a/../b", "dir/", ".git/config"}) {
    INFO(bad);
    auto r = store.Commit({{bad, "x"}}, "bad", At(1));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == Errc::kInvalidArgument);
  }
  auto clash = store.Commit({{"a", "x"}, {"a/b", "y"}}, "clash", At(1));
  REQUIRE_FALSE(clash.has_value());
  auto none = store.Read("HEAD");
  REQUIRE_FALSE(none.has_value());
  CHECK(none.error().code == Errc::kNotFound);
  Commit(store, kFirst, "first", 1000);
  auto unknown = store.Read("HEAD~5");
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().code == Errc::kNotFound);
  CHECK_THAT(unknown.error().message, Contains("unknown revision"));
}

TEST_CASE("a damaged repository is a clear error that says how to recover", "[history]") {
  TempDir t;
  const std::string dir = t.Path("history");
  {
    Store store = Open(dir);
    Commit(store, kFirst, "first", 1000);
  }
  SECTION("garbage in HEAD") {
    std::ofstream(dir + "/HEAD", std::ios::trunc) << "\x01\x02 not a ref at all\n";
  }
  SECTION("garbage in every object") {
    for (const auto& e : fs::recursive_directory_iterator(dir + "/objects")) {
      if (!e.is_regular_file()) continue;
      fs::permissions(e.path(), fs::perms::owner_write, fs::perm_options::add);
      std::ofstream(e.path(), std::ios::trunc | std::ios::binary) << "garbage, not zlib";
    }
  }
  SECTION("a directory that is not a repository") {
    fs::remove_all(dir);
    t.Write("history/notes.txt", "hello");
  }
  auto store = Store::OpenOrInit(dir);
  REQUIRE_FALSE(store.has_value());
  CHECK(store.error().code == Errc::kCorrupt);
  CHECK(store.error().path == dir);
  CHECK_THAT(store.error().message, Contains("history repository is damaged"));
  CHECK_THAT(store.error().message, Contains("move it aside and run again"));
}

TEST_CASE("a second writer waits for the lock, then gives up clearly", "[history]") {
  TempDir t;
  const std::string dir = t.Path("history");
  Store store = Open(dir, StoreOptions{std::chrono::milliseconds(300)});
  // Another process's lock: flock locks belong to the open file description,
  // so a second open() in this process contends like another mcpguard would.
  UniqueFd held(::open((dir + "/mcpguard.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  REQUIRE(held.valid());
  REQUIRE(::flock(held.get(), LOCK_EX) == 0);
  const auto start = std::chrono::steady_clock::now();
  auto r = store.Commit(kFirst, "blocked", At(1000));
  const auto waited = std::chrono::steady_clock::now() - start;
  REQUIRE_FALSE(r.has_value());
  CHECK_THAT(r.error().message, Contains("another mcpguard is recording history"));
  CHECK_THAT(r.error().message, Contains("try again"));
  CHECK(waited >= std::chrono::milliseconds(300));
  CHECK(waited < std::chrono::seconds(5));
  // Released: the same store commits.
  held.Reset();
  CHECK(Commit(store, kFirst, "after", 1000).size() == 40);
}

TEST_CASE("the git CLI reads the store", "[history][git]") {
  TempDir t;
  const std::string dir = t.Path("history");
  Store store = Open(dir);
  const std::string first = Commit(store, kFirst, "first scan: 2 servers in 2 configs", 1000);
  Files second = kFirst;
  second["summary.json"] = "{\"servers\": 3}\n";
  const std::string second_id = Commit(store, second, "cursor: +github", 2000);

  const ProcessResult log = Git(dir, {"log", "--oneline", "--no-decorate"});
  CHECK(log.exit_code == 0);
  CHECK(log.out == second_id.substr(0, 7) + " cursor: +github\n" + first.substr(0, 7) +
                       " first scan: 2 servers in 2 configs\n");
  const ProcessResult show = Git(dir, {"show", "HEAD:summary.json"});
  CHECK(show.exit_code == 0);
  CHECK(show.out == "{\"servers\": 3}\n");
  const ProcessResult nested = Git(dir, {"show", "HEAD~1:configs/cursor/user/a.json"});
  CHECK(nested.out == "{\"a\": 1}\n");
  const ProcessResult branch = Git(dir, {"symbolic-ref", "HEAD"});
  CHECK(branch.out == "refs/heads/main\n");
  const ProcessResult fsck = Git(dir, {"fsck", "--strict", "--no-dangling"});
  INFO(fsck.err);
  CHECK(fsck.exit_code == 0);
  CHECK(fsck.err.empty());
}

}  // namespace
}  // namespace mcpguard::history

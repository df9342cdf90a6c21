#include "pinning/stat_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>
#include <thread>

#include "crypto/sha256.h"
#include "pinning/hash.h"
#include "support/temp_dir.h"

namespace mcpguard::pinning {
namespace {

using test::TempDir;

constexpr char kAbcSha[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

// Files just written carry a ctime in the current tick of the kernel's coarse
// clock; the racy-file rule will not cache them until that tick is over.
void WaitForClockTick() {
  struct timespec res {};
  REQUIRE(::clock_getres(CLOCK_REALTIME_COARSE, &res) == 0);
  const auto tick = std::chrono::seconds(res.tv_sec) + std::chrono::nanoseconds(res.tv_nsec);
  std::this_thread::sleep_for(2 * tick + std::chrono::milliseconds(2));
}

// A cache that trusts anything older than the current clock tick.
StatCache TickCache(const std::string& file = {}) {
  StatCache cache = file.empty() ? StatCache() : StatCache::Load(file);
  cache.set_racy_window(std::chrono::nanoseconds(0));
  return cache;
}

void WriteTree(const TempDir& t) {
  t.Write("root/a.js", "a");
  t.Write("root/lib/b.js", "bb");
  t.Write("root/lib/c.js", "ccc");
  t.Write("root/with space\nand newline\\.js", "d");
  WaitForClockTick();
}

TreeDigest Hash(const std::string& root, StatCache* cache) {
  auto d = HashTree(root, cache);
  REQUIRE(d);
  return *d;
}

std::string UncachedSha(const std::string& root) { return Hash(root, nullptr).sha256; }

struct stat Stat(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st;
}

// Replaces the trailer with a valid one for `body`, so a test reaches the
// per-line checks behind the checksum.
std::string Reseal(const std::string& text) {
  const std::string body = text.substr(0, text.rfind("end "));
  size_t lines = 0;
  for (char c : body) lines += c == '\n' ? 1 : 0;
  return body + "end " + std::to_string(lines - 1) + " " + crypto::Blake2b256Hex(body) + "\n";
}

// A cache file saved after hashing the tree under t.Path("root").
std::string SavedCache(const TempDir& t) {
  const std::string file = t.Path("cache/mcpguard/hashes");
  StatCache cache = TickCache(file);
  Hash(t.Path("root"), &cache);
  REQUIRE(cache.size() == 4);
  REQUIRE(cache.Save());
  return file;
}

std::string ReplaceFirst(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

TEST_CASE("a cached hash is reused, a racy one is not cached", "[pinning][cache]") {
  TempDir t;
  const std::string path = t.Write("f", "abc");
  StatCache cache;  // default window: 2 s
  bool hashed = false;
  auto sha = Sha256FileCached(path, &cache, &hashed);
  REQUIRE(sha);
  CHECK(*sha == kAbcSha);
  CHECK(hashed);
  CHECK(cache.size() == 0);  // ctime too recent to trust a stat match later

  cache.set_racy_window(std::chrono::nanoseconds(0));
  WaitForClockTick();
  REQUIRE(Sha256FileCached(path, &cache, &hashed));
  CHECK(hashed);
  CHECK(cache.size() == 1);
  sha = Sha256FileCached(path, &cache, &hashed);
  REQUIRE(sha);
  CHECK_FALSE(hashed);
  CHECK(*sha == kAbcSha);

  sha = Sha256FileCached(path, nullptr, &hashed);  // no cache: always read
  REQUIRE(sha);
  CHECK(hashed);
}

TEST_CASE("hashing a tree twice with a cache reads no file the second time", "[pinning][cache]") {
  TempDir t;
  WriteTree(t);
  const std::string root = t.Path("root");
  StatCache cache = TickCache();
  const TreeDigest first = Hash(root, &cache);
  CHECK(first.files == 4);
  CHECK(first.hashed == 4);
  const TreeDigest second = Hash(root, &cache);
  CHECK(second.files == 4);
  CHECK(second.hashed == 0);
  CHECK(second.sha256 == first.sha256);
  CHECK(first.sha256 == UncachedSha(root));
}

TEST_CASE("touching a file re-hashes exactly that file", "[pinning][cache]") {
  TempDir t;
  WriteTree(t);
  const std::string root = t.Path("root");
  StatCache cache = TickCache();
  const std::string sha = Hash(root, &cache).sha256;
  const struct timespec times[2] = {{0, UTIME_OMIT}, {1'600'000'000, 5}};
  REQUIRE(::utimensat(AT_FDCWD, t.Path("root/lib/b.js").c_str(), times, 0) == 0);
  const TreeDigest after = Hash(root, &cache);
  CHECK(after.hashed == 1);
  CHECK(after.sha256 == sha);
}

TEST_CASE("a file replaced with the same size and mtime but a new inode is re-hashed", "[pinning][cache]") {
  TempDir t;
  WriteTree(t);
  const std::string root = t.Path("root");
  StatCache cache = TickCache();
  Hash(root, &cache);
  const std::string target = t.Path("root/lib/c.js");
  const struct stat old_st = Stat(target);
  const std::string fresh = t.Write("root/lib/c.new", "CCC");  // same size, created while c.js exists
  const struct timespec times[2] = {old_st.st_atim, old_st.st_mtim};
  REQUIRE(::utimensat(AT_FDCWD, fresh.c_str(), times, 0) == 0);
  REQUIRE(std::rename(fresh.c_str(), target.c_str()) == 0);
  const struct stat new_st = Stat(target);
  REQUIRE(new_st.st_ino != old_st.st_ino);
  REQUIRE(new_st.st_size == old_st.st_size);
  REQUIRE(new_st.st_mtim.tv_sec == old_st.st_mtim.tv_sec);
  REQUIRE(new_st.st_mtim.tv_nsec == old_st.st_mtim.tv_nsec);

  const TreeDigest after = Hash(root, &cache);
  CHECK(after.hashed == 1);
  CHECK(after.sha256 == UncachedSha(root));
}

TEST_CASE("a saved cache is private and loads back to a no-read rescan", "[pinning][cache]") {
  TempDir t;
  WriteTree(t);
  const std::string file = SavedCache(t);
  CHECK((Stat(file).st_mode & 0777) == 0600);
  CHECK((Stat(t.Path("cache/mcpguard")).st_mode & 0777) == 0700);
  CHECK((Stat(t.Path("cache")).st_mode & 0777) == 0700);
  CHECK(test::ReadFile(file).rfind("mcpguard.hashcache/2\n", 0) == 0);

  StatCache loaded = TickCache(file);
  CHECK_FALSE(loaded.rebuilt());
  CHECK(loaded.size() == 4);
  const TreeDigest d = Hash(t.Path("root"), &loaded);
  CHECK(d.hashed == 0);
  CHECK(d.sha256 == UncachedSha(t.Path("root")));  // names with space, newline, backslash survived
}

TEST_CASE("a missing cache file gives an empty cache flagged rebuilt", "[pinning][cache]") {
  TempDir t;
  StatCache cache = StatCache::Load(t.Path("nowhere/hashes"));
  CHECK(cache.rebuilt());
  CHECK(cache.rebuild_reason() == "no cache file yet");
  CHECK(cache.size() == 0);
  REQUIRE(cache.Save());  // creates the directory
  StatCache again = StatCache::Load(t.Path("nowhere/hashes"));
  CHECK_FALSE(again.rebuilt());
  CHECK(again.size() == 0);
}

TEST_CASE("a corrupt cache file is rebuilt and hashes stay correct", "[pinning][cache]") {
  TempDir t;
  WriteTree(t);
  const std::string root = t.Path("root");
  const std::string expected = UncachedSha(root);
  const std::string file = SavedCache(t);
  const std::string good = test::ReadFile(file);
  const size_t first_entry = good.find('\n') + 1;

  std::mt19937 rng(1234);
  std::string random(good.size(), '\0');
  for (char& c : random) c = static_cast<char>(rng() & 0xff);
  std::string flipped = good;  // one hex digit of the first entry's hash
  flipped[first_entry] = flipped[first_entry] == '0' ? '1' : '0';
  const std::string bad_hex = Reseal(good.substr(0, first_entry) + "g" + good.substr(first_entry + 1));
  const std::string short_hex = Reseal(good.substr(0, first_entry) + good.substr(first_entry + 1));
  const std::string second_line = good.substr(first_entry, good.find('\n', first_entry) + 1 - first_entry);
  const std::string duplicate = Reseal(good.substr(0, first_entry) + second_line + good.substr(first_entry));
  const std::string bad_count = ReplaceFirst(good, "end 4 ", "end 3 ");

  struct Case {
    const char* name;
    std::string content;
    const char* reason;
  };
  const Case cases[] = {
      {"random bytes", random, "not a hash cache file"},
      {"empty", "", "not a hash cache file"},
      {"wrong version", ReplaceFirst(good, "hashcache/2", "hashcache/1"), "written by another version"},
      {"flipped hash digit", flipped, "checksum mismatch"},
      {"bad hex, resealed", bad_hex, "line 2: malformed entry"},
      {"short hash, resealed", short_hex, "line 2: malformed entry"},
      {"duplicate entry, resealed", duplicate, "line 3: entries out of order"},
      {"wrong count", bad_count, "entry count mismatch"},
      {"no trailer", good.substr(0, good.rfind("end ")), "truncated"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    t.Write("cache/mcpguard/hashes", c.content);
    StatCache cache = TickCache(file);
    CHECK(cache.rebuilt());
    CHECK(cache.rebuild_reason() == c.reason);
    CHECK(cache.size() == 0);
    const TreeDigest d = Hash(root, &cache);
    CHECK(d.sha256 == expected);
    CHECK(d.hashed == d.files);
  }

  // Every truncation, whether or not it falls on a line boundary.
  for (size_t n = 0; n < good.size(); ++n) {
    INFO("truncated to " << n << " bytes");
    t.Write("cache/mcpguard/hashes", good.substr(0, n));
    StatCache cache = StatCache::Load(file);
    CHECK(cache.rebuilt());
    CHECK(cache.size() == 0);
  }
}

TEST_CASE("a cache file other users can write is ignored", "[pinning][cache]") {
  TempDir t;
  WriteTree(t);
  const std::string file = SavedCache(t);
  REQUIRE(::chmod(file.c_str(), 0620) == 0);
  StatCache cache = StatCache::Load(file);
  CHECK(cache.rebuilt());
  CHECK(cache.size() == 0);
}

TEST_CASE("lookup needs the whole stat key and store ignores malformed hashes", "[pinning][cache]") {
  TempDir t;
  const std::string path = t.Write("f", "abc");
  const struct stat st = Stat(path);
  StatCache cache;
  cache.Store(path, st, "not hex");
  cache.Store(path, st, std::string(kAbcSha).substr(0, 63) + "G");
  CHECK(cache.size() == 0);
  cache.Store(path, st, kAbcSha);
  CHECK(cache.Lookup(path, st) == std::optional<std::string>(kAbcSha));
  CHECK_FALSE(cache.Lookup(path + "x", st));
  for (int field = 0; field < 5; ++field) {
    struct stat other = st;
    if (field == 0) other.st_dev += 1;
    if (field == 1) other.st_ino += 1;
    if (field == 2) other.st_size += 1;
    if (field == 3) other.st_mtim.tv_nsec = (other.st_mtim.tv_nsec + 1) % 1'000'000'000;
    if (field == 4) other.st_ctim.tv_sec += 1;
    INFO("field " << field);
    CHECK_FALSE(cache.Lookup(path, other));
  }
}

TEST_CASE("entries from earlier runs survive a save that did not use them", "[pinning][cache]") {
  TempDir t;
  WriteTree(t);
  t.Write("other/x.js", "x");
  WaitForClockTick();
  const std::string file = t.Path("cache/hashes");
  {
    StatCache cache = TickCache(file);
    Hash(t.Path("root"), &cache);
    Hash(t.Path("other"), &cache);
    REQUIRE(cache.Save());
  }
  {
    StatCache cache = TickCache(file);
    CHECK(cache.size() == 5);
    CHECK(Hash(t.Path("root"), &cache).hashed == 0);  // only root used this run
    REQUIRE(cache.Save());
  }
  StatCache cache = TickCache(file);
  CHECK(cache.size() == 5);
  CHECK(Hash(t.Path("other"), &cache).hashed == 0);
}

TEST_CASE("a file re-hashed after a change replaces its loaded entry, once", "[pinning][cache]") {
  TempDir t;
  WriteTree(t);
  const std::string file = SavedCache(t);
  t.Write("root/lib/b.js", "b changed, and longer");
  t.Write("root/lib/new.js", "n");
  WaitForClockTick();
  {
    StatCache cache = TickCache(file);
    REQUIRE(cache.size() == 4);
    const TreeDigest d = Hash(t.Path("root"), &cache);
    CHECK(d.hashed == 2);  // b.js (stale entry) and new.js (no entry)
    CHECK(cache.size() == 5);
    CHECK(Hash(t.Path("root"), &cache).hashed == 0);  // this run's entries answer at once
    REQUIRE(cache.Save());
  }
  const std::string saved = test::ReadFile(file);
  CHECK(saved.find("end 5 ") != std::string::npos);
  StatCache cache = TickCache(file);
  CHECK_FALSE(cache.rebuilt());
  CHECK(cache.size() == 5);
  const TreeDigest d = Hash(t.Path("root"), &cache);
  CHECK(d.hashed == 0);
  CHECK(d.sha256 == UncachedSha(t.Path("root")));
  // The entry for b.js is the new content's SHA-256 (sha256sum of "b changed, and longer").
  const struct stat st = Stat(t.Path("root/lib/b.js"));
  CHECK(cache.Lookup(t.Path("root/lib/b.js"), st) ==
        std::optional<std::string>("d24dd982d343e3dfa3d777a97d6915ce97737ad2db4d51f71f3d0019d62cb8bc"));
}

TEST_CASE("a cache without a file cannot be saved", "[pinning][cache]") {
  StatCache cache;
  auto r = cache.Save();
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::kInvalidArgument);
}

}  // namespace
}  // namespace mcpguard::pinning

#include "pinning/hash.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <set>
#include <string>

#include "support/temp_dir.h"

namespace mcpguard::pinning {
namespace {

using test::TempDir;

// Known answers computed independently with sha256sum / Python's hashlib.
constexpr char kEmptySha[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr char kAbcSha[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
// 3 MiB + 123 bytes of ThreeMiB() below: spans several 1 MiB reads and ends
// with a partial one.
constexpr char kThreeMiBSha[] = "1ff3662513c57f3256d06047549ae83f55f026af2e327902effce23ced08cd1e";

std::string ThreeMiB() {
  std::string data(3 * (size_t{1} << 20) + 123, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>((i * 31 + (i >> 11)) & 0xff);
  return data;
}

std::string TreeSha(const std::string& dir, const TreeOptions& options = {}) {
  auto d = HashTree(dir, nullptr, options);
  REQUIRE(d);
  CHECK(d->hashed == d->files);  // no cache: everything is read
  return d->sha256;
}

void Symlink(const std::string& target, const std::string& link) {
  REQUIRE(::symlink(target.c_str(), link.c_str()) == 0);
}

// The tree whose canonical text is spelled out in the known-answer test.
void WriteSampleTree(const TempDir& t) {
  t.Write("root/bin/run.sh", "#!/bin/sh\necho hi\n");
  REQUIRE(::chmod(t.Path("root/bin/run.sh").c_str(), 0755) == 0);
  t.Write("root/lib/a.js", "a");
  t.Write("root/lib-extra.txt", "z");
  t.Write("root/with space.txt", "x");
  t.MakeDir("root/empty");
  Symlink("lib/a.js", t.Path("root/link"));
  for (const char* f : {"root/lib/a.js", "root/lib-extra.txt", "root/with space.txt"}) {
    REQUIRE(::chmod(t.Path(f).c_str(), 0644) == 0);
  }
}

TEST_CASE("sha256 of a file matches known answers", "[pinning][hash]") {
  TempDir t;
  auto empty = Sha256File(t.Write("empty", ""));
  REQUIRE(empty);
  CHECK(*empty == kEmptySha);
  auto abc = Sha256File(t.Write("abc", "abc"));
  REQUIRE(abc);
  CHECK(*abc == kAbcSha);
  auto big = Sha256File(t.Write("big", ThreeMiB()));
  REQUIRE(big);
  CHECK(*big == kThreeMiBSha);
  auto bytes = Sha256Bytes("abc");
  REQUIRE(bytes);
  CHECK(*bytes == kAbcSha);
}

TEST_CASE("sha256 of a file follows a symlink to it", "[pinning][hash]") {
  TempDir t;
  t.Write("abc", "abc");
  Symlink("abc", t.Path("link"));
  auto sha = Sha256File(t.Path("link"));
  REQUIRE(sha);
  CHECK(*sha == kAbcSha);
}

TEST_CASE("sha256 of a fifo, device, directory or socket path is an error", "[pinning][hash]") {
  TempDir t;
  const std::string fifo = t.Path("fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto r = Sha256File(fifo);  // must not block: nobody writes to it
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::kNotRegular);
  CHECK(r.error().path == fifo);
  CHECK(r.error().message == "is a named pipe, not a regular file");

  r = Sha256File("/dev/null");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::kNotRegular);
  CHECK(r.error().message == "is a character device, not a regular file");

  r = Sha256File(t.MakeDir("dir"));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::kNotRegular);

  r = Sha256File(t.Path("missing"));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::kNotFound);
  CHECK(r.error().path == t.Path("missing"));
}

TEST_CASE("sha256 of an unreadable file is a permission error", "[pinning][hash]") {
  if (::geteuid() == 0) return;  // root reads anything
  TempDir t;
  const std::string path = t.Write("secret", "x");
  REQUIRE(::chmod(path.c_str(), 0) == 0);
  auto r = Sha256File(path);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::kPermission);
}

TEST_CASE("tree fields are escaped so every line parses one way", "[pinning][hash]") {
  CHECK(EscapeField("plain/path-1.js") == "plain/path-1.js");
  CHECK(EscapeField("a b\n\\c\t\x7f") == "a\\x20b\\x0a\\x5cc\\x09\\x7f");
  CHECK(EscapeField("caf\xc3\xa9") == "caf\xc3\xa9");  // UTF-8 as is
  CHECK(IsSha256Hex(kAbcSha));
  CHECK_FALSE(IsSha256Hex(std::string(kAbcSha).substr(1)));
  CHECK_FALSE(IsSha256Hex("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"));
}

TEST_CASE("tree digest matches its documented canonical text", "[pinning][hash]") {
  TempDir t;
  WriteSampleTree(t);
  // Sorted by raw relative path: "lib-extra.txt" < "lib/a.js" because
  // '-' (0x2d) < '/' (0x2f). The digest below was computed with Python's
  // hashlib from this text, independently of mcpguard.
  const std::string text =
      "mcpguard.tree/1\n"
      "F x 299001868fb8c02fd431c336c6d058f5558c5dff5b5af5e6fe04b870a6a9cbba bin/run.sh\n"
      "D empty\n"
      "F - 594e519ae499312b29433b7dd8a97ff068defcba9755b6d5d00e84c524d67b06 lib-extra.txt\n"
      "F - ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb lib/a.js\n"
      "L lib/a.js link\n"
      "F - 2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881 with\\x20space.txt\n";
  constexpr char kExpected[] = "19d6d564d59f279a5d502d3c5af55592bbc73e734cf758800b2df5a0b01bc758";
  auto text_sha = Sha256Bytes(text);
  REQUIRE(text_sha);
  CHECK(*text_sha == kExpected);

  auto d = HashTree(t.Path("root"), nullptr);
  REQUIRE(d);
  CHECK(d->sha256 == kExpected);
  CHECK(d->files == 4);
  CHECK(d->hashed == 4);
}

TEST_CASE("an empty tree hashes the version tag alone", "[pinning][hash]") {
  TempDir t;
  // sha256("mcpguard.tree/1\n"), computed with sha256sum.
  CHECK(TreeSha(t.MakeDir("root")) == "1eb5771b528b9fd0e05c150e3768902f31d82a5200d84268987a2b3666506ed8");
}

TEST_CASE("changing one byte of any file changes the tree digest", "[pinning][hash]") {
  TempDir t;
  WriteSampleTree(t);
  const std::string root = t.Path("root");
  const std::string base = TreeSha(root);
  std::set<std::string> seen{base};
  for (const char* rel : {"bin/run.sh", "lib/a.js", "lib-extra.txt", "with space.txt"}) {
    const std::string path = root + "/" + rel;
    const std::string original = test::ReadFile(path);
    std::string changed = original;
    changed[0] = static_cast<char>(changed[0] ^ 1);
    t.Write(std::string("root/") + rel, changed);
    CHECK(seen.insert(TreeSha(root)).second);
    t.Write(std::string("root/") + rel, original);
    CHECK(TreeSha(root) == base);
  }
}

TEST_CASE("an exec bit change changes the tree digest", "[pinning][hash]") {
  TempDir t;
  WriteSampleTree(t);
  const std::string root = t.Path("root");
  const std::string base = TreeSha(root);
  REQUIRE(::chmod(t.Path("root/lib/a.js").c_str(), 0654) == 0);  // group exec only
  const std::string with_x = TreeSha(root);
  CHECK(with_x != base);
  REQUIRE(::chmod(t.Path("root/lib/a.js").c_str(), 0600) == 0);  // other bits do not count
  CHECK(TreeSha(root) == base);
}

TEST_CASE("renaming a file or directory changes the tree digest", "[pinning][hash]") {
  TempDir t;
  WriteSampleTree(t);
  const std::string root = t.Path("root");
  const std::string base = TreeSha(root);
  REQUIRE(std::rename(t.Path("root/lib/a.js").c_str(), t.Path("root/lib/b.js").c_str()) == 0);
  const std::string renamed_file = TreeSha(root);
  CHECK(renamed_file != base);
  REQUIRE(std::rename(t.Path("root/lib").c_str(), t.Path("root/lib2").c_str()) == 0);
  CHECK(TreeSha(root) != renamed_file);
}

TEST_CASE("a symlink target change changes the tree digest", "[pinning][hash]") {
  TempDir t;
  WriteSampleTree(t);
  const std::string root = t.Path("root");
  const std::string base = TreeSha(root);
  REQUIRE(::unlink(t.Path("root/link").c_str()) == 0);
  Symlink("./lib/a.js", t.Path("root/link"));  // same file, different text
  CHECK(TreeSha(root) != base);
  REQUIRE(::unlink(t.Path("root/link").c_str()) == 0);
  Symlink("lib/a.js", t.Path("root/link"));
  CHECK(TreeSha(root) == base);
}

TEST_CASE("a symlinked directory inside the tree is not followed", "[pinning][hash]") {
  TempDir t;
  t.Write("root/index.js", "x");
  t.Write("outside/secret.js", "1");
  Symlink(t.Path("outside"), t.Path("root/dep"));
  const std::string root = t.Path("root");
  auto d = HashTree(root, nullptr);
  REQUIRE(d);
  CHECK(d->files == 1);
  t.Write("outside/secret.js", "2");
  t.Write("outside/more.js", "3");
  CHECK(TreeSha(root) == d->sha256);
}

TEST_CASE("the root may be a symlink to a directory", "[pinning][hash]") {
  TempDir t;
  WriteSampleTree(t);
  Symlink(t.Path("root"), t.Path("alias"));
  CHECK(TreeSha(t.Path("alias")) == TreeSha(t.Path("root")));
}

TEST_CASE("empty directories, dangling links and fifos are part of the tree", "[pinning][hash]") {
  TempDir t;
  t.Write("root/a", "a");
  const std::string root = t.Path("root");
  const std::string base = TreeSha(root);
  t.MakeDir("root/empty");
  const std::string with_dir = TreeSha(root);
  CHECK(with_dir != base);
  t.Write("root/empty/f", "");  // no longer empty: the D line gives way to an F line
  const std::string with_file = TreeSha(root);
  CHECK(with_file != with_dir);
  Symlink("nowhere", t.Path("root/dangling"));
  const std::string with_link = TreeSha(root);
  CHECK(with_link != with_file);
  REQUIRE(::mkfifo(t.Path("root/pipe").c_str(), 0600) == 0);  // listed, never opened
  auto d = HashTree(root, nullptr);
  REQUIRE(d);
  CHECK(d->sha256 != with_link);
  CHECK(d->files == 2);
}

TEST_CASE("file names that look like tree lines cannot forge another tree", "[pinning][hash]") {
  TempDir a;
  TempDir b;
  auto x = Sha256Bytes("");
  REQUIRE(x);
  // Tree b holds files "x" and "y"; tree a one file whose name spells the
  // text of both lines. Escaping keeps the two texts apart.
  b.Write("root/x", "");
  b.Write("root/y", "");
  a.Write("root/x\nF - " + *x + " y", "");
  CHECK(TreeSha(a.Path("root")) != TreeSha(b.Path("root")));
}

TEST_CASE("skip_names leaves entries out at any depth", "[pinning][hash]") {
  TempDir t;
  t.Write("root/a.js", "a");
  t.Write("root/sub/b.js", "b");
  const std::string root = t.Path("root");
  const std::string base = TreeSha(root);
  t.Write("root/.cache/junk", "1");
  t.Write("root/sub/.cache", "2");
  CHECK(TreeSha(root) != base);
  TreeOptions options;
  options.skip_names = {".cache"};
  CHECK(TreeSha(root, options) == base);
}

TEST_CASE("a tree over the entry limit is refused", "[pinning][hash]") {
  TempDir t;
  for (int i = 0; i < 5; ++i) t.Write("root/d/f" + std::to_string(i), "x");
  TreeOptions options;
  options.max_entries = 6;  // d and its five files
  REQUIRE(HashTree(t.Path("root"), nullptr, options));
  options.max_entries = 5;
  auto r = HashTree(t.Path("root"), nullptr, options);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::kTooLarge);
  CHECK(r.error().message == "tree has more than 5 entries; refusing to hash it");
}

TEST_CASE("a tree nested deeper than the depth limit is refused", "[pinning][hash]") {
  TempDir t;
  t.Write("root/1/2/3/f", "x");
  TreeOptions options;
  options.max_depth = 3;
  REQUIRE(HashTree(t.Path("root"), nullptr, options));
  options.max_depth = 2;
  auto r = HashTree(t.Path("root"), nullptr, options);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::kTooLarge);
}

TEST_CASE("a tree root that is a file or missing is an error", "[pinning][hash]") {
  TempDir t;
  auto r = HashTree(t.Write("file", "x"), nullptr);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::kNotRegular);
  r = HashTree(t.Path("missing"), nullptr);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::kNotFound);
}

TEST_CASE("an unreadable directory in the tree is an error, not skipped", "[pinning][hash]") {
  if (::geteuid() == 0) return;  // root reads anything
  TempDir t;
  t.Write("root/locked/f", "x");
  REQUIRE(::chmod(t.Path("root/locked").c_str(), 0) == 0);
  auto r = HashTree(t.Path("root"), nullptr);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::kPermission);
}

}  // namespace
}  // namespace mcpguard::pinning

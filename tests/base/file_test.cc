#include "base/file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "support/temp_dir.h"

namespace mcpguard {
namespace {

using test::TempDir;

TEST_CASE("a regular file is read whole", "[base][file]") {
  TempDir t;
  const std::string p = t.Write("a.json", "{\"x\": 1}\n");
  auto text = ReadFileCapped(p);
  REQUIRE(text);
  CHECK(*text == "{\"x\": 1}\n");
}

TEST_CASE("a missing file is kNotFound with its path", "[base][file]") {
  TempDir t;
  auto text = ReadFileCapped(t.Path("nope.json"));
  REQUIRE_FALSE(text);
  CHECK(text.error().code == Errc::kNotFound);
  CHECK(text.error().path == t.Path("nope.json"));
}

TEST_CASE("a directory where a file should be is kNotRegular", "[base][file]") {
  TempDir t;
  auto text = ReadFileCapped(t.MakeDir("mcp.json"));
  REQUIRE_FALSE(text);
  CHECK(text.error().code == Errc::kNotRegular);
  CHECK(text.error().message == "is a directory, not a config file");
}

TEST_CASE("a FIFO is refused at once instead of blocking", "[base][file]") {
  TempDir t;
  const std::string p = t.Path("fifo.json");
  REQUIRE(::mkfifo(p.c_str(), 0600) == 0);
  auto text = ReadFileCapped(p);
  REQUIRE_FALSE(text);
  CHECK(text.error().code == Errc::kNotRegular);
  CHECK(text.error().message == "is a FIFO, not a config file");
}

TEST_CASE("a symlink to /dev/zero is refused", "[base][file]") {
  TempDir t;
  const std::string p = t.Path("zero.json");
  REQUIRE(::symlink("/dev/zero", p.c_str()) == 0);
  auto text = ReadFileCapped(p);
  REQUIRE_FALSE(text);
  CHECK(text.error().message == "is a character device, not a config file");
}

TEST_CASE("a symlink loop is an error, not a hang", "[base][file]") {
  TempDir t;
  REQUIRE(::symlink(t.Path("b").c_str(), t.Path("a").c_str()) == 0);
  REQUIRE(::symlink(t.Path("a").c_str(), t.Path("b").c_str()) == 0);
  auto text = ReadFileCapped(t.Path("a"));
  REQUIRE_FALSE(text);
  CHECK(text.error().message == "cannot open: too many levels of symbolic links");
}

TEST_CASE("a file over the cap is refused before it is read", "[base][file]") {
  TempDir t;
  const std::string p = t.Write("big.json", std::string(5000, ' '));
  auto text = ReadFileCapped(p, 4096);
  REQUIRE_FALSE(text);
  CHECK(text.error().code == Errc::kTooLarge);
  CHECK(text.error().message == "file is 4 KiB, over the 4 KiB limit");
}

TEST_CASE("a sparse 200 MB file is refused without reading it", "[base][file]") {
  TempDir t;
  const std::string p = t.Write("huge.json", "");
  REQUIRE(::truncate(p.c_str(), 200ll << 20) == 0);
  auto text = ReadFileCapped(p);
  REQUIRE_FALSE(text);
  CHECK(text.error().message == "file is 200 MiB, over the 16 MiB limit");
}

TEST_CASE("an unreadable file is kPermission", "[base][file]") {
  if (::geteuid() == 0) {
    // root reads everything; the permission check cannot be seen as root.
    SUCCEED("skipped as root");
    return;
  }
  TempDir t;
  const std::string p = t.Write("secret.json", "{}");
  ::chmod(p.c_str(), 0);
  auto text = ReadFileCapped(p);
  REQUIRE_FALSE(text);
  CHECK(text.error().code == Errc::kPermission);
}

TEST_CASE("an atomic write replaces the file and leaves no temp file", "[base][file]") {
  TempDir t;
  const std::string p = t.Write("out.json", "old");
  REQUIRE(WriteFileAtomic(p, "new content", 0600));
  CHECK(test::ReadFile(p) == "new content");
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  auto names = ListDir(t.path());
  REQUIRE(names);
  CHECK(*names == std::vector<std::string>{"out.json"});
}

}  // namespace
}  // namespace mcpguard

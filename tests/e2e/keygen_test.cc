// End-to-end: `mcpguard keygen` writes a key pair that the real minisign uses,
// never replaces one by accident, and never shows the passphrase.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include <catch2/catch.hpp>

#include "base/process.h"
#include "signing/minisign.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

using Catch::Matchers::Contains;

// The real minisign, run in `t` with a fake HOME; a missing minisign fails.
ProcessResult Minisign(const TempDir& t, const std::vector<std::string>& args) {
  ProcessOptions opts;
  opts.argv = {"minisign"};
  opts.argv.insert(opts.argv.end(), args.begin(), args.end());
  opts.env = std::vector<std::string>{"HOME=" + t.path()};
  if (const char* path = std::getenv("PATH")) opts.env->push_back(std::string("PATH=") + path);
  opts.cwd = t.path();
  auto r = RunProcess(opts);
  INFO("minisign must be installed for these tests: apt-get install minisign");
  REQUIRE(r);
  REQUIRE(r->exit_code != 127);
  return *r;
}

unsigned ModeOf(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777u;
}

struct Home {
  TempDir t;
  std::string home = t.MakeDir("home");
  std::string config = t.Path("home/xdg");
  std::string key = config + "/mcpguard/mcpguard.key";
  std::string pub = config + "/mcpguard/mcpguard.pub";
  std::map<std::string, std::string> env{{"XDG_CONFIG_HOME", config}};

  Run Keygen(std::vector<std::string> args, std::map<std::string, std::string> extra = {}) const {
    args.insert(args.begin(), "keygen");
    std::map<std::string, std::string> all = env;
    all.insert(extra.begin(), extra.end());
    return RunMcpguard(args, home, all);
  }
};

TEST_CASE("keygen -W writes a key pair that minisign signs and verifies with", "[e2e][keygen]") {
  Home h;
  Run r = h.Keygen({"-W"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(ModeOf(h.key) == 0600);
  CHECK(ModeOf(h.pub) == 0644);
  CHECK(ModeOf(h.config + "/mcpguard") == 0700);
  auto pub = signing::ParsePublicKey(ReadFile(h.pub), h.pub);
  REQUIRE(pub);
  CHECK(r.out == "secret key: " + h.key + " (not encrypted)\npublic key: " + h.pub +
                     "\nkey id: " + signing::KeyIdHex(pub->key_id) + "\n");
  CHECK(ReadFile(h.key).find("\nRWQAAEIy") != std::string::npos);

  h.t.Write("f", "baseline\n");
  REQUIRE(Minisign(h.t, {"-S", "-s", h.key, "-m", "f", "-t", "approved"}).exit_code == 0);
  ProcessResult v = Minisign(h.t, {"-Vm", "f", "-p", h.pub});
  CHECK(v.exit_code == 0);
  CHECK_THAT(v.out, Contains("Trusted comment: approved"));
}

TEST_CASE("keygen never replaces keys without --force", "[e2e][keygen]") {
  Home h;
  REQUIRE(h.Keygen({"-W"}).exit_code == 0);
  const std::string key = ReadFile(h.key);
  const std::string pub = ReadFile(h.pub);

  Run again = h.Keygen({"-W"});
  CHECK(again.exit_code == 2);
  CHECK(again.out.empty());
  CHECK_THAT(again.err, Contains("mcpguard: error: " + h.key + " already exists") && Contains("--force"));
  CHECK(ReadFile(h.key) == key);
  CHECK(ReadFile(h.pub) == pub);

  Run forced = h.Keygen({"-W", "--force"});
  CHECK(forced.exit_code == 0);
  CHECK(ReadFile(h.key) != key);
  CHECK(ReadFile(h.pub) != pub);
  CHECK(ModeOf(h.key) == 0600);
}

TEST_CASE("keygen --output writes PREFIX.key and PREFIX.pub", "[e2e][keygen]") {
  Home h;
  const std::string prefix = h.t.Path("out/ci-signing");
  Run r = h.Keygen({"-W", "--output", prefix});
  REQUIRE(r.exit_code == 0);
  CHECK(ModeOf(prefix + ".key") == 0600);
  CHECK(ModeOf(prefix + ".pub") == 0644);
  CHECK(::access(h.pub.c_str(), F_OK) != 0);  // nothing at the default place
}

TEST_CASE("keygen encrypts the key with the passphrase file and never prints it", "[e2e][keygen]") {
  Home h;
  const std::string passphrase = "tr0ub4dor&3 horse";
  const std::string file = h.t.Write("pass.txt", passphrase + "\n");
  Run r = h.Keygen({}, {{"MCPGUARD_PASSPHRASE_FILE", file}, {"MCPGUARD_SCRYPT_INTERACTIVE", "1"}});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find(passphrase) == std::string::npos);
  CHECK(r.err.find(passphrase) == std::string::npos);
  CHECK_THAT(r.out, !Contains("not encrypted"));
  const std::string text = ReadFile(h.key);
  CHECK(text.find("\nRWRTY0Iy") != std::string::npos);
  auto sk = signing::ParseSecretKey(text, h.key, passphrase);
  REQUIRE(sk);
  auto pub = signing::ParsePublicKey(ReadFile(h.pub), h.pub);
  REQUIRE(pub);
  CHECK(sk->public_key().pk == pub->pk);
  auto wrong = signing::ParseSecretKey(text, h.key, "tr0ub4dor&3 horsE");
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().message == "wrong passphrase for this key");
}

TEST_CASE("keygen without a terminal or passphrase file fails cleanly", "[e2e][keygen]") {
  Home h;
  Run r = h.Keygen({});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("MCPGUARD_PASSPHRASE_FILE") && Contains("-W"));
  Run empty = h.Keygen({}, {{"MCPGUARD_PASSPHRASE_FILE", h.t.Write("empty", "\n")}});
  CHECK(empty.exit_code == 2);
  CHECK_THAT(empty.err, Contains("empty passphrase"));
  CHECK(::access(h.key.c_str(), F_OK) != 0);
}

}  // namespace
}  // namespace mcpguard::test

// The SSH host-key check of ssh:// pushes against known_hosts files made
// with the real OpenSSH tools: keys from ssh-keygen, entries plain and
// hashed (ssh-keygen -H), [host]:port forms and @revoked.
#include "history/known_hosts.h"

#include <openssl/evp.h>

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "base/process.h"
#include "base/text.h"
#include "support/temp_dir.h"

namespace mcpguard::history {
namespace {

using test::TempDir;

ProcessResult Tool(std::vector<std::string> argv) {
  ProcessOptions o;
  o.argv = std::move(argv);
  o.env = std::vector<std::string>{"PATH=/usr/bin:/bin", "HOME=/nonexistent"};
  auto r = RunProcess(o);
  REQUIRE(r.has_value());
  return *r;
}

struct HostKey {
  std::string line;  // "<type> <base64>" as in a .pub file
  std::string raw;   // the blob the server sends
};

// A fresh ed25519 key pair from ssh-keygen; its public blob decoded here.
HostKey MakeKey(const TempDir& t, const std::string& name) {
  const std::string path = t.Path(name);
  REQUIRE(Tool({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", path}).exit_code == 0);
  const std::vector<std::string> fields = Split(std::string(Trim(test::ReadFile(path + ".pub"))), ' ');
  REQUIRE(fields.size() >= 2);
  std::string raw(fields[1].size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(raw.data()),
                                reinterpret_cast<const unsigned char*>(fields[1].data()), static_cast<int>(fields[1].size()));
  REQUIRE(n > 0);
  size_t size = static_cast<size_t>(n);
  for (size_t i = fields[1].size(); i > 0 && fields[1][i - 1] == '='; --i) --size;
  raw.resize(size);
  return {fields[0] + " " + fields[1], raw};
}

TEST_CASE("known_hosts: a listed key passes, another key for the host is refused, an absent host is unknown",
          "[history][ssh]") {
  TempDir t;
  const HostKey server = MakeKey(t, "server");
  const HostKey intruder = MakeKey(t, "intruder");
  const std::string file = t.Write("known_hosts", "# a comment\n[127.0.0.1]:2222 " + server.line +
                                                      "\ngit.example.org " + server.line + "\n");
  CHECK(CheckKnownHost("127.0.0.1", 2222, server.raw, file) == HostKeyVerdict::kKnown);
  CHECK(CheckKnownHost("127.0.0.1", 2222, intruder.raw, file) == HostKeyVerdict::kMismatch);
  CHECK(CheckKnownHost("127.0.0.1", 2223, server.raw, file) == HostKeyVerdict::kUnknown);
  // Port 22 is written as the bare host name.
  CHECK(CheckKnownHost("git.example.org", 22, server.raw, file) == HostKeyVerdict::kKnown);
  CHECK(CheckKnownHost("git.example.org", 22, intruder.raw, file) == HostKeyVerdict::kMismatch);
  CHECK(CheckKnownHost("other.example.org", 22, server.raw, file) == HostKeyVerdict::kUnknown);
  CHECK(CheckKnownHost("git.example.org", 22, server.raw, t.Path("missing")) == HostKeyVerdict::kUnknown);

  const std::string why = Describe(HostKeyVerdict::kMismatch, "127.0.0.1", 2222, file);
  CHECK(why == "the host key of [127.0.0.1]:2222 is not the one " + file +
                   " lists for it: refusing to connect (someone may be in the middle)");
}

TEST_CASE("known_hosts: hashed entries are matched as OpenSSH matches them", "[history][ssh]") {
  TempDir t;
  const HostKey server = MakeKey(t, "server");
  const HostKey intruder = MakeKey(t, "intruder");
  const std::string file = t.Write("known_hosts", "[127.0.0.1]:2222 " + server.line + "\n");
  REQUIRE(Tool({"ssh-keygen", "-H", "-f", file}).exit_code == 0);
  const std::string hashed = test::ReadFile(file);
  REQUIRE(hashed.rfind("|1|", 0) == 0);  // the host name is no longer in the file
  CHECK(hashed.find("127.0.0.1") == std::string::npos);
  CHECK(CheckKnownHost("127.0.0.1", 2222, server.raw, file) == HostKeyVerdict::kKnown);
  CHECK(CheckKnownHost("127.0.0.1", 2222, intruder.raw, file) == HostKeyVerdict::kMismatch);
}

TEST_CASE("known_hosts: a revoked key is refused even when also listed", "[history][ssh]") {
  TempDir t;
  const HostKey server = MakeKey(t, "server");
  const std::string file = t.Write("known_hosts", "@revoked * " + server.line + "\ngit.example.org " + server.line + "\n");
  CHECK(CheckKnownHost("git.example.org", 22, server.raw, file) == HostKeyVerdict::kMismatch);
}

}  // namespace
}  // namespace mcpguard::history

// End-to-end: the signed baseline (mcpguard-baseline(5)). `approve` records
// what is configured now and signs it with the user's key, `verify` checks the
// signature and compares, `revoke` takes servers out. Fake homes scanned by
// the built binary; the real minisign checks what mcpguard signs and signs
// what mcpguard checks. Digests are computed here with OpenSSL, not with
// mcpguard's own hashing.
//
// Every approve and verify runs with --no-cwd and --root <tmp>/root, so
// neither the test's working directory nor the machine's /etc is read.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <openssl/evp.h>

#include "base/process.h"
#include "support/base64.h"
#include "support/evidence.h"
#include "support/leak_home.h"  // Fakes
#include "support/npx_fixture.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

// ----------------------------------------------------------------- helpers

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    const size_t nl = text.find('\n', start);
    const size_t end = nl == std::string::npos ? text.size() : nl;
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

std::vector<std::string> SplitTabs(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t tab = s.find('\t'); tab != std::string::npos; tab = s.find('\t', start)) {
    out.push_back(s.substr(start, tab - start));
    start = tab + 1;
  }
  out.push_back(s.substr(start));
  return out;
}

bool Exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

// The real minisign with a fake HOME, in `cwd`; a missing minisign fails.
ProcessResult Minisign(const std::string& home, const std::string& cwd, const std::vector<std::string>& args) {
  ProcessOptions opts;
  opts.argv = {"minisign"};
  opts.argv.insert(opts.argv.end(), args.begin(), args.end());
  opts.env = std::vector<std::string>{"HOME=" + home};
  if (const char* path = std::getenv("PATH")) opts.env->push_back(std::string("PATH=") + path);
  opts.cwd = cwd;
  auto r = RunProcess(opts);
  INFO("minisign must be installed for these tests: apt-get install minisign");
  REQUIRE(r);
  REQUIRE(r->exit_code != 127);
  return *r;
}

// The key id of a minisign .pub file, as mcpguard and minisign display it
// (the 8 bytes after "Ed", read as a little-endian u64, 16 upper-case hex
// digits). Read off the key itself: minisign's comment line drops leading
// zeros.
std::string KeyIdOfPub(const std::string& pub_text) {
  const std::vector<std::string> lines = Lines(pub_text);
  REQUIRE(lines.size() == 2);
  REQUIRE_THAT(lines[0], StartsWith("untrusted comment: minisign public key "));
  const std::string raw = Base64Decode(lines[1]);
  REQUIRE(raw.size() == 42);
  REQUIRE(raw[0] == 'E');
  REQUIRE(raw[1] == 'd');
  std::string out;
  for (size_t i = 10; i-- > 2;) {
    char buf[3];
    std::snprintf(buf, sizeof buf, "%02X", static_cast<unsigned>(static_cast<uint8_t>(raw[i])));
    out += buf;
  }
  return out;
}

// One fake home under a test's TempDir, with mcpguard's files in the default
// place (~/.config/mcpguard).
class Home {
 public:
  Home(const TempDir& t, const std::string& name = "home")
      : home_(t.MakeDir(name)), root_(t.MakeDir(name + "-root")) {}

  const std::string& path() const { return home_; }
  const std::string& root() const { return root_; }
  std::string Path(const std::string& rel) const { return home_ + "/" + rel; }
  std::string ConfigDir() const { return Path(".config/mcpguard"); }
  std::string Baseline() const { return ConfigDir() + "/baseline.json"; }
  std::string Signature() const { return ConfigDir() + "/baseline.json.minisig"; }
  std::string Backup() const { return ConfigDir() + "/baseline.json.bak"; }
  std::string PublicKey() const { return ConfigDir() + "/mcpguard.pub"; }
  std::string SecretKey() const { return ConfigDir() + "/mcpguard.key"; }

  std::string Write(const std::string& rel, const std::string& content, mode_t mode = 0600) const {
    const std::string full = Path(rel);
    MakeDirs(fs::path(full).parent_path().string());
    WriteAt(full, content);
    REQUIRE(::chmod(full.c_str(), mode) == 0);
    return full;
  }
  std::string Cursor(const json& servers) const { return Write(".cursor/mcp.json", json{{"mcpServers", servers}}.dump(2)); }
  std::string VsCode(const json& servers) const {
    return Write(".config/Code/User/mcp.json", json{{"servers", servers}}.dump(2));
  }

  Run Mcpguard(const std::vector<std::string>& args, const Env& extra = {}) const {
    Env env = env_;
    for (const auto& [k, v] : extra) env[k] = v;
    return RunMcpguard(args, home_, env);
  }
  // keygen -W; returns the key id.
  std::string Keygen() const {
    const Run r = Mcpguard({"keygen", "-W"});
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return KeyIdOfPub(ReadFile(PublicKey()));
  }
  Run Approve(std::vector<std::string> args, const Env& extra = {}) const {
    args.insert(args.begin(), "approve");
    args.insert(args.end(), {"--no-cwd", "--root", root_});
    return Mcpguard(args, extra);
  }
  Run Verify(std::vector<std::string> args = {}, const Env& extra = {}) const {
    args.insert(args.begin(), "verify");
    args.insert(args.end(), {"--no-cwd", "--root", root_});
    return Mcpguard(args, extra);
  }
  Run Revoke(std::vector<std::string> args, const Env& extra = {}) const {
    args.insert(args.begin(), "revoke");
    args.insert(args.end(), {"--root", root_});
    return Mcpguard(args, extra);
  }
  json BaselineJson() const { return json::parse(ReadFile(Baseline())); }
  std::vector<std::string> ApprovedKeys() const {
    std::vector<std::string> keys;
    const json doc = BaselineJson();
    for (const json& s : doc.at("servers")) {
      keys.push_back(s.at("host").get<std::string>() + "/" + s.at("scope").get<std::string>() + "/" +
                     s.at("name").get<std::string>());
    }
    return keys;
  }

  Env env_{{"USER", "approver-e2e"}};

 private:
  static void WriteAt(const std::string& full, const std::string& content) {
    FILE* f = std::fopen(full.c_str(), "wb");
    REQUIRE(f != nullptr);
    REQUIRE(std::fwrite(content.data(), 1, content.size(), f) == content.size());
    REQUIRE(std::fclose(f) == 0);
  }

  std::string home_;
  std::string root_;
};

// Overwrites `path` keeping its mode.
void Overwrite(const std::string& path, const std::string& content) {
  FILE* f = std::fopen(path.c_str(), "r+b");
  REQUIRE(f != nullptr);
  REQUIRE(::ftruncate(::fileno(f), 0) == 0);
  REQUIRE(std::fwrite(content.data(), 1, content.size(), f) == content.size());
  REQUIRE(std::fclose(f) == 0);
}

// The .minisig's second line (the signature) with byte `at` of its decoded
// form flipped: 0-1 the algorithm, 2-9 the key id, 10-73 the signature.
std::string FlipSignatureByte(const std::string& minisig, size_t at) {
  std::vector<std::string> lines = Lines(minisig);
  REQUIRE(lines.size() == 4);
  std::string raw = Base64Decode(lines[1]);
  REQUIRE(raw.size() == 74);
  REQUIRE(raw[0] == 'E');
  REQUIRE(raw[1] == 'D');
  raw[at] = static_cast<char>(raw[at] ^ 0x01);
  lines[1] = Base64(raw, false);
  return JoinLines(lines);
}

// "Trusted comment: ..." as minisign -V prints it.
std::string MinisignTrustedComment(const ProcessResult& r) {
  for (const std::string& l : Lines(r.out)) {
    if (l.rfind("Trusted comment: ", 0) == 0) return l.substr(17);
  }
  FAIL("minisign printed no trusted comment: " << r.out << r.err);
  return {};
}

// One line per problem, as verify prints them.
void CheckVerifyFails(const Run& r, const std::string& expected_out) {
  INFO("stdout: " << r.out << "stderr: " << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out == expected_out);
}

void CheckCannotVerify(const Run& r, const std::string& message) {
  INFO("stdout: " << r.out << "stderr: " << r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, StartsWith("mcpguard: error: cannot verify: ") && Contains(message));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

void CheckVerified(const Run& r, size_t servers, const std::string& signer) {
  INFO("stdout: " << r.out << "stderr: " << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == std::to_string(servers) + " server(s) approved and unchanged (signed by " + signer + ")\n");
  CHECK(r.err.empty());
}

json Absent(json args = json::array()) { return {{"command", "mcpguard-e2e-absent-tool"}, {"args", std::move(args)}}; }

// ================================================================= signing

TEST_CASE("baseline: approve --all signs a baseline that verify and the real minisign accept", "[e2e][baseline]") {
  TempDir t;
  Home h(t);
  h.Cursor({{"fs", {{"command", "npx"}, {"args", {"-y", "@modelcontextprotocol/server-filesystem@2025.8.21"}}}},
            {"remote", {{"url", "https://mcp.example.com/mcp"}}}});
  h.VsCode({{"local", Absent({"--port", "8080"})}});
  const std::string key_id = h.Keygen();

  const Run a = h.Approve({"--all"});
  INFO("approve stderr: " << a.err);
  REQUIRE(a.exit_code == 0);
  CHECK_THAT(a.out, Contains("approved cursor/fs\n") && Contains("approved cursor/remote\n") &&
                        Contains("approved vscode/local\n") && Contains("signed " + h.Baseline() + "\n"));
  CHECK(a.err.empty());
  CHECK_FALSE(Exists(h.Backup()));  // nothing before it

  CheckVerified(h.Verify(), 3, key_id);

  // The document: sorted by key, one entry per server.
  const json b = h.BaselineJson();
  CHECK(b.at("schema") == "mcpguard.baseline/1");
  CHECK_THAT(b.at("updated_at").get<std::string>(), Contains("T") && Contains("Z"));
  CHECK(h.ApprovedKeys() == std::vector<std::string>{"cursor/user/fs", "cursor/user/remote", "vscode/user/local"});
  const json& fs_entry = b.at("servers").at(0);
  CHECK(fs_entry.at("transport") == "stdio");
  CHECK(fs_entry.at("command") == "npx");
  CHECK(fs_entry.at("approved_by") == "approver-e2e");
  CHECK(fs_entry.at("artifact").at("kind") == "npm");
  CHECK(fs_entry.at("artifact").at("version") == "2025.8.21");
  CHECK_THAT(fs_entry.at("config_digest").get<std::string>(), StartsWith("sha256:"));
  CHECK(b.at("servers").at(1).at("url") == "https://mcp.example.com/mcp");

  // The real minisign verifies it with mcpguard.pub; the trusted comment
  // carries the file's name and its SHA-256, computed here independently.
  const ProcessResult m = Minisign(h.path(), h.ConfigDir(), {"-Vm", "baseline.json", "-p", "mcpguard.pub"});
  INFO("minisign: " << m.out << m.err);
  REQUIRE(m.exit_code == 0);
  CHECK_THAT(m.out, Contains("Signature and comment signature verified"));
  const std::vector<std::string> fields = SplitTabs(MinisignTrustedComment(m));
  REQUIRE(fields.size() == 5);
  CHECK_THAT(fields[0], StartsWith("timestamp:"));
  CHECK(fields[0].size() > 10);
  CHECK(fields[1] == "file:baseline.json");
  CHECK(fields[2] == "approver:approver-e2e");
  CHECK_THAT(fields[3], StartsWith("machine:"));
  CHECK(fields[4] == "digest:sha256:" + Sha256OfText(ReadFile(h.Baseline())));
  // minisign -H (prehashed signatures only) accepts it too: mcpguard signs "ED".
  CHECK(Minisign(h.path(), h.ConfigDir(), {"-V", "-H", "-m", "baseline.json", "-p", "mcpguard.pub"}).exit_code == 0);

  // Unencrypted keys need no passphrase; a second approve of the same state
  // signs nothing.
  const std::string before = ReadFile(h.Baseline());
  const Run again = h.Approve({"--all"});
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out, Contains("unchanged cursor/fs") && Contains("nothing new to approve"));
  CHECK(ReadFile(h.Baseline()) == before);

  // --format json
  const Run j = h.Verify({"--format", "json"});
  CHECK(j.exit_code == 0);
  const json out = j.Json();
  CHECK(out == json{{"verified", true}, {"signer", key_id}, {"checked", 3}, {"problems", json::array()}});
}

TEST_CASE("baseline: verify exits 2 when the baseline cannot be trusted", "[e2e][baseline]") {
  TempDir t;
  Home h(t);
  h.Cursor({{"tool", Absent({"--flag"})}});
  const std::string key_id = h.Keygen();

  // No baseline yet (no SECTION here: every section below needs one).
  CheckCannotVerify(h.Verify(), "no baseline: approve servers first with 'mcpguard approve'");
  const Run no_baseline = h.Verify({"--format", "json"});
  CHECK(no_baseline.exit_code == 2);
  const json no_baseline_out = no_baseline.Json();
  CHECK(no_baseline_out.at("verified") == false);
  CHECK_THAT(no_baseline_out.at("error").get<std::string>(), Contains("no baseline"));

  REQUIRE(h.Approve({"--all"}).exit_code == 0);
  CheckVerified(h.Verify(), 1, key_id);
  const std::string text = ReadFile(h.Baseline());
  const std::string sig = ReadFile(h.Signature());

  SECTION("no signature file") {
    REQUIRE(::unlink(h.Signature().c_str()) == 0);
    CheckCannotVerify(h.Verify(), "the baseline has no signature");
  }
  SECTION("one flipped byte in baseline.json") {
    std::string changed = text;
    const size_t at = changed.find("--flag");
    REQUIRE(at != std::string::npos);
    changed[at + 2] = 'F';
    Overwrite(h.Baseline(), changed);
    CheckCannotVerify(h.Verify(), "bad signature: the file does not match its signature by key " + key_id);
    // minisign agrees.
    CHECK(Minisign(h.path(), h.ConfigDir(), {"-Vm", "baseline.json", "-p", "mcpguard.pub"}).exit_code != 0);
  }
  SECTION("an added newline at the end of baseline.json") {
    Overwrite(h.Baseline(), text + "\n");
    CheckCannotVerify(h.Verify(), "bad signature");
  }
  SECTION("one flipped byte in the signature") {
    Overwrite(h.Signature(), FlipSignatureByte(sig, 40));
    CheckCannotVerify(h.Verify(), "bad signature: the file does not match its signature by key " + key_id);
  }
  SECTION("one flipped byte in the signature's key id") {
    Overwrite(h.Signature(), FlipSignatureByte(sig, 2));
    CheckCannotVerify(h.Verify(), "signed by an untrusted key");
    CHECK_THAT(h.Verify().err, !Contains(key_id));
  }
  SECTION("one changed byte in the trusted comment") {
    std::vector<std::string> lines = Lines(sig);
    REQUIRE(lines.size() == 4);
    REQUIRE_THAT(lines[2], StartsWith("trusted comment: timestamp:"));
    const size_t at = lines[2].find("approver-e2e");
    REQUIRE(at != std::string::npos);
    lines[2][at] = 'A';
    Overwrite(h.Signature(), JoinLines(lines));
    CheckCannotVerify(h.Verify(), "the trusted comment was altered");
  }
  SECTION("a truncated signature file") {
    Overwrite(h.Signature(), sig.substr(0, sig.size() / 2));
    const Run r = h.Verify();
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, StartsWith("mcpguard: error: cannot verify: " + h.Signature() + ":"));
  }
  SECTION("no trusted public key at all") {
    REQUIRE(::unlink(h.PublicKey().c_str()) == 0);
    CheckCannotVerify(h.Verify(), "no trusted public key");
  }
  SECTION("a malformed key in trusted/ is an error, not a key skipped") {
    const std::string bad = t.Write("home/.config/mcpguard/trusted/broken.pub", "untrusted comment: x\nnot base64!\n");
    const Run r = h.Verify();
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, StartsWith("mcpguard: error: cannot verify: " + bad + ":"));
  }
  SECTION("a baseline that is not a mcpguard baseline, signed with the right key and digest") {
    const std::string other = "{\"schema\": \"something-else/1\", \"servers\": []}\n";
    Overwrite(h.Baseline(), other);
    const ProcessResult s = Minisign(h.path(), h.ConfigDir(),
                                     {"-S", "-s", "mcpguard.key", "-m", "baseline.json", "-t",
                                      "file:baseline.json\tdigest:sha256:" + Sha256OfText(other)});
    REQUIRE(s.exit_code == 0);
    CheckCannotVerify(h.Verify(), "not a mcpguard.baseline/1 document");
  }
}

TEST_CASE("baseline: a baseline signed by another key verifies once that key is trusted", "[e2e][baseline]") {
  TempDir t;
  Home h(t);
  h.Cursor({{"tool", Absent({"--flag"})}, {"remote", {{"url", "https://mcp.example.com/mcp"}}}});
  const std::string own_id = h.Keygen();
  REQUIRE(h.Approve({"--all"}).exit_code == 0);
  const std::string text = ReadFile(h.Baseline());
  const std::string digest = "digest:sha256:" + Sha256OfText(text);

  SECTION("a second mcpguard key pair") {
    const std::string other_dir = t.MakeDir("other");
    const Run k = h.Mcpguard({"keygen", "-W", "--output", other_dir + "/other"});
    REQUIRE(k.exit_code == 0);
    const std::string other_id = KeyIdOfPub(ReadFile(other_dir + "/other.pub"));
    REQUIRE(other_id != own_id);

    // minisign's default trusted comment; the key is not trusted yet.
    REQUIRE(Minisign(h.path(), h.ConfigDir(), {"-S", "-s", other_dir + "/other.key", "-m", "baseline.json"}).exit_code ==
            0);
    CheckCannotVerify(h.Verify(), "signed by an untrusted key " + other_id);

    // Trusted, but minisign's default trusted comment has no digest.
    t.Write("home/.config/mcpguard/trusted/other.pub", ReadFile(other_dir + "/other.pub"));
    CheckCannotVerify(h.Verify(), "the signed digest does not match baseline.json");

    // With the digest it verifies, and the signer is the other key.
    REQUIRE(Minisign(h.path(), h.ConfigDir(),
                     {"-S", "-s", other_dir + "/other.key", "-m", "baseline.json", "-t",
                      "file:baseline.json\tapprover:ci\t" + digest})
                .exit_code == 0);
    CheckVerified(h.Verify(), 2, other_id);
    // By content: a changed server is exit 1 under the other key too.
    h.Cursor({{"tool", Absent({"--flag", "--more"})}, {"remote", {{"url", "https://mcp.example.com/mcp"}}}});
    CheckVerifyFails(h.Verify(), "cursor/tool: changed: args\n");
  }

  SECTION("a key trusted system-wide in <root>/etc/mcpguard/trusted") {
    const std::string other_dir = t.MakeDir("other");
    REQUIRE(h.Mcpguard({"keygen", "-W", "--output", other_dir + "/fleet"}).exit_code == 0);
    const std::string other_id = KeyIdOfPub(ReadFile(other_dir + "/fleet.pub"));
    REQUIRE(Minisign(h.path(), h.ConfigDir(),
                     {"-S", "-s", other_dir + "/fleet.key", "-m", "baseline.json", "-t",
                      "file:baseline.json\t" + digest})
                .exit_code == 0);
    CheckCannotVerify(h.Verify(), "signed by an untrusted key " + other_id);
    t.Write("home-root/etc/mcpguard/trusted/fleet.pub", ReadFile(other_dir + "/fleet.pub"));
    CheckVerified(h.Verify(), 2, other_id);
    // A file in trusted/ that does not end in .pub is not a trusted key.
    REQUIRE(::rename(t.Path("home-root/etc/mcpguard/trusted/fleet.pub").c_str(),
                     t.Path("home-root/etc/mcpguard/trusted/fleet.pub.off").c_str()) == 0);
    CheckCannotVerify(h.Verify(), "signed by an untrusted key " + other_id);
  }

  SECTION("interop: a key made by minisign -G, a signature made by minisign -S") {
    const std::string mini = t.MakeDir("mini");
    const ProcessResult g = Minisign(h.path(), mini, {"-G", "-W", "-p", "mini.pub", "-s", "mini.key"});
    INFO("minisign -G: " << g.out << g.err);
    REQUIRE(g.exit_code == 0);
    const std::string mini_id = KeyIdOfPub(ReadFile(mini + "/mini.pub"));
    t.Write("home/.config/mcpguard/trusted/mini.pub", ReadFile(mini + "/mini.pub"));

    REQUIRE(Minisign(h.path(), h.ConfigDir(),
                     {"-S", "-s", mini + "/mini.key", "-m", "baseline.json", "-t",
                      "timestamp:1700000000\tfile:baseline.json\t" + digest})
                .exit_code == 0);
    CheckVerified(h.Verify(), 2, mini_id);
    CHECK(h.Verify({"--format", "json"}).Json().at("signer") == mini_id);

    // A wrong digest field: signed, but not this file's.
    std::string wrong = Sha256OfText(text);
    wrong[0] = wrong[0] == '0' ? '1' : '0';
    REQUIRE(Minisign(h.path(), h.ConfigDir(),
                     {"-S", "-s", mini + "/mini.key", "-m", "baseline.json", "-t",
                      "file:baseline.json\tdigest:sha256:" + wrong})
                .exit_code == 0);
    CheckCannotVerify(h.Verify(), "the signed digest does not match baseline.json");

    // The digest of another algorithm's name, or none, is no digest.
    REQUIRE(Minisign(h.path(), h.ConfigDir(),
                     {"-S", "-s", mini + "/mini.key", "-m", "baseline.json", "-t",
                      "file:baseline.json\tdigest:" + Sha256OfText(text)})
                .exit_code == 0);
    CheckCannotVerify(h.Verify(), "the signed digest does not match baseline.json");

    // A legacy (not prehashed) signature is refused.
    REQUIRE(Minisign(h.path(), h.ConfigDir(),
                     {"-S", "-l", "-s", mini + "/mini.key", "-m", "baseline.json", "-t",
                      "file:baseline.json\t" + digest})
                .exit_code == 0);
    const Run legacy = h.Verify();
    CHECK(legacy.exit_code == 2);
    CHECK_THAT(legacy.err, StartsWith("mcpguard: error: cannot verify: "));
  }
}

// An organisation's baseline in <root>/etc/mcpguard/ applies when the user
// has none of their own; it is trusted only through a trusted key.
TEST_CASE("baseline: verify falls back to the organisation's baseline in /etc/mcpguard", "[e2e][baseline]") {
  TempDir t;
  Home admin(t, "admin");
  Home user(t, "user");
  const json servers = {{"tool", Absent({"--flag"})}};
  admin.Cursor(servers);
  user.Cursor(servers);
  const std::string key_id = admin.Keygen();
  REQUIRE(admin.Approve({"--all"}).exit_code == 0);
  const std::string etc = user.root() + "/etc/mcpguard";
  t.Write("user-root/etc/mcpguard/baseline.json", ReadFile(admin.Baseline()));
  t.Write("user-root/etc/mcpguard/baseline.json.minisig", ReadFile(admin.Signature()));

  // Signed, but by no key the user trusts: with no key at all, and with a
  // key of the user's own.
  CheckCannotVerify(user.Verify(), "no trusted public key");
  REQUIRE(user.Mcpguard({"keygen", "-W", "--output", t.Path("stranger")}).exit_code == 0);
  t.Write("user/.config/mcpguard/trusted/stranger.pub", ReadFile(t.Path("stranger.pub")));
  CheckCannotVerify(user.Verify(), "signed by an untrusted key " + key_id);
  t.Write("user-root/etc/mcpguard/trusted/org.pub", ReadFile(admin.PublicKey()));
  CheckVerified(user.Verify(), 1, key_id);
  user.Cursor({{"tool", Absent({"--other"})}});
  CheckVerifyFails(user.Verify(), "cursor/tool: changed: args\n");

  // approve writes the user's own baseline, never the organisation's, and
  // from then on the user's own one is the one verified.
  const std::string org = ReadFile(etc + "/baseline.json");
  user.Keygen();
  REQUIRE(user.Approve({"--all"}).exit_code == 0);
  CHECK(ReadFile(etc + "/baseline.json") == org);
  CHECK(Exists(user.Baseline()));
  CHECK(user.Verify().exit_code == 0);
}

// ================================================================= changes

TEST_CASE("baseline: verify exits 1 naming the server and the fields that changed", "[e2e][baseline]") {
  TempDir t;
  Home h(t);
  Fakes f(701);
  const std::string token = f.Secret();

  // An executable the server runs, by absolute path.
  const std::string tool = h.Write("bin/tool", "#!/bin/sh\nexec cat\n", 0755);
  ::chmod(h.Path("bin").c_str(), 0755);
  SetTimes(tool, kPast);
  // The fixture npx cache entry of semver@7.6.3, in ~/.npm/_npx/<key>.
  const std::string entry = InstallNpxFixture(h.Path(".npm"));

  const json servers = {
      {"args", Absent({"--port", "8080"})},
      {"envs", {{"command", "mcpguard-e2e-absent-tool"}, {"env", {{"LOG_LEVEL", "info"}}}}},
      {"pkg", {{"command", "npx"}, {"args", {"-y", "@example/mcp-e2e-server@1.3.0"}}}},
      {"tool", {{"command", tool}}},
      {"semver", {{"command", "npx"}, {"args", {"-y", kSemverSpec}}}},
      {"github", {{"command", "mcpguard-e2e-absent-tool"}, {"env", {{"API_TOKEN", token}}}}},
  };
  const std::string cursor = h.Cursor(servers);
  // The stat cache trusts a file only when its ctime is over 2 s old: let the
  // fixture age once, so that the verifies below can answer from the cache.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));

  const std::string key_id = h.Keygen();
  const Run a = h.Approve({"--all"});
  INFO("approve: " << a.out << a.err);
  REQUIRE(a.exit_code == 0);
  CheckVerified(h.Verify(), 6, key_id);
  const json b = h.BaselineJson();
  for (const json& s : b.at("servers")) {
    INFO("entry " << s.dump());
    if (s.at("name") == "tool") CHECK(s.at("artifact").at("sha256") == Sha256OfText(ReadFile(tool)));
    if (s.at("name") == "semver") {
      CHECK(s.at("artifact").at("installed_version") == "7.6.3");
      CHECK(s.at("artifact").at("tree_sha256").get<std::string>().size() == 64);
    }
    if (s.at("name") == "github") {
      CHECK(s.at("env") == json{{"API_TOKEN", "<credential>"}});
      CHECK(s.at("credentials").size() == 1);
    }
  }

  // One change at a time, each put back before the next: one fixture, one
  // wait for the stat cache, and every verify after a restore passes again.
  auto change = [&](const std::string& server, const json& now) {
    json changed = servers;
    changed[server] = now;
    h.Cursor(changed);
  };
  auto restore = [&]() {
    h.Cursor(servers);
    CheckVerified(h.Verify(), 6, key_id);
  };

  {  // a changed arg
    change("args", Absent({"--port", "8081"}));
    CheckVerifyFails(h.Verify(), "cursor/args: changed: args\n");
    restore();
  }
  {  // a new env var name
    change("envs", {{"command", "mcpguard-e2e-absent-tool"}, {"env", {{"LOG_LEVEL", "info"}, {"NODE_OPTIONS", "-r x"}}}});
    CheckVerifyFails(h.Verify(), "cursor/envs: changed: env\n");
    restore();
  }
  {  // a changed package version in the spec
    change("pkg", {{"command", "npx"}, {"args", {"-y", "@example/mcp-e2e-server@1.3.1"}}});
    CheckVerifyFails(h.Verify(), "cursor/pkg: changed: args, artifact.version\n");
    restore();
  }
  {  // a changed byte in the binary the server runs
    std::string body = ReadFile(tool);
    body[body.size() - 2] = 'X';  // same size; the mtime is put back
    Overwrite(tool, body);
    SetTimes(tool, kPast);
    CheckVerifyFails(h.Verify(), "cursor/tool: changed: artifact.sha256\n");
    Overwrite(tool, "#!/bin/sh\nexec cat\n");
    CheckVerified(h.Verify(), 6, key_id);
  }
  {  // a changed file in the npx cache entry of a pinned package
    const std::string file = entry + "/node_modules/semver/index.js";
    const std::string original = ReadFile(file);
    std::string content = original;
    REQUIRE(content.size() > 100);
    content[100] = content[100] == 'x' ? 'y' : 'x';
    Overwrite(file, content);
    SetTimes(file, kPast);
    CheckVerifyFails(h.Verify(), "cursor/semver: changed: artifact.tree_sha256\n");
    Overwrite(file, original);
    SetTimes(file, kPast);
    CheckVerified(h.Verify(), 6, key_id);
  }
  {  // a file added to the npx cache entry
    const std::string extra =
        h.Write(".npm/_npx/" + NpxKey(kSemverSpec) + "/node_modules/semver/extra.js", "module.exports = 1\n", 0644);
    CheckVerifyFails(h.Verify(), "cursor/semver: changed: artifact.tree_sha256\n");
    REQUIRE(::unlink(extra.c_str()) == 0);
    CheckVerified(h.Verify(), 6, key_id);
  }
  {  // a rotated credential
    change("github", {{"command", "mcpguard-e2e-absent-tool"}, {"env", {{"API_TOKEN", f.Secret()}}}});
    CheckVerifyFails(h.Verify(), "cursor/github: changed: credentials\n");
    restore();
  }
  {  // a credential moved to a reference
    change("github", {{"command", "mcpguard-e2e-absent-tool"}, {"env", {{"API_TOKEN", "${env:API_TOKEN}"}}}});
    const Run r = h.Verify();
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, StartsWith("cursor/github: changed: ") && Contains("env"));
    restore();
  }
  {  // a new server, and the scope flags
    json more = servers;
    more["newcomer"] = Absent({"serve"});
    h.Cursor(more);
    h.VsCode({{"other", Absent()}});
    const Run r = h.Verify();
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Contains("cursor/newcomer: not approved\n") && Contains("vscode/other: not approved\n"));
    CHECK(Lines(r.out).size() == 2);

    // An unapproved server outside the scope does not fail verify.
    CheckVerified(h.Verify({"--server", "args"}), 1, key_id);
    CheckVerifyFails(h.Verify({"--server", "newcomer"}), "cursor/newcomer: not approved\n");
    CheckVerifyFails(h.Verify({"--host", "vscode"}), "vscode/other: not approved\n");
    CheckVerifyFails(h.Verify({"--config", cursor}), "cursor/newcomer: not approved\n");
    h.Cursor(servers);
    CheckVerified(h.Verify({"--host", "cursor"}), 6, key_id);
    CheckVerified(h.Verify({"--config", cursor}), 6, key_id);
    CheckVerified(h.Verify({"--server", "tool", "--host", "cursor"}), 1, key_id);
    CheckVerifyFails(h.Verify({"--config", h.Path(".config/Code/User/mcp.json")}), "vscode/other: not approved\n");
    // A scope that matches nothing cannot verify: a hook with a typo must not pass.
    CheckCannotVerify(h.Verify({"--server", "no-such-server"}),
                      "nothing to verify: no configured server matches --server no-such-server");

    // --format json
    change("args", Absent({"--port", "8081"}));
    const Run j = h.Verify({"--format", "json"});
    CHECK(j.exit_code == 1);
    const json out = j.Json();
    CHECK(out.at("verified") == false);
    CHECK(out.at("signer") == key_id);
    CHECK(out.at("checked") == 7);
    CHECK(out.at("problems") == json::array({{{"server", "cursor/args"}, {"kind", "changed"}, {"fields", {"args"}}},
                                             {{"server", "vscode/other"}, {"kind", "unapproved"}, {"fields", json::array()}}}));
    h.VsCode(json::object());
    restore();
  }
  {  // a removed server is not a failure
    json fewer = servers;
    fewer.erase("args");
    h.Cursor(fewer);
    CheckVerified(h.Verify(), 5, key_id);
    restore();
  }
}

// ================================================================= portability

TEST_CASE("baseline: a baseline approved in one home verifies in another with the same servers", "[e2e][baseline]") {
  TempDir t;
  Home alice(t, "alice");
  Home bob(t, "bob");
  const std::string script = "#!/bin/sh\necho fleet tool\n";
  auto setup = [&](const Home& h) {
    const std::string tool = h.Write("bin/tool", script, 0755);
    h.Write("data/notes.txt", "notes\n", 0644);
    h.Cursor({{"tool", {{"command", tool}, {"args", {"--data", h.Path("data"), "--log=" + h.Path("logs/tool.log")}}}},
              {"files",
               {{"command", "npx"},
                {"args", {"-y", "@modelcontextprotocol/server-filesystem@2025.8.21", h.Path("data")}},
                {"env", {{"TOOL_HOME", h.Path(".tool")}}}}},
              {"remote", {{"url", "https://mcp.example.com/mcp"}}}});
  };
  setup(alice);
  setup(bob);
  const std::string key_id = alice.Keygen();
  REQUIRE(alice.Approve({"--all"}).exit_code == 0);
  CheckVerified(alice.Verify(), 3, key_id);

  // Home-relative paths are written with "~", never alice's home.
  const std::string text = ReadFile(alice.Baseline());
  CHECK(text.find(alice.path()) == std::string::npos);
  const json b = alice.BaselineJson();
  for (const json& s : b.at("servers")) {
    if (s.at("name") == "tool") {
      CHECK(s.at("command") == "~/bin/tool");
      CHECK(s.at("args") == json::array({"--data", "~/data", "--log=~/logs/tool.log"}));
    }
    if (s.at("name") == "files") CHECK(s.at("env") == json{{"TOOL_HOME", "~/.tool"}});
  }

  // Bob has only the baseline, its signature and alice's public key.
  for (const char* name : {"baseline.json", "baseline.json.minisig", "mcpguard.pub"}) {
    t.Write(std::string("bob/.config/mcpguard/") + name, ReadFile(alice.ConfigDir() + "/" + name));
  }
  CheckVerified(bob.Verify(), 3, key_id);

  // A changed home-relative path is a change.
  json moved = json::parse(ReadFile(bob.Path(".cursor/mcp.json"))).at("mcpServers");
  moved["tool"]["args"][1] = bob.Path("data2");
  bob.Cursor(moved);
  CheckVerifyFails(bob.Verify(), "cursor/tool: changed: args\n");

  // Other bytes in bob's tool are a change.
  setup(bob);
  Overwrite(bob.Path("bin/tool"), "#!/bin/sh\necho other tool\n");
  CheckVerifyFails(bob.Verify(), "cursor/tool: changed: artifact.sha256\n");

  // A path that merely starts with the home's characters is not under it.
  Home alice2(t, "alice2");
  const std::string near = alice2.Write("bin/tool", script, 0755);
  alice.Cursor({{"near", {{"command", near}}}});
  REQUIRE(alice.Approve({"near"}).exit_code == 0);
  const json with_near = alice.BaselineJson();
  REQUIRE(with_near.at("servers").size() == 4);
  for (const json& s : with_near.at("servers")) {
    if (s.at("name") == "near") CHECK(s.at("command") == near);
  }
}

// Known bug: verify compares --config with each config's absolute path
// without making it absolute first, so a relative --config matches nothing,
// checks 0 servers and exits 0 (an unapproved server passes).
TEST_CASE("baseline: verify --config takes a path relative to the working directory",
          "[e2e][baseline]") {
  TempDir t;
  Home h(t);
  h.Cursor({{"tool", Absent({"--flag"})}});
  h.Keygen();
  REQUIRE(h.Approve({"--all"}).exit_code == 0);
  h.Cursor({{"tool", Absent({"--flag"})}, {"newcomer", Absent({"serve"})}});
  // Run from the home, naming the file as ".cursor/mcp.json".
  const Run r = RunMcpguard({"verify", "--no-cwd", "--root", h.root(), "--config", ".cursor/mcp.json"}, h.path(),
                            h.env_, h.path());
  INFO("stdout: " << r.out << "stderr: " << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out == "cursor/newcomer: not approved\n");
}

// Known bug: Portable() (baseline_store.cc) replaces the home wherever it
// occurs followed by '/' or the end, also in the middle of a path, so
// "/srv/mirror<home>/data" is written "/srv/mirror~/data". Only a home that
// begins a path (at the start, or after '=' or ':' as in "--log=<home>/x")
// is the home.
TEST_CASE("baseline: the home is replaced by ~ only where it begins a path", "[e2e][baseline]") {
  TempDir t;
  Home h(t);
  const std::string mirrored = "/srv/mirror" + h.Path("data");
  h.Cursor({{"tool", Absent({mirrored, "--log=" + h.Path("log"), "x:" + h.Path("y")})}});
  h.Keygen();
  REQUIRE(h.Approve({"--all"}).exit_code == 0);
  const json b = h.BaselineJson();
  CHECK(b.at("servers").at(0).at("args") == json::array({mirrored, "--log=~/log", "x:~/y"}));
}

// Credential fingerprints are keyed: by each machine's own fingerprint.key,
// unless config.toml sets the organisation's fingerprint_key.
TEST_CASE("baseline: credential fingerprints compare across homes only with a shared fingerprint key",
          "[e2e][baseline]") {
  TempDir t;
  Home alice(t, "alice");
  Home bob(t, "bob");
  Fakes f(703);
  const json servers = {{"svc", {{"command", "mcpguard-e2e-absent-tool"}, {"env", {{"API_TOKEN", f.Secret()}}}}}};
  alice.Cursor(servers);
  bob.Cursor(servers);
  const std::string key_id = alice.Keygen();
  auto share = [&]() {
    for (const char* name : {"baseline.json", "baseline.json.minisig", "mcpguard.pub"}) {
      t.Write(std::string("bob/.config/mcpguard/") + name, ReadFile(alice.ConfigDir() + "/" + name));
    }
  };

  SECTION("each machine's own key") {
    REQUIRE(alice.Approve({"--all"}).exit_code == 0);
    CheckVerified(alice.Verify(), 1, key_id);
    share();
    CheckVerifyFails(bob.Verify(), "cursor/svc: changed: credentials\n");
  }
  SECTION("the organisation's key") {
    const std::string settings = "fingerprint_key = \"" + std::string(64, 'a') + "\"\n";
    alice.Write(".config/mcpguard/config.toml", settings);
    bob.Write(".config/mcpguard/config.toml", settings);
    REQUIRE(alice.Approve({"--all"}).exit_code == 0);
    share();
    CheckVerified(bob.Verify(), 1, key_id);
  }
}

// ================================================================= approve and revoke

TEST_CASE("baseline: approve is additive, keeps the previous baseline, and revoke removes", "[e2e][baseline]") {
  TempDir t;
  Home h(t);
  const json servers = {{"alpha", Absent({"--a"})}, {"beta", Absent({"--b"})}, {"gamma", Absent({"--c"})}};
  h.Cursor(servers);
  const std::string key_id = h.Keygen();

  // Refusals first: none of them writes a baseline.
  const Run no_names = h.Approve({});
  CHECK(no_names.exit_code == 2);
  CHECK(no_names.out.empty());
  CHECK_THAT(no_names.err, Contains("name the servers to approve, or pass --all"));
  const Run unknown = h.Approve({"alpha", "no-such-server"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.out.empty());
  CHECK_THAT(unknown.err, Contains("no configured server named no-such-server"));
  const Run other_host_name = h.Approve({"alpha", "--host", "vscode"});
  CHECK(other_host_name.exit_code == 2);
  CHECK_THAT(other_host_name.err, Contains("no configured server named alpha in the chosen hosts"));
  const std::string secret_key = ReadFile(h.SecretKey());
  REQUIRE(::unlink(h.SecretKey().c_str()) == 0);
  const Run no_key = h.Approve({"alpha"});
  CHECK(no_key.exit_code == 2);
  CHECK_THAT(no_key.err, Contains("no signing key: run 'mcpguard keygen' first"));
  h.Write(".config/mcpguard/mcpguard.key", secret_key);
  CHECK_FALSE(Exists(h.Baseline()));
  CHECK_FALSE(Exists(h.Signature()));

  const Run first = h.Approve({"alpha"});
  REQUIRE(first.exit_code == 0);
  CHECK(first.out == "approved cursor/alpha\nsigned " + h.Baseline() + "\n");
  CHECK(h.ApprovedKeys() == std::vector<std::string>{"cursor/user/alpha"});
  CHECK_FALSE(Exists(h.Backup()));
  const std::string v1 = ReadFile(h.Baseline());

  const Run second = h.Approve({"beta"});
  REQUIRE(second.exit_code == 0);
  CHECK(second.out == "approved cursor/beta\nsigned " + h.Baseline() + "\n");
  CHECK(h.ApprovedKeys() == std::vector<std::string>{"cursor/user/alpha", "cursor/user/beta"});
  CHECK(ReadFile(h.Backup()) == v1);
  CheckVerified(h.Verify({"--server", "alpha"}), 1, key_id);
  CheckVerifyFails(h.Verify(), "cursor/gamma: not approved\n");

  // Re-approving a changed server updates its entry, and only its entry.
  json changed = servers;
  changed["alpha"] = Absent({"--a", "--verbose"});
  h.Cursor(changed);
  CheckVerifyFails(h.Verify({"--server", "alpha"}), "cursor/alpha: changed: args\n");
  const std::string v2 = ReadFile(h.Baseline());
  const json beta_before = h.BaselineJson().at("servers").at(1);
  const Run re = h.Approve({"alpha", "beta"});
  REQUIRE(re.exit_code == 0);
  CHECK(re.out == "re-approved cursor/alpha: args\nunchanged cursor/beta\nsigned " + h.Baseline() + "\n");
  CHECK(ReadFile(h.Backup()) == v2);
  const json b = h.BaselineJson();
  CHECK(b.at("servers").at(0).at("args") == json::array({"--a", "--verbose"}));
  CHECK(b.at("servers").at(1) == beta_before);
  CheckVerified(h.Verify({"--server", "alpha"}), 1, key_id);

  // revoke takes it out and signs again.
  const Run rv = h.Revoke({"alpha"});
  INFO("revoke: " << rv.out << rv.err);
  REQUIRE(rv.exit_code == 0);
  CHECK(rv.out == "revoked cursor/user/alpha\n");
  CHECK(h.ApprovedKeys() == std::vector<std::string>{"cursor/user/beta"});
  CheckVerifyFails(h.Verify({"--server", "alpha"}), "cursor/alpha: not approved\n");
  CheckVerified(h.Verify({"--server", "beta"}), 1, key_id);
  CHECK(Minisign(h.path(), h.ConfigDir(), {"-Vm", "baseline.json", "-p", "mcpguard.pub"}).exit_code == 0);

  const Run again = h.Revoke({"alpha"});
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.err, Contains("no approved server named alpha"));
  const Run other_host = h.Revoke({"beta", "--host", "vscode"});
  CHECK(other_host.exit_code == 2);
  CHECK(h.ApprovedKeys() == std::vector<std::string>{"cursor/user/beta"});
  const Run by_key = h.Revoke({"cursor/user/beta"});
  CHECK(by_key.exit_code == 0);
  CHECK(h.ApprovedKeys().empty());

  // approve refuses to extend a baseline that does not verify.
  Overwrite(h.Baseline(), ReadFile(h.Baseline()) + " ");
  const std::string tampered = ReadFile(h.Baseline());
  const Run refused = h.Approve({"gamma"});
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Contains("bad signature"));
  CHECK(ReadFile(h.Baseline()) == tampered);
}

TEST_CASE("baseline: approve with an encrypted key needs its passphrase and writes nothing without it",
          "[e2e][baseline]") {
  TempDir t;
  Home h(t);
  h.Cursor({{"alpha", Absent({"--a"})}, {"beta", Absent({"--b"})}});
  const std::string passphrase = "correct horse battery staple";
  const std::string good = t.Write("pass.txt", passphrase + "\n");
  const std::string bad = t.Write("wrong.txt", "correct horse battery stapler\n");
  const Env keygen_env{{"MCPGUARD_PASSPHRASE_FILE", good}, {"MCPGUARD_SCRYPT_INTERACTIVE", "1"}};
  REQUIRE(h.Mcpguard({"keygen"}, keygen_env).exit_code == 0);
  const std::string key_id = KeyIdOfPub(ReadFile(h.PublicKey()));

  // A wrong passphrase: exit 2, and no baseline at all.
  const Run wrong = h.Approve({"alpha"}, {{"MCPGUARD_PASSPHRASE_FILE", bad}});
  CHECK(wrong.exit_code == 2);
  CHECK(wrong.out.empty());
  CHECK_THAT(wrong.err, Contains("wrong passphrase for this key"));
  CHECK_FALSE(Exists(h.Baseline()));
  CHECK_FALSE(Exists(h.Signature()));
  // No passphrase and no terminal: exit 2 too.
  const Run none = h.Approve({"alpha"});
  CHECK(none.exit_code == 2);
  CHECK_FALSE(Exists(h.Baseline()));

  const Run ok = h.Approve({"alpha"}, {{"MCPGUARD_PASSPHRASE_FILE", good}});
  INFO("approve: " << ok.out << ok.err);
  REQUIRE(ok.exit_code == 0);
  CheckVerified(h.Verify({"--server", "alpha"}), 1, key_id);
  CHECK(ok.out.find(passphrase) == std::string::npos);
  CHECK(ok.err.find(passphrase) == std::string::npos);

  // A wrong passphrase later changes nothing: same baseline, signature, no .bak.
  const std::string text = ReadFile(h.Baseline());
  const std::string sig = ReadFile(h.Signature());
  const Run wrong2 = h.Approve({"beta"}, {{"MCPGUARD_PASSPHRASE_FILE", bad}});
  CHECK(wrong2.exit_code == 2);
  CHECK_THAT(wrong2.err, Contains("wrong passphrase for this key"));
  CHECK(ReadFile(h.Baseline()) == text);
  CHECK(ReadFile(h.Signature()) == sig);
  CHECK_FALSE(Exists(h.Backup()));
  const Run revoke_wrong = h.Revoke({"alpha"}, {{"MCPGUARD_PASSPHRASE_FILE", bad}});
  CHECK(revoke_wrong.exit_code == 2);
  CHECK(ReadFile(h.Baseline()) == text);

  // Verify needs no passphrase.
  CheckVerified(h.Verify({"--server", "alpha"}), 1, key_id);
  const Run both = h.Approve({"beta"}, {{"MCPGUARD_PASSPHRASE_FILE", good}});
  CHECK(both.exit_code == 0);
  CheckVerified(h.Verify(), 2, key_id);
}

// ================================================================= secrets

TEST_CASE("baseline: no secret value reaches baseline.json, its signature, the backup or any output",
          "[e2e][baseline]") {
  TempDir t;
  Home h(t);
  Fakes f(702);
  const std::string env_token = f.Secret();
  const std::string arg_token = f.Secret();
  const std::string url_token = f.Secret();
  const std::string header_token = f.Secret();
  const std::string rotated = f.Secret();
  const std::vector<std::pair<std::string, std::string>> canaries = {{"env", env_token},
                                                                     {"arg", arg_token},
                                                                     {"url", url_token},
                                                                     {"header", header_token},
                                                                     {"rotated", rotated}};
  auto config = [&](const std::string& env_value) {
    return json{{"in-env", {{"command", "mcpguard-e2e-absent-tool"}, {"env", {{"API_TOKEN", env_value}}}}},
                {"in-args", Absent({"serve", "--api-key=" + arg_token})},
                {"in-url", {{"url", "https://mcp.example.io/mcp?api_key=" + url_token + "&team=core"}}},
                {"in-header",
                 {{"url", "https://mcp.example.com/mcp"}, {"headers", {{"Authorization", "Bearer " + header_token}}}}}};
  };
  h.Cursor(config(env_token));
  h.Keygen();

  std::string outputs;
  auto run = [&](const Run& r) {
    outputs += r.out + r.err;
    return r;
  };
  REQUIRE(run(h.Approve({"in-env"})).exit_code == 0);
  REQUIRE(run(h.Approve({"--all"})).exit_code == 0);
  const json approved = h.BaselineJson();
  CHECK(Leaks(approved.dump(), canaries).empty());
  CHECK(run(h.Verify()).exit_code == 0);
  CHECK(run(h.Verify({"--format", "json"})).exit_code == 0);
  h.Cursor(config(rotated));
  CheckVerifyFails(run(h.Verify()), "cursor/in-env: changed: credentials\n");
  CHECK(run(h.Verify({"--format", "json"})).exit_code == 1);
  REQUIRE(run(h.Approve({"in-env"})).exit_code == 0);
  CHECK(run(h.Revoke({"in-url"})).exit_code == 0);

  const std::string text = ReadFile(h.Baseline());
  const std::string sig = ReadFile(h.Signature());
  const std::string bak = ReadFile(h.Backup());
  CHECK(Leaks(text, canaries).empty());
  CHECK(Leaks(sig, canaries).empty());
  CHECK(Leaks(bak, canaries).empty());
  CHECK(Leaks(outputs, canaries).empty());

  // What is there instead: placeholders, redactions and fingerprints.
  const json b = json::parse(bak);  // still holds in-url
  std::map<std::string, json> by_name;
  for (const json& s : b.at("servers")) by_name[s.at("name").get<std::string>()] = s;
  REQUIRE(by_name.size() == 4);
  CHECK(by_name["in-env"].at("env") == json{{"API_TOKEN", "<credential>"}});
  CHECK(by_name["in-args"].at("args") == json::array({"serve", "--api-key=<redacted>"}));
  CHECK(by_name["in-url"].at("url") == "https://mcp.example.io/mcp?api_key=<redacted>&team=core");
  CHECK(by_name["in-header"].at("headers") == json{{"Authorization", "<credential>"}});

  // The fingerprints are the ones scan reports.
  const Run scan = h.Mcpguard({"scan", "--format", "json", "--no-cwd", "--root", h.root()});
  REQUIRE((scan.exit_code == 0 || scan.exit_code == 1));
  CHECK(Leaks(scan.out + scan.err, canaries).empty());
  std::map<std::string, std::vector<std::string>> scanned;
  const json snap = scan.Json();
  for (const json& c : snap.at("configs")) {
    for (const json& s : c.at("servers")) {
      std::vector<std::string> fps;
      for (const json& cr : s.value("credentials", json::array())) {
        if (cr.contains("fingerprint")) fps.push_back(cr.at("fingerprint").get<std::string>());
      }
      std::sort(fps.begin(), fps.end());
      scanned[s.at("name").get<std::string>()] = fps;
    }
  }
  const json now = h.BaselineJson();
  REQUIRE(now.at("servers").size() == 3);
  for (const json& s : now.at("servers")) {
    const std::string name = s.at("name").get<std::string>();
    INFO("server " << name);
    const auto fps = s.at("credentials").get<std::vector<std::string>>();
    CHECK(fps.size() == 1);
    CHECK(fps == scanned[name]);
    for (const std::string& fp : fps) CHECK_THAT(fp, StartsWith("fp:"));
  }
  // The rotated credential has another fingerprint than the one first approved.
  auto credentials_of = [](const json& doc, const std::string& name) {
    for (const json& s : doc.at("servers")) {
      if (s.at("name") == name) return s.at("credentials");
    }
    FAIL("no " << name << " in " << doc.dump());
    return json();
  };
  CHECK(credentials_of(approved, "in-env").size() == 1);
  CHECK(credentials_of(approved, "in-env") != credentials_of(now, "in-env"));
  CHECK(credentials_of(approved, "in-env") != credentials_of(b, "in-env"));
}

}  // namespace
}  // namespace mcpguard::test

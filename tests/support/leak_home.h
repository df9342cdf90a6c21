// Fake secrets, and the leak fixture the credentials and leak tests share: a
// fake home where every location a host can put a secret in (env, envFile,
// headers, args, URLs, OAuth client secrets, extension settings, the
// environment behind references) holds a distinct canary.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/base64.h"  // Base64 for Basic headers and JWTs
#include "support/temp_dir.h"

namespace mcpguard::test {

// threats.md §1.2: base62 (digits, upper, lower) of the CRC32, left-padded to 6.
std::string GithubChecksum(std::string_view body);

// Fake secrets from a fixed seed: the same on every run, different from each
// other.
class Fakes {
 public:
  explicit Fakes(uint64_t seed) : rng_(seed) {}

  std::string Alnum(size_t n);
  // A random value a generic-secret rule takes for a secret under a secret name.
  std::string Secret() { return Alnum(28); }
  std::string GithubPat();
  std::string GithubFineGrained() { return "github_pat_11" + Alnum(20) + "_" + Alnum(59); }
  std::string StripeLive() { return "sk_live_" + Alnum(40); }
  std::string StripeTest() { return "sk_test_" + Alnum(40); }
  // header.payload.signature, the header with a random key id so that two
  // tokens share no 8-character piece.
  std::string Jwt(const nlohmann::json& payload);

 private:
  std::mt19937_64 rng_;
};

// Writes a config with a private mode (0600) unless told otherwise, so that
// only the findings a test is about appear.
std::string WriteConfig(const TempDir& t, const std::string& rel, const std::string& text, mode_t mode = 0600);

using Canaries = std::vector<std::pair<std::string, std::string>>;  // label, secret

// Every 8-character piece of `secret`.
std::vector<std::string> Pieces(const std::string& secret);
// Text with every canary cut out: what may legitimately appear.
std::string Scaffolding(std::string text, const Canaries& canaries);
// Every regular file below `dir` (if it exists), with its content.
std::vector<std::pair<std::string, std::string>> FilesBelow(const std::string& dir);

// The leak fixture. Configs of Cursor (user: every shape of secret; project
// work/proj: an envFile), Claude Desktop and one of its extensions, Claude
// Code, Gemini CLI, Codex, Goose, VS Code, a project only --deep finds
// (work/deep), and secrets in the environment only, behind references.
struct LeakHome {
  // `more_cursor_servers` may add entries to the user's Cursor config: it
  // returns them as JSON members ("name": {...}, ...), planting its secrets
  // with Plant().
  explicit LeakHome(const std::function<std::string(LeakHome&)>& more_cursor_servers = {});

  std::string Plant(const std::string& label, std::string secret);
  // Every file written, with its text (relative path, text).
  std::vector<std::pair<std::string, std::string>> files;
  Canaries canaries;
  std::map<std::string, std::string> env;  // for mcpguard: the references' values
  TempDir t;
  std::string home;  // t/home
  std::string proj;  // t/work/proj, the current directory of the scans
  std::string root;  // an empty directory for --root

  // CHECKs that the canaries share no 8-character piece with each other nor
  // with the scaffolding around them (paths, names, JSON), so that a leak
  // found is a leak of that canary.
  void CheckCanariesDistinct() const;

 private:
  void Write(const std::string& rel, const std::string& text);
};

}  // namespace mcpguard::test

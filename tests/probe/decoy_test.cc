#include "probe/decoy.h"

#include <cctype>

#include <catch2/catch.hpp>

namespace mcpguard::probe {
namespace {

// Same length, same character class at every position after `keep` bytes
// that must be equal.
void CheckShape(const std::string& value, const std::string& decoy, size_t keep) {
  REQUIRE(decoy.size() == value.size());
  CHECK(decoy.substr(0, keep) == value.substr(0, keep));
  for (size_t i = keep; i < value.size(); ++i) {
    const auto a = static_cast<unsigned char>(value[i]);
    const auto b = static_cast<unsigned char>(decoy[i]);
    INFO("position " << i);
    CHECK(!!std::isdigit(a) == !!std::isdigit(b));
    CHECK(!!std::islower(a) == !!std::islower(b));
    CHECK(!!std::isupper(a) == !!std::isupper(b));
    if (!std::isalnum(a)) CHECK(a == b);
  }
  CHECK(decoy != value);
}

TEST_CASE("provider prefixes are recognised", "[probe][decoy]") {
  CHECK(TokenPrefix("ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789") == "ghp_");
  CHECK(TokenPrefix("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH") == "github_pat_");
  CHECK(TokenPrefix("sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789") == "sk-ant-api03-");
  CHECK(TokenPrefix("xoxb-1234567890-1234567890123-abcdefghijklmnopqrstuvwx") == "xoxb-");
  CHECK(TokenPrefix("AKIAIOSFODNN7EXAMPLE") == "AKIA");
  CHECK(TokenPrefix("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig") == "eyJ");
  CHECK(TokenPrefix("0123456789abcdef0123456789abcdef") == "");
  // A "prefix" that would leave little of the value is not one.
  CHECK(TokenPrefix("ab_cd") == "");
}

TEST_CASE("a decoy keeps the token's shape, never its characters", "[probe][decoy]") {
  const std::string gh = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
  CheckShape(gh, MakeDecoy(gh, "cursor\ngithub\nenv.GITHUB_TOKEN"), 4);
  const std::string ant = "sk-ant-api03-Zx9_Qw8-Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz";
  CheckShape(ant, MakeDecoy(ant, "s"), 13);
  const std::string aws = "AKIAIOSFODNN7EXAMPLE";
  CheckShape(aws, MakeDecoy(aws, "s"), 4);
  const std::string hex = "0123456789abcdef0123456789abcdef";
  CheckShape(hex, MakeDecoy(hex, "s"), 0);
}

TEST_CASE("a scheme word or a flag stays in front of the decoy", "[probe][decoy]") {
  const std::string bearer = "Bearer sk-proj-abcdefghijklmnopqrstuvwxyz012345";
  const std::string d = MakeDecoy(bearer, "s");
  CheckShape(bearer, d, std::string("Bearer sk-proj-").size());
  const std::string flag = "--api-key=abcdefghijklmnopqrstuvwxyz012345";
  CheckShape(flag, MakeDecoy(flag, "s"), std::string("--api-key=").size());
}

TEST_CASE("decoys are stable per seed and differ between seeds", "[probe][decoy]") {
  const std::string v = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
  CHECK(MakeDecoy(v, "a") == MakeDecoy(v, "a"));
  CHECK(MakeDecoy(v, "a") != MakeDecoy(v, "b"));
  // The decoy depends on the seed, not on the secret: two secrets of one
  // shape get the same decoy.
  CHECK(MakeDecoy("ghp_1111111111111111111111111111111111aa", "a") ==
        MakeDecoy("ghp_2222222222222222222222222222222222bb", "a"));
}

TEST_CASE("a value with nothing to scramble still never comes back unchanged", "[probe][decoy]") {
  CHECK(MakeDecoy("----", "s") != "----");
  CHECK(MakeDecoy("7", "s") != "7");
}

}  // namespace
}  // namespace mcpguard::probe

#include "classify/redact.h"

#include <catch2/catch.hpp>

namespace mcpguard::classify {
namespace {

TEST_CASE("secret-looking names", "[classify]") {
  for (const char* n : {"GITHUB_TOKEN", "--api-key", "password", "x-api-key", "Authorization", "STRIPE_SECRET_KEY",
                        "--pat", "DB_PASS", "--dsn", "client_secret"}) {
    CAPTURE(n);
    CHECK(SecretLookingName(n));
  }
  for (const char* n : {"--port", "PATH", "LOG_LEVEL", "--verbose", "HOME", "--db-path"}) {
    CAPTURE(n);
    CHECK_FALSE(SecretLookingName(n));
  }
}

TEST_CASE("the value after a secret flag is masked whole", "[classify]") {
  CHECK(RedactArgs({"--api-key", "abcdef123", "--port", "8080"}) ==
        std::vector<std::string>{"--api-key", "<redacted>", "--port", "8080"});
  CHECK(RedactArgs({"--token=abcdef123"}) == std::vector<std::string>{"--token=<redacted>"});
  CHECK(RedactArgs({"-e", "GITHUB_TOKEN=abcdef123"}) == std::vector<std::string>{"-e", "GITHUB_TOKEN=<redacted>"});
}

TEST_CASE("a reference is shown, since it names and does not hold", "[classify]") {
  CHECK(RedactArgs({"--token", "${env:GH_TOKEN}"}) == std::vector<std::string>{"--token", "${env:GH_TOKEN}"});
  CHECK(IsReferenceOnly("Bearer ${input:gh-token}"));
  CHECK(IsReferenceOnly("{env:OPENAI_KEY}"));
  CHECK(IsReferenceOnly("$GITHUB_PAT"));
  CHECK_FALSE(IsReferenceOnly("Bearer abc${X}"));
  CHECK_FALSE(IsReferenceOnly("plain"));
}

TEST_CASE("known token formats are masked anywhere", "[classify]") {
  CHECK(RedactText("ghp_0123456789abcdefABCDEF0123456789abcd") == "<redacted>");
  CHECK(RedactText("key=sk-proj-ABCdef123456789012345678 rest") == "key=<redacted> rest");
  CHECK(RedactText("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlX2hlcmU") == "<redacted>");
}

TEST_CASE("ordinary arguments survive", "[classify]") {
  const std::vector<std::string> args{"-y", "@modelcontextprotocol/server-filesystem", "/home/alice/projects/my-app",
                                      "mcp-server-fetch", "--db-path", "/tmp/test.db",
                                      "ghcr.io/github/github-mcp-server"};
  CHECK(RedactArgs(args) == args);
}

TEST_CASE("URL passwords and secret query values are masked", "[classify]") {
  CHECK(RedactUrl("postgres://app:hunter2hunter2@db.local:5432/prod") == "postgres://app:<redacted>@db.local:5432/prod");
  CHECK(RedactUrl("https://mcp.example.com/sse?api_key=abc123&team=x") ==
        "https://mcp.example.com/sse?api_key=<redacted>&team=x");
  CHECK(RedactUrl("https://mcp.example.com/mcp") == "https://mcp.example.com/mcp");
  CHECK(RedactArgs({"postgresql://u:pw12345678@localhost/db"}) ==
        std::vector<std::string>{"postgresql://u:<redacted>@localhost/db"});
}

}  // namespace
}  // namespace mcpguard::classify

#include "classify/detect.h"

#include <catch2/catch.hpp>

#include "support/base64.h"

namespace mcpguard::classify {
namespace {

using test::Base64;

constexpr int64_t kNow = 1750000000;  // 2025-06-15T15:06:40Z

// The test vectors of threats.md §1.2: valid GitHub/npm checksums.
const std::string kGithubToken = "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";
const std::string kNpmToken = "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";

const rules::CredentialRules& Rules() {
  static const auto loaded = rules::LoadCredentialRules("");
  REQUIRE(loaded);
  return *loaded;
}

std::string Jwt(std::string_view header, std::string_view payload, std::string_view signature = "c2lnbmF0dXJl") {
  return Base64(header, true) + "." + Base64(payload, true) + "." + std::string(signature);
}

const Detection* FindRule(const std::vector<Detection>& found, std::string_view id) {
  for (const Detection& d : found) {
    if (d.rule->id == id) return &d;
  }
  return nullptr;
}

std::string Fact(const Detection& d, const std::string& key) {
  auto it = d.facts.find(key);
  return it == d.facts.end() ? "<none>" : it->second;
}

// The one detection of `value`, which must be of rule `id`, and whose span
// must be exactly `token`.
Detection Only(std::string_view value, std::string_view name, std::string_view id, std::string_view token) {
  const std::vector<Detection> found = Detect(value, name, Rules(), kNow);
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule->id == id);
  CHECK(value.substr(found[0].offset, found[0].length) == token);
  return found[0];
}

// A concrete name for a names glob: "*_TOKEN" -> "MY_TOKEN".
std::string ConcreteName(const std::string& glob) {
  std::string out;
  for (char c : glob) out += c == '*' ? std::string("MY") : std::string(1, c);
  return out;
}

TEST_CASE("every rule matches its examples and none of its non-examples", "[classify][detect]") {
  // Table-driven over the built-in rules, so a new rule is tested by adding it.
  for (const rules::CredentialRule& rule : Rules().rules) {
    // Self-identifying rules must match with no name at all.
    const std::string name = rule.needs_name ? ConcreteName(rule.names.front()) : "";
    for (const std::string& example : rule.examples) {
      CAPTURE(rule.id, example, name);
      const std::vector<Detection> found = Detect(example, name, Rules(), kNow);
      const Detection* d = FindRule(found, rule.id);
      REQUIRE(d != nullptr);
      CHECK(d->offset + d->length <= example.size());
      if (rule.needs_name) CHECK(FindRule(Detect(example, "", Rules(), kNow), rule.id) == nullptr);
      if (!rule.validator.empty() && rule.validator != "entropy") CHECK(d->checksum_valid);
    }
    const std::string hint = rule.names.empty() ? "" : ConcreteName(rule.names.front());
    for (const std::string& non_example : rule.non_examples) {
      CAPTURE(rule.id, non_example, hint);
      CHECK(FindRule(Detect(non_example, hint, Rules(), kNow), rule.id) == nullptr);
    }
  }
}

TEST_CASE("GitHub and npm checksums follow threats.md's test vectors", "[classify][detect]") {
  CHECK(GithubChecksumValid(kGithubToken));
  CHECK(GithubChecksumValid(kNpmToken));
  CHECK(GithubChecksumValid("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"));  // the prefix is not checksummed
  // The lowercase-first base62 alphabet gives "2m5Jqm": wrong.
  CHECK_FALSE(GithubChecksumValid("ghp_aB7cD8eF9gH0jK1mN2pQ3rS4tU5vW62m5Jqm"));
  CHECK_FALSE(GithubChecksumValid("ghp_aB7cD8eF9gH0jK1mN2pQ3rS4tU5vW62M5jQN"));
  CHECK_FALSE(GithubChecksumValid("npm_abcdefgh12345678903ZZZZZZZZZZZp5S0Y0"));
  CHECK_FALSE(GithubChecksumValid("ghp_" + std::string(36, 'x')));
  CHECK_FALSE(GithubChecksumValid("ghp_"));
  CHECK_FALSE(GithubChecksumValid("no-underscore"));
  CHECK_FALSE(GithubChecksumValid("ghp_aB7cD8eF9gH0jK1mN2pQ3rS4tU5vW6-M5jQM"));

  const Detection d = Only(kGithubToken, "GITHUB_TOKEN", "github-classic-pat", kGithubToken);
  CHECK(d.checksum_valid);
  Only(kNpmToken, "NPM_TOKEN", "npm-token", kNpmToken);
  // Documentation placeholders fail the checksum, and are no generic secret either.
  CHECK(Detect("ghp_" + std::string(36, 'x'), "GITHUB_TOKEN", Rules(), kNow).empty());
}

TEST_CASE("an AWS access key id names its account offline", "[classify][detect]") {
  CHECK(AwsAccountId("ASIAY34FZKBOKMUTVV7A") == "609629065308");
  CHECK(AwsAccountId("AKIAIOSFODNN7EXAMPLE").empty());  // pre-2019 layout: not decodable
  CHECK(AwsAccountId("ASIAY34FZKBOKMUTVV7").empty());
  CHECK(AwsAccountId("ASIAY34FZKBOKMUTVV01").empty());  // 0 and 1 are not base32

  const Detection d = Only("ASIAY34FZKBOKMUTVV7A", "AWS_ACCESS_KEY_ID", "aws-temporary-access-key-id",
                           "ASIAY34FZKBOKMUTVV7A");
  CHECK(Fact(d, "aws_account") == "609629065308");
  CHECK(Fact(d, "aws_key_type") == "temporary");
  CHECK(d.rule->provider == "AWS");
}

TEST_CASE("a JWT's claims are decoded: expiry, lifetime, role", "[classify][detect]") {
  const std::string header = R"({"alg":"HS256","typ":"JWT"})";
  const std::string past =
      Jwt(header, R"({"iss":"supabase","ref":"abcdefghij","role":"service_role","iat":1600000000,"exp":1700000000})");
  const Detection d = Only(past, "SUPABASE_SERVICE_ROLE_KEY", "supabase-service-role-jwt", past);
  CHECK(d.rule->severity == rules::Severity::kCritical);
  CHECK(Fact(d, "jwt_role") == "service_role");
  CHECK(Fact(d, "jwt_iss") == "supabase");
  CHECK(Fact(d, "jwt_alg") == "HS256");
  CHECK(Fact(d, "jwt_exp") == "2023-11-14T22:13:20Z");
  CHECK(Fact(d, "jwt_expired") == "true");
  CHECK(Fact(d, "jwt_lifetime_days") == "1157");
  CHECK(Fact(d, "jwt_alg_none") == "<none>");

  const std::string future = Jwt(header, R"({"role":"service_role","iat":1700000000,"exp":2000000000.5})");
  const Detection f = Only(future, "", "supabase-service-role-jwt", future);
  CHECK(Fact(f, "jwt_exp") == "2033-05-18T03:33:20Z");
  CHECK(Fact(f, "jwt_expired") == "false");

  const std::string anon = Jwt(header, R"({"iss":"supabase","role":"anon","exp":2000000000})");
  CHECK(Only(anon, "SUPABASE_ANON_KEY", "supabase-anon-jwt", anon).rule->public_by_design);

  const std::string other =
      Jwt(R"({"alg":"RS256"})", R"({"sub":"user-1","aud":["api","web"],"scp":["read","write"],"iss":"https://id.example"})");
  const Detection o = Only("Bearer " + other, "Authorization", "jwt", other);
  CHECK(o.offset == 7);
  CHECK(Fact(o, "jwt_aud") == "api,web");
  CHECK(Fact(o, "jwt_scope") == "read write");
  CHECK(Fact(o, "jwt_sub") == "user-1");
  CHECK(Fact(o, "jwt_iss") == "https://id.example");
  CHECK(Fact(o, "expires") == "never");
  CHECK(Fact(o, "jwt_expired") == "<none>");
}

TEST_CASE("an unsigned JWT (alg none) is flagged; eyJ... that is not JSON is no JWT", "[classify][detect]") {
  const std::string none = Jwt(R"({"alg":"none"})", R"({"sub":"admin"})", "");
  const Detection d = Only(none, "TOKEN", "jwt", none);
  CHECK(Fact(d, "jwt_alg_none") == "true");
  CHECK(Fact(d, "jwt_alg") == "none");

  const std::string not_json = Base64("{\"alg\":", true) + "." + Base64("{\"sub\":1}", true) + ".sig";
  CHECK(FindRule(Detect(not_json, "", Rules(), kNow), "jwt") == nullptr);
}

TEST_CASE("a Sentry org token's payload names the organization", "[classify][detect]") {
  const std::string payload =
      R"({"iat":1717171717.5,"url":"https://sentry.io","region_url":"https://de.sentry.io","org":"acme-corp"})";
  const std::string token = "sntrys_" + Base64(payload, false) + "_" + "Qm9ndXNTaWduYXR1cmVGb3JUZXN0c09ubHkxMjM0NTY";
  REQUIRE(token.substr(token.size() - 44, 1) == "_");
  const Detection d = Only("--auth-token=" + token, "", "sentry-org-token", token);
  CHECK(Fact(d, "sentry_org") == "acme-corp");
  CHECK(Fact(d, "sentry_url") == "https://sentry.io");
  CHECK(Fact(d, "sentry_region_url") == "https://de.sentry.io");
}

std::string Pem(const std::string& label, const std::string& body, const std::string& nl = "\n") {
  return "-----BEGIN " + label + "-----" + nl + body + nl + "-----END " + label + "-----" + nl;
}

std::string OpensshBody(const std::string& cipher) {
  auto u32 = [](size_t n) {
    return std::string{static_cast<char>(n >> 24 & 0xFF), static_cast<char>(n >> 16 & 0xFF),
                       static_cast<char>(n >> 8 & 0xFF), static_cast<char>(n & 0xFF)};
  };
  std::string blob("openssh-key-v1\0", 15);
  blob += u32(cipher.size()) + cipher;
  const std::string kdf = cipher == "none" ? "none" : "bcrypt";
  blob += u32(kdf.size()) + kdf + u32(0) + u32(1) + std::string(64, 'F');
  return Base64(blob, false);
}

TEST_CASE("a PEM private key says whether it is passphrase-protected", "[classify][detect]") {
  const std::string body = "MIIEowIBAAKCAQEAfakefakefakefakefakefakefakefakefakefakefakefake\nZmFrZQ==";
  const std::string plain = Pem("RSA PRIVATE KEY", body);
  Detection d = Only(plain, "", "pem-private-key", plain.substr(0, plain.size() - 1));
  CHECK(Fact(d, "pem_encrypted") == "false");
  CHECK(Fact(d, "pem_type") == "RSA");

  d = Only(Pem("ENCRYPTED PRIVATE KEY", body), "", "pem-private-key",
           Pem("ENCRYPTED PRIVATE KEY", body).substr(0, Pem("ENCRYPTED PRIVATE KEY", body).size() - 1));
  CHECK(Fact(d, "pem_encrypted") == "true");

  const std::string legacy = Pem("RSA PRIVATE KEY", "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00FF\n\n" + body);
  CHECK(Fact(Detect(legacy, "", Rules(), kNow).at(0), "pem_encrypted") == "true");

  const auto openssh = [](const std::string& cipher) {
    return Detect(Pem("OPENSSH PRIVATE KEY", OpensshBody(cipher)), "", Rules(), kNow);
  };
  REQUIRE(openssh("none").size() == 1);
  CHECK(Fact(openssh("none")[0], "pem_encrypted") == "false");
  CHECK(Fact(openssh("none")[0], "pem_type") == "OPENSSH");
  CHECK(Fact(openssh("aes256-ctr")[0], "pem_encrypted") == "true");

  // Inlined in a JSON string with the newlines left escaped.
  const std::string escaped = "key: " + Pem("OPENSSH PRIVATE KEY", OpensshBody("none"), "\\n");
  const std::vector<Detection> found = Detect(escaped, "", Rules(), kNow);
  REQUIRE(found.size() == 1);
  CHECK(found[0].offset == 5);
  CHECK(Fact(found[0], "pem_encrypted") == "false");

  CHECK(Detect(Pem("PUBLIC KEY", body), "", Rules(), kNow).empty());
}

TEST_CASE("a database URL's facts never include the password", "[classify][detect]") {
  const std::string password = "S3cr3t-Pa55";
  const std::string url = "postgresql://app_user:" + password + "@db.prod.example:5432/orders?sslmode=require";
  const Detection d = Only(url, "DATABASE_URL", "db-url", url);
  CHECK(Fact(d, "db_scheme") == "postgresql");
  CHECK(Fact(d, "db_host") == "db.prod.example");
  CHECK(Fact(d, "db_port") == "5432");
  CHECK(Fact(d, "db_user") == "app_user");
  CHECK(Fact(d, "db_name") == "orders");
  for (const auto& [key, value] : d.facts) {
    CAPTURE(key);
    CHECK(value.find(password) == std::string::npos);
    CHECK(value.find("Pa55") == std::string::npos);
  }

  const std::string text = "connect with mongodb+srv://svc:Fake99pw@cluster0.example.net/db then";
  const Detection m = Only(text, "", "db-url", "mongodb+srv://svc:Fake99pw@cluster0.example.net/db");
  CHECK(Fact(m, "db_scheme") == "mongodb+srv");
  CHECK(Fact(m, "db_host") == "cluster0.example.net");
  CHECK(Fact(m, "db_port") == "<none>");

  const Detection r = Only("redis://:FakeRedisPw@[::1]:6380/0", "REDIS_URL", "db-url", "redis://:FakeRedisPw@[::1]:6380/0");
  CHECK(Fact(r, "db_host") == "[::1]");
  CHECK(Fact(r, "db_port") == "6380");
  CHECK(Fact(r, "db_user") == "<none>");

  CHECK(Detect("postgres://u:${env:PGPASSWORD}@db.example/app", "DATABASE_URL", Rules(), kNow).empty());
  CHECK(Detect("postgres://app@db.example/app", "DATABASE_URL", Rules(), kNow).empty());
  CHECK(Detect("postgres://db.example:5432/app", "DATABASE_URL", Rules(), kNow).empty());
}

TEST_CASE("a provider token inside a URL wins over the URL's userinfo", "[classify][detect]") {
  const std::string url = "https://x-access-token:" + kGithubToken + "@github.com/o/r.git";
  Only(url, "", "github-classic-pat", kGithubToken);
  const Detection u = Only("https://deploy:Fake-Pw-42@git.example.com/r.git", "", "url-userinfo",
                           "https://deploy:Fake-Pw-42@git.example.com/r.git");
  CHECK(Fact(u, "url_user") == "deploy");
  CHECK(Fact(u, "url_host") == "git.example.com");
  CHECK(Fact(u, "url_scheme") == "https");
}

TEST_CASE("Bearer, token and Basic header values", "[classify][detect]") {
  const Detection bearer = Only("Bearer " + kGithubToken, "Authorization", "github-classic-pat", kGithubToken);
  CHECK(bearer.offset == 7);
  CHECK(bearer.length == kGithubToken.size());
  CHECK(Only("token " + kGithubToken, "Authorization", "github-classic-pat", kGithubToken).offset == 6);

  const std::string b64 = Base64("alice:Wond3rland!", false);
  const Detection basic = Only("Basic " + b64, "Authorization", "basic-auth", b64);
  CHECK(basic.offset == 6);
  CHECK(Fact(basic, "basic_user") == "alice");
  for (const auto& [key, value] : basic.facts) CHECK(value.find("Wond3rland") == std::string::npos);
  // Not base64 of user:password: not Basic credentials.
  CHECK(FindRule(Detect("Basic " + Base64("no colon", false), "Authorization", Rules(), kNow), "basic-auth") ==
        nullptr);
  CHECK(Detect("Basic realm=\"api\"", "WWW-Authenticate", Rules(), kNow).empty());

  // A random bearer token of no known format, under a header name.
  const std::string opaque = "Zq8vN2pL5xR7tY1wK4mB9cD3";
  CHECK(Only("Bearer " + opaque, "Authorization", "generic-secret", opaque).offset == 7);
}

TEST_CASE("flag=value arguments are searched and named", "[classify][detect]") {
  const std::string key = "sk_live_" + std::string("51FakeKeyForTestsOnly0123456789abcdef");
  const Detection stripe = Only("--api-key=" + key, "", "stripe-live-secret-key", key);
  CHECK(stripe.offset == 10);
  CHECK(stripe.rule->blast_radius == "money-moving");

  // No provider format: the flag's own name makes it a secret.
  const std::string opaque = "Zq8vN2pL5xR7tY1wK4mB9cD3";
  CHECK(Only("--api-key=" + opaque, "", "generic-secret", opaque).offset == 10);
  CHECK(Only("  BRAVE_API_KEY=" + opaque, "", "brave-search-api-key", opaque).offset == 16);
  Only(opaque, "--api-key", "generic-secret", opaque);
  Only(opaque, "X-Api-Key", "generic-secret", opaque);
  CHECK(Detect("--log-level=" + opaque, "", Rules(), kNow).empty());
  CHECK(Detect("--api-key=changeme", "", Rules(), kNow).empty());
}

TEST_CASE("references to secrets kept elsewhere are not credentials", "[classify][detect]") {
  for (const char* v : {"${env:GITHUB_TOKEN}", "${input:github_token}", "$GITHUB_TOKEN", "${GITHUB_TOKEN}",
                        "{env:GITHUB_TOKEN}", "${{ secrets.GITHUB_TOKEN }}", "%GITHUB_TOKEN%", "  ${env:A}${env:B} ",
                        "Bearer ${env:GITHUB_TOKEN}", "--token=${input:pat}"}) {
    CAPTURE(v);
    CHECK(Detect(v, "GITHUB_TOKEN", Rules(), kNow).empty());
  }
}

TEST_CASE("Postmark server and account tokens differ only by name", "[classify][detect]") {
  const std::string uuid = "8f14e45f-ceea-467f-a0e6-7f2b6c1d9e3a";
  const Detection server = Only(uuid, "POSTMARK_SERVER_TOKEN", "postmark-server-token", uuid);
  CHECK(server.rule->blast_radius == "write");
  Only(uuid, "POSTMARK_API_TOKEN", "postmark-server-token", uuid);
  Only(uuid, "X-Postmark-Server-Token", "postmark-server-token", uuid);
  const Detection account = Only(uuid, "POSTMARK_ACCOUNT_TOKEN", "postmark-account-token", uuid);
  CHECK(account.rule->blast_radius == "admin");
  CHECK(account.rule->severity > server.rule->severity);
  CHECK(Detect(uuid, "REQUEST_ID", Rules(), kNow).empty());
}

TEST_CASE("generic-secret: random values under secret names, not placeholders", "[classify][detect]") {
  const std::string random = "q7Vt2LmX9pRz4NcW8kHs3JdY6bFg1QaE";
  const Detection d = Only(random, "MY_SERVICE_TOKEN", "generic-secret", random);
  CHECK(d.rule->severity <= rules::Severity::kMedium);
  Only("  " + random + "\n", "DB_PASSWORD", "generic-secret", random);
  for (const char* v : {"changeme", "your-api-key", "xxxxxxxx", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "short-Value1",
                        "<your-service-token-here>", "YOUR_SERVICE_TOKEN_GOES_HERE", "00000000000000000000",
                        "/home/user/.config/service/token.txt", "https://example.com/some/long/path/x1"}) {
    CAPTURE(v);
    CHECK(Detect(v, "MY_SERVICE_TOKEN", Rules(), kNow).empty());
  }
  CHECK(Detect(random, "LOG_LEVEL", Rules(), kNow).empty());
  CHECK(Detect(random, "", Rules(), kNow).empty());
}

TEST_CASE("detections point exactly at each token, in order", "[classify][detect]") {
  const std::string notion = "ntn_12345678901FakeNotionTokenForTests0123456789ab";
  const std::string stripe = "sk_test_51FakeKeyForTestsOnly0123456789";
  const std::string json = R"({"Authorization": "Bearer )" + notion + R"(", "X-Stripe": ")" + stripe + R"("})";
  const std::vector<Detection> found = Detect(json, "OPENAPI_MCP_HEADERS", Rules(), kNow);
  REQUIRE(found.size() == 2);
  CHECK(found[0].rule->id == "notion-token");
  CHECK(json.substr(found[0].offset, found[0].length) == notion);
  CHECK(found[1].rule->id == "stripe-test-secret-key");
  CHECK(json.substr(found[1].offset, found[1].length) == stripe);
  CHECK_FALSE(found[1].rule->live);

  // Surrounding whitespace and the scheme word are outside the span.
  const std::string padded = " \t token   " + kGithubToken + "  \n";
  const Detection d = Only(padded, "GH_TOKEN", "github-classic-pat", kGithubToken);
  CHECK(d.offset == padded.find("ghp_"));
}

}  // namespace
}  // namespace mcpguard::classify

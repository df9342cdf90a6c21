#include "rules/redirects.h"

#include <catch2/catch.hpp>

namespace mcpguard::rules {
namespace {

const std::string kSchema = "schema = \"mcpguard.redirects/1\"\n";

TEST_CASE("the built-in redirect rules load", "[rules][redirects]") {
  auto r = LoadRedirectRules("");
  REQUIRE(r);
  CHECK(RedirectRules::HostIn("abc.ngrok.io", r->tunnel_hosts));
  CHECK(RedirectRules::HostIn("Quiet-River.TryCloudflare.com", r->tunnel_hosts));
  CHECK(RedirectRules::HostIn("x.loca.lt", r->tunnel_hosts));
  CHECK(RedirectRules::HostIn("serveo.net", r->tunnel_hosts));
  CHECK(RedirectRules::HostIn("pastebin.com", r->paste_hosts));
  CHECK_FALSE(RedirectRules::HostIn("notngrok.io", r->tunnel_hosts));  // a suffix, not a subdomain
  CHECK_FALSE(RedirectRules::HostIn("mcp.example.com", r->tunnel_hosts));
  CHECK(r->IsProxyEnv("https_proxy"));
  CHECK(r->IsCaEnv("NODE_EXTRA_CA_CERTS"));
  const VendorEnv* anthropic = r->Vendor("ANTHROPIC_BASE_URL");
  REQUIRE(anthropic != nullptr);
  CHECK(anthropic->hosts == std::vector<std::string>{"api.anthropic.com"});
  const VendorEnv* generic = r->Vendor("acme_api_url");
  REQUIRE(generic != nullptr);
  CHECK(generic->hosts.empty());
  CHECK(r->Vendor("LOG_LEVEL") == nullptr);
}

TEST_CASE("redirect rules: mistakes are errors with line and column", "[rules][redirects]") {
  auto unknown = ParseRedirectRules(kSchema + "tunnel_host = [\"x\"]\n", "redirects.toml");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message == "unknown key \"tunnel_host\" in redirects.toml");
  CHECK(unknown.error().line == 2);
  CHECK(unknown.error().column == 1);

  auto empty = ParseRedirectRules(kSchema + "paste_hosts = [\"\"]\n", "redirects.toml");
  REQUIRE_FALSE(empty);
  CHECK(empty.error().line == 2);

  auto nameless = ParseRedirectRules(kSchema + "[[vendor_env]]\nhosts = [\"a.example\"]\n", "redirects.toml");
  REQUIRE_FALSE(nameless);
  CHECK(nameless.error().message == "[[vendor_env]] needs \"names\"");

  auto schema = ParseRedirectRules("schema = \"mcpguard.hosts/1\"\n", "redirects.toml");
  REQUIRE_FALSE(schema);
}

TEST_CASE("redirect rules: vendor names are globs, matched upper-case, first entry wins", "[rules][redirects]") {
  auto r = ParseRedirectRules(kSchema +
                                  "[[vendor_env]]\nnames = [\"acme_api_url\"]\nhosts = [\"api.acme.example\"]\n"
                                  "[[vendor_env]]\nnames = [\"*_API_URL\"]\n",
                              "redirects.toml");
  REQUIRE(r);
  REQUIRE(r->Vendor("ACME_API_URL") != nullptr);
  CHECK(r->Vendor("ACME_API_URL")->hosts == std::vector<std::string>{"api.acme.example"});
  REQUIRE(r->Vendor("OTHER_API_URL") != nullptr);
  CHECK(r->Vendor("OTHER_API_URL")->hosts.empty());
}

}  // namespace
}  // namespace mcpguard::rules

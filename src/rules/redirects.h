// The redirect rules (signatures/redirects.toml): tunnel and paste hosts,
// proxy and certificate-authority env names, and the env names that override
// a vendor's endpoint with the vendor's own hosts. Drift reads them to judge
// where an approved server now points (MCPG-REDIRECT-*).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace mcpguard::rules {

struct VendorEnv {
  std::vector<std::string> names;  // upper-case globs
  std::vector<std::string> hosts;  // the vendor's own; empty: unknown
};

struct RedirectRules {
  std::vector<std::string> tunnel_hosts;
  std::vector<std::string> paste_hosts;
  std::vector<std::string> proxy_env;
  std::vector<std::string> ca_env;
  std::vector<VendorEnv> vendor_env;

  // `host` is one of `list` or a subdomain of one.
  static bool HostIn(std::string_view host, const std::vector<std::string>& list);
  // The first vendor entry whose names match `env_name` (upper-cased), or nullptr.
  const VendorEnv* Vendor(std::string_view env_name) const;
  bool IsProxyEnv(std::string_view env_name) const;
  bool IsCaEnv(std::string_view env_name) const;
};

// Parses a redirects.toml text (schema "mcpguard.redirects/1"); every problem
// is an Error with the file, line and column.
Result<RedirectRules> ParseRedirectRules(std::string_view text, const std::string& name);

// From `signatures_dir`/redirects.toml, or the built-in copy when empty.
Result<RedirectRules> LoadRedirectRules(const std::string& signatures_dir);

}  // namespace mcpguard::rules

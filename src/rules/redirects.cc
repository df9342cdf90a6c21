#include "rules/redirects.h"

#include <algorithm>

#include "base/text.h"
#include "rules/signature_file.h"

namespace mcpguard::rules {

using formats::Node;

bool RedirectRules::HostIn(std::string_view host, const std::vector<std::string>& list) {
  const std::string h = ToLower(host);
  return std::any_of(list.begin(), list.end(), [&](const std::string& entry) {
    const std::string e = ToLower(entry);
    return h == e || (h.size() > e.size() && EndsWith(h, e) && h[h.size() - e.size() - 1] == '.');
  });
}

const VendorEnv* RedirectRules::Vendor(std::string_view env_name) const {
  const std::string upper = ToUpper(env_name);
  for (const VendorEnv& v : vendor_env) {
    for (const std::string& glob : v.names) {
      if (GlobMatch(glob, upper)) return &v;
    }
  }
  return nullptr;
}

bool RedirectRules::IsProxyEnv(std::string_view env_name) const {
  const std::string upper = ToUpper(env_name);
  return std::find(proxy_env.begin(), proxy_env.end(), upper) != proxy_env.end();
}

bool RedirectRules::IsCaEnv(std::string_view env_name) const {
  const std::string upper = ToUpper(env_name);
  return std::find(ca_env.begin(), ca_env.end(), upper) != ca_env.end();
}

Result<RedirectRules> ParseRedirectRules(std::string_view text, const std::string& name) {
  auto doc = ParseSignatureText(text, name, "mcpguard.redirects/1");
  if (!doc) return tl::make_unexpected(doc.error());
  const Node& root = doc->root;
  const SignatureReader r(name);
  static constexpr std::string_view kTop[] = {"schema", "tunnel_hosts", "paste_hosts", "proxy_env", "ca_env",
                                              "vendor_env"};
  if (auto ok = r.KnownKeys(root, kTop, "redirects.toml"); !ok) return tl::make_unexpected(ok.error());
  RedirectRules out;
  for (auto [key, list] : {std::pair<std::string_view, std::vector<std::string>*>{"tunnel_hosts", &out.tunnel_hosts},
                           {"paste_hosts", &out.paste_hosts},
                           {"proxy_env", &out.proxy_env},
                           {"ca_env", &out.ca_env}}) {
    auto v = r.Strings(root, key, true);
    if (!v) return tl::make_unexpected(v.error());
    *list = std::move(*v);
  }
  for (std::string& n : out.proxy_env) n = ToUpper(n);
  for (std::string& n : out.ca_env) n = ToUpper(n);
  if (const Node* vendors = root.Find("vendor_env"); vendors != nullptr) {
    if (!vendors->IsArray()) return tl::make_unexpected(r.Problem(*vendors, "\"vendor_env\" must be an array of tables"));
    static constexpr std::string_view kVendor[] = {"names", "hosts"};
    for (const Node& t : vendors->items) {
      if (auto ok = r.KnownKeys(t, kVendor, "[[vendor_env]]"); !ok) return tl::make_unexpected(ok.error());
      VendorEnv v;
      auto names = r.Strings(t, "names", true);
      if (!names) return tl::make_unexpected(names.error());
      if (names->empty()) return tl::make_unexpected(r.Problem(t, "[[vendor_env]] needs \"names\""));
      auto hosts = r.Strings(t, "hosts", true);
      if (!hosts) return tl::make_unexpected(hosts.error());
      for (const std::string& n : *names) v.names.push_back(ToUpper(n));
      v.hosts = std::move(*hosts);
      out.vendor_env.push_back(std::move(v));
    }
  }
  return out;
}

Result<RedirectRules> LoadRedirectRules(const std::string& signatures_dir) {
  auto file = ReadSignatureFile(signatures_dir, "redirects.toml");
  if (!file) return tl::make_unexpected(file.error());
  return ParseRedirectRules(file->text, file->name);
}

}  // namespace mcpguard::rules

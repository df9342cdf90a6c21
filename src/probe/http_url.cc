#include "probe/http_url.h"

#include <mutex>

#include "base/text.h"
#include "probe/curl_handles.h"

namespace mcpguard::probe {
namespace {

std::string Part(CURLU* u, CURLUPart part, unsigned flags = 0) {
  char* raw = nullptr;
  if (curl_url_get(u, part, &raw, flags) != CURLUE_OK) return {};
  CurlString owned(raw);
  return raw ? std::string(raw) : std::string();
}

Result<HttpUrl> FromHandle(CURLU* u) {
  HttpUrl out;
  out.scheme = ToLower(Part(u, CURLUPART_SCHEME));
  if (out.scheme != "http" && out.scheme != "https")
    return Fail(Errc::kInvalidArgument, "only http:// and https:// URLs can be probed");
  out.host = ToLower(Part(u, CURLUPART_HOST));
  if (out.host.empty()) return Fail(Errc::kInvalidArgument, "URL has no host");
  out.port = Part(u, CURLUPART_PORT, CURLU_DEFAULT_PORT);
  out.url = Part(u, CURLUPART_URL);
  return out;
}

}  // namespace

void CurlGlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string HttpUrl::Origin() const { return scheme + "://" + host + ":" + port; }

bool HttpUrl::SameOrigin(const HttpUrl& other) const {
  return scheme == other.scheme && host == other.host && port == other.port;
}

Result<HttpUrl> ParseHttpUrl(const std::string& url) {
  CurlGlobalInitOnce();
  CurlUrl u(curl_url());
  if (!u) return Fail(Errc::kIo, "out of memory");
  // No CURLU_GUESS_SCHEME: "example.com/mcp" is a mistake, not a guess to make.
  if (curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK)
    return Fail(Errc::kInvalidArgument, "not an absolute http:// or https:// URL");
  return FromHandle(u.get());
}

Result<HttpUrl> ResolveHttpUrl(const HttpUrl& base, const std::string& reference) {
  CurlUrl u(curl_url());
  if (!u) return Fail(Errc::kIo, "out of memory");
  if (curl_url_set(u.get(), CURLUPART_URL, base.url.c_str(), 0) != CURLUE_OK ||
      curl_url_set(u.get(), CURLUPART_URL, reference.c_str(), 0) != CURLUE_OK)
    return Fail(Errc::kProtocol, "unusable URL \"" + Excerpt(reference, 80) + "\"");
  return FromHandle(u.get());
}

std::string Excerpt(std::string_view text, size_t max) {
  std::string out;
  bool more = false;
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    if (out.size() >= max) {
      more = true;
      break;
    }
    out.push_back(b < 0x20 || b >= 0x7F ? '?' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (more) out += "...";
  return out;
}

}  // namespace mcpguard::probe

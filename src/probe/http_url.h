// URL handling for the HTTP transports, on libcurl's URL parser (the same
// one that will make the request, so what we check is what gets contacted).
//
// Error messages name a server by its origin only (scheme, host, port): the
// path and query of a configured URL, and any user:password in it, may hold
// a secret.
#pragma once

#include <string>

#include "base/error.h"

namespace mcpguard::probe {

struct HttpUrl {
  std::string url;     // normalised by libcurl
  std::string scheme;  // "http" or "https"
  std::string host;    // lower case; an IPv6 literal keeps its brackets
  std::string port;    // always set ("80" when the URL has none)

  // "http://127.0.0.1:8080": what error messages show.
  std::string Origin() const;
  bool SameOrigin(const HttpUrl& other) const;
};

// An absolute http:// or https:// URL; anything else is kInvalidArgument.
Result<HttpUrl> ParseHttpUrl(const std::string& url);

// `reference` (absolute, or relative such as "/message?sessionId=1")
// resolved against `base`, as a browser would (RFC 3986 §5).
Result<HttpUrl> ResolveHttpUrl(const HttpUrl& base, const std::string& reference);

// Bytes from a peer made fit for one line of an error message: control and
// non-ASCII bytes become '?', runs of blanks one space, at most `max` bytes
// (then "...").
std::string Excerpt(std::string_view text, size_t max);

}  // namespace mcpguard::probe

// Base64 for building and reading test inputs (JWTs, Basic credentials,
// minisign keys): written here, independently of mcpguard's own.
#pragma once

#include <string>
#include <string_view>

namespace mcpguard::test {

// RFC 4648 §4 with '=' padding, or §5 (URL-safe, no padding) when `url`.
std::string Base64(std::string_view in, bool url);
// The bytes of standard base64 (§4), up to the first '='; any other
// character fails the test.
std::string Base64Decode(std::string_view in);

}  // namespace mcpguard::test

// Expected values computed independently of mcpguard's own code (OpenSSL
// digests, the npx cache key), and the leak check every secret test uses.
#pragma once

#include <openssl/evp.h>
#include <time.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mcpguard::test {

// Hex digest of `bytes` with OpenSSL's EVP.
std::string HexDigest(const EVP_MD* md, std::string_view bytes);
std::string Sha256OfText(std::string_view text);
// The npx cache key of one spec: the first 16 hex digits of its SHA-512.
std::string NpxKey(const std::string& spec);
// Sets a file's atime and mtime (not following a symlink).
void SetTimes(const std::string& path, time_t when);
// Every 8-character piece of any canary found in `text`, as "label: piece".
std::vector<std::string> Leaks(const std::string& text,
                               const std::vector<std::pair<std::string, std::string>>& canaries);

}  // namespace mcpguard::test

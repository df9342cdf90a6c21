#include "support/evidence.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cstdio>

#include <catch2/catch.hpp>

namespace mcpguard::test {

std::string HexDigest(const EVP_MD* md, std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  REQUIRE(EVP_Digest(bytes.data(), bytes.size(), digest, &len, md, nullptr) == 1);
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    char buf[3];
    std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned>(digest[i]));
    out += buf;
  }
  return out;
}

std::string Sha256OfText(std::string_view text) { return HexDigest(EVP_sha256(), text); }

std::string NpxKey(const std::string& spec) { return HexDigest(EVP_sha512(), spec).substr(0, 16); }

void SetTimes(const std::string& path, time_t when) {
  const struct timespec times[2] = {{when, 0}, {when, 0}};
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0);
}

std::vector<std::string> Leaks(const std::string& text,
                               const std::vector<std::pair<std::string, std::string>>& canaries) {
  std::vector<std::string> out;
  for (const auto& [label, secret] : canaries) {
    for (size_t i = 0; i + 8 <= secret.size(); ++i) {
      if (text.find(secret.substr(i, 8)) != std::string::npos) out.push_back(label + ": " + secret.substr(i, 8));
    }
  }
  return out;
}

}  // namespace mcpguard::test

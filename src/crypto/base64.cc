#include "crypto/base64.h"

#include <sodium.h>

namespace mcpguard::crypto {

std::string Base64(std::string_view bytes) {
  const size_t cap = sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(cap, '\0');
  sodium_bin2base64(out.data(), cap, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(cap - 1);  // the terminating NUL
  return out;
}

}  // namespace mcpguard::crypto

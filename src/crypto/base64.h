// Base64 (RFC 4648 §4: the standard alphabet, '=' padding), the form minisign
// keys and signatures and OpenSSH host keys are written in. libsodium's, so
// that there is one encoder in the tree.
#pragma once

#include <string>
#include <string_view>

namespace mcpguard::crypto {

std::string Base64(std::string_view bytes);

}  // namespace mcpguard::crypto

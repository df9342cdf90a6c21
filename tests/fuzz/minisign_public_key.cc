// minisign.pub files (trusted keys a user or an organisation drops in).
#include "fuzz_input.h"
#include "signing/minisign.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto key = mcpguard::signing::ParsePublicKey(mcpguard::fuzz::Text(data, size), "fuzz.pub");
  // What parses must format back to a key that parses to the same bytes.
  if (key) {
    auto again = mcpguard::signing::ParsePublicKey(mcpguard::signing::FormatPublicKey(*key), "again.pub");
    if (!again || again->pk != key->pk || again->key_id != key->key_id) __builtin_trap();
  }
  return 0;
}

// signatures/*.toml given with --signatures: the first byte picks hosts.toml
// or credentials.toml (patterns compiled, as at load).
#include "fuzz_input.h"
#include "rules/catalog.h"
#include "rules/credentials.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text = mcpguard::fuzz::Text(data + 1, size - 1);
  if (data[0] & 1) {
    (void)mcpguard::rules::ParseCredentialRules(text, "credentials.toml");
  } else {
    (void)mcpguard::rules::ParseCatalog(text, "hosts.toml");
  }
  return 0;
}

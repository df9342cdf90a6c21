// .minisig files, parsed and then checked against a fixed key, as verify does
// with baseline.json.minisig.
#include "fuzz_input.h"
#include "signing/minisign.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mcpguard::signing;
  auto sig = ParseSignature(mcpguard::fuzz::Text(data, size), "fuzz.minisig");
  if (!sig) return 0;
  PublicKey key;
  key.key_id = sig->key_id;  // so Verify gets past the key lookup
  (void)Verify("{}\n", *sig, {key}, LegacyPolicy::kAccept);
  (void)FormatSignature(*sig);
  return 0;
}

// minisign.key files. Without a passphrase: an encrypted key stops before
// scrypt (whose cost the file names, up to 4 GiB, bounded by the reader but
// far over a fuzzer's budget); unencrypted (-W) keys are read in full.
#include "fuzz_input.h"
#include "signing/minisign.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)mcpguard::signing::ParseSecretKey(mcpguard::fuzz::Text(data, size), "fuzz.key", std::nullopt);
  return 0;
}

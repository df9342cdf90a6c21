// .env files named by envFile.
#include "formats/dotenv.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)mcpguard::formats::ParseDotenv(mcpguard::fuzz::Text(data, size));
  return 0;
}

// libFuzzer target: .env files named by envFile (see targets.cc).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!mcpguard::fuzz::Dotenv({reinterpret_cast<const char*>(data), size})) std::abort();
  return 0;
}

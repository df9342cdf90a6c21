// libFuzzer target: JSON-RPC bodies and batches (see targets.cc).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!mcpguard::fuzz::JsonRpcBatch({reinterpret_cast<const char*>(data), size})) std::abort();
  return 0;
}

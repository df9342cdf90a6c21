// libFuzzer target: SSE framing of the HTTP transports (see targets.cc).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!mcpguard::fuzz::Sse({reinterpret_cast<const char*>(data), size})) std::abort();
  return 0;
}

// libFuzzer target: a whole MCP session against a scripted hostile server (see targets.cc).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!mcpguard::fuzz::McpSession({reinterpret_cast<const char*>(data), size})) std::abort();
  return 0;
}

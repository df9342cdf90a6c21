// JSON and JSONC config readers (formats::Parse): any bytes give a tree or an
// Error with a position, never a crash, a hang or unbounded memory.
#include "formats/parse.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using mcpguard::formats::Format;
  const std::string_view text = mcpguard::fuzz::Text(data, size);
  (void)mcpguard::formats::Parse(text, Format::kJson);
  (void)mcpguard::formats::Parse(text, Format::kJsonc);
  return 0;
}

// The TOML config reader (formats::Parse over toml++).
#include "formats/parse.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)mcpguard::formats::Parse(mcpguard::fuzz::Text(data, size), mcpguard::formats::Format::kToml);
  return 0;
}

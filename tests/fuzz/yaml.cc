// The YAML config reader (formats::Parse over yaml-cpp): aliases, merge keys
// and deep flow collections are where the limits matter.
#include "formats/parse.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)mcpguard::formats::Parse(mcpguard::fuzz::Text(data, size), mcpguard::formats::Format::kYaml);
  return 0;
}

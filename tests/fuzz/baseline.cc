// baseline.json, read the way verify reads it once the signature checked
// out (app::ParseBaseline): the signature only says who wrote the file, not
// that it is well formed.
#include "app/baseline_store.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)mcpguard::app::ParseBaseline(mcpguard::fuzz::Text(data, size), "baseline.json");
  return 0;
}

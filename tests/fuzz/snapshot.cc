// Recorded scans as `mcpguard log`, `show` and `diff` read them back from the
// history: the input is two revisions of one config file (split at the
// first NUL byte); their servers are described and diffed.
#include <optional>
#include <string>

#include "app/history_diff.h"
#include "app/record.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = mcpguard::fuzz::Text(data, size);
  const size_t nul = text.find('\0');
  const std::string before(text.substr(0, nul));
  const std::string after(nul == std::string_view::npos ? "" : text.substr(nul + 1));
  const std::string file = "configs/cursor/user/~%2F.cursor%2Fmcp.json.json";
  const mcpguard::history::Files a{{file, before}, {"summary.json", "{}"}};
  const mcpguard::history::Files b{{file, after}, {"summary.json", "{\"x\":1}"}};
  (void)mcpguard::app::DescribeChange(std::nullopt, a);
  (void)mcpguard::app::DescribeChange(a, b);
  const auto diffs = mcpguard::app::DiffServers(a, b);
  (void)mcpguard::app::DiffText(diffs);
  (void)mcpguard::app::DiffJson(diffs).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}

#include "base/error.h"

#include <catch2/catch.hpp>

namespace mcpguard {
namespace {

TEST_CASE("an error prints as path:line:col: message", "[base]") {
  Error e{Errc::kParse, "unexpected '}'", "/h/.cursor/mcp.json", 7, 15};
  CHECK(e.ToString() == "/h/.cursor/mcp.json:7:15: unexpected '}'");
}

TEST_CASE("a whole-file error is reported at 1:1", "[base]") {
  Error e{Errc::kPermission, "cannot open: permission denied", "/h/x.json", 0, 0};
  CHECK(e.ToString() == "/h/x.json:1:1: cannot open: permission denied");
}

TEST_CASE("an error without a path is just its message", "[base]") {
  CHECK(Error{Errc::kInvalidArgument, "unknown host 'x'", "", 0, 0}.ToString() == "unknown host 'x'");
}

}  // namespace
}  // namespace mcpguard

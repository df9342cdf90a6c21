// Shared by the formats tests: position checks.
#pragma once

#include <catch2/catch.hpp>

#include "formats/tree.h"

namespace mcpguard::formats {

inline void ExpectPos(const Pos& pos, uint32_t line, uint32_t col) {
  CHECK(pos.line == line);
  CHECK(pos.col == col);
}

}  // namespace mcpguard::formats

// A position in a config file, shared by every model type.
#pragma once

#include <cstdint>

namespace mcpguard::model {

struct SourcePos {
  uint32_t line = 0;  // 1-based; 0 when unknown
  uint32_t col = 0;
};

}  // namespace mcpguard::model

#include "base/error.h"

namespace mcpguard {

std::string Error::ToString() const {
  if (path.empty()) return message;
  const int l = line > 0 ? line : 1;
  const int c = column > 0 ? column : 1;
  return path + ":" + std::to_string(l) + ":" + std::to_string(c) + ": " + message;
}

}  // namespace mcpguard

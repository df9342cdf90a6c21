// What every fuzz target shares: the input as text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mcpguard::fuzz {

inline std::string_view Text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace mcpguard::fuzz

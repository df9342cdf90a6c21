#include "probe/json_message.h"

#include <string>

#include "probe/json_depth.h"

namespace mcpguard::probe {

Result<nlohmann::json> ParseUntrustedJson(std::string_view text) {
  if (JsonDepth(text) > kMaxJsonDepth) {
    return Fail(Errc::kProtocol, "a message nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  if (text.find('\0') != std::string_view::npos) return Fail(Errc::kProtocol, "something that is not JSON");
  nlohmann::json message = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded()) return Fail(Errc::kProtocol, "something that is not JSON");
  return message;
}

}  // namespace mcpguard::probe

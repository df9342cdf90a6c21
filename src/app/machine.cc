#include "app/machine.h"

#include <unistd.h>

#include <climits>

#include "base/file.h"
#include "pinning/hash.h"

namespace mcpguard::app {
namespace {

Result<std::string> Checked(const std::string& id, const std::string& source) {
  if (!ValidMachineId(id)) {
    return Fail(Errc::kInvalidArgument, source + ": '" + id +
                                            "' is not a usable machine id (letters, digits, '.', '_', '-'; "
                                            "at most 64 characters)");
  }
  return id;
}

Result<std::string> Hashed(std::string_view text) {
  auto hex = pinning::Sha256Bytes(text);
  if (!hex) return tl::make_unexpected(hex.error());
  return hex->substr(0, 16);
}

std::string Trimmed(const std::string& s) {
  constexpr const char* kSpace = " \t\r\n";
  const size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

}  // namespace

bool ValidMachineId(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.front() == '.' || id.front() == '-') return false;
  if (id.find("..") != std::string_view::npos) return false;
  if (id.size() >= 5 && id.substr(id.size() - 5) == ".lock") return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<std::string> MachineId(const Environment& env, const Settings& settings, const std::string& root) {
  if (auto id = env.Get("MCPGUARD_MACHINE_ID"); id && !id->empty()) return Checked(*id, "MCPGUARD_MACHINE_ID");
  if (!settings.machine_id.empty()) return Checked(settings.machine_id, "machine_id in " + settings.path);
  const std::string path = (root.empty() || root == "/" ? std::string() : root) + "/etc/machine-id";
  if (auto text = ReadFileCapped(path, 4096)) {
    const std::string id = Trimmed(*text);
    if (!id.empty()) return Hashed(id);
  }
  char buf[HOST_NAME_MAX + 1] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') {
    return Fail(Errc::kNotFound, "cannot tell this machine's id: set machine_id in config.toml");
  }
  return Hashed(buf);
}

}  // namespace mcpguard::app

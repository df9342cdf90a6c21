#include "history/known_hosts.h"

#include <vector>

#include "base/process.h"
#include "base/text.h"
#include "crypto/base64.h"

namespace mcpguard::history {
namespace {

std::string Name(const std::string& host, int port) {
  return port == 22 || port <= 0 ? host : "[" + host + "]:" + std::to_string(port);
}

}  // namespace

HostKeyVerdict CheckKnownHost(const std::string& host, int port, std::string_view raw_key,
                              const std::string& known_hosts) {
  ProcessOptions o;
  o.argv = {"ssh-keygen", "-F", Name(host, port), "-f", known_hosts};
  o.timeout_ms = 10'000;
  o.output_cap = 1 << 20;
  auto run = RunProcess(o);
  if (!run) return HostKeyVerdict::kNoTool;
  // Exit 1 and no output: no entry for the host (or no file).
  const std::string wanted = crypto::Base64(raw_key);
  bool listed = false;
  for (const std::string& line : Split(run->out, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    // "<host or |1|salt|hash> <type> <base64> [comment]"; @cert-authority
    // and @revoked markers come first when present.
    std::vector<std::string> fields;
    for (const std::string& f : Split(line, ' ')) {
      if (!f.empty()) fields.push_back(f);
    }
    if (!fields.empty() && fields[0] == "@revoked") {
      if (fields.size() >= 4 && fields[3] == wanted) return HostKeyVerdict::kMismatch;
      continue;
    }
    if (!fields.empty() && fields[0][0] == '@') continue;  // a CA line is not a host key
    if (fields.size() < 3) continue;
    listed = true;
    if (fields[2] == wanted) return HostKeyVerdict::kKnown;
  }
  return listed ? HostKeyVerdict::kMismatch : HostKeyVerdict::kUnknown;
}

std::string Describe(HostKeyVerdict verdict, const std::string& host, int port, const std::string& known_hosts) {
  const std::string name = Name(host, port);
  switch (verdict) {
    case HostKeyVerdict::kKnown: return "the host key of " + name + " is known";
    case HostKeyVerdict::kMismatch:
      return "the host key of " + name + " is not the one " + known_hosts +
             " lists for it: refusing to connect (someone may be in the middle)";
    case HostKeyVerdict::kUnknown:
      return name + " is not in " + known_hosts + ": connect once with ssh to check and record its key";
    case HostKeyVerdict::kNoTool: return "ssh-keygen (OpenSSH) is not installed, so the host key of " + name +
                                         " cannot be checked";
  }
  return {};
}

}  // namespace mcpguard::history

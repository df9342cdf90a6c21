#include <memory>

#include <nlohmann/json.hpp>

#include "app/hosts.h"
#include "base/term.h"
#include "cli/commands.h"
#include "cli/output.h"

namespace mcpguard::cli {

Runner SetupHosts(CLI::App& cmd) {
  struct Flags {
    std::string os;
    std::string root;
    std::string format = "text";
    std::string signatures;
  };
  auto f = std::make_shared<Flags>();
  cmd.footer(
      "List every host in the catalog (signatures/hosts.toml) with the files it reads on this OS, resolved\n"
      "against this environment. Existing files are marked with '*'.");
  cmd.add_option("--os", f->os, "the OS layout: linux, macos or windows")->check(CLI::IsMember({"linux", "macos", "windows"}));
  cmd.add_option("--root", f->root, "put DIR in front of system paths")->type_name("DIR");
  cmd.add_option("--format", f->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd.add_option("--signatures", f->signatures, "read hosts.toml from DIR")->type_name("DIR")->envname("MCPGUARD_SIGNATURES");
  return [f]() -> ExitCode {
    const Os os = f->os.empty() ? CurrentOs() : *ParseOs(f->os);
    auto hosts = app::ListHosts(os, Environment::FromProcess(), f->root, f->signatures);
    if (!hosts) return ReportFault(hosts.error());
    std::string out;
    if (f->format == "json") {
      nlohmann::json j = nlohmann::json::array();
      for (const app::HostPaths& h : *hosts) {
        nlohmann::json files = nlohmann::json::array();
        for (const auto& e : h.entries) {
          files.push_back({{"scope", e.scope}, {"format", e.format}, {"path", e.path}, {"exists", e.exists}});
        }
        j.push_back({{"id", h.id}, {"name", h.name}, {"files", files}});
      }
      out = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    } else {
      const Style style(ColorEnabled(1));
      for (const app::HostPaths& h : *hosts) {
        out += style.Bold(h.id) + "  " + h.name + "\n";
        for (const auto& e : h.entries) {
          out += std::string(e.exists ? "  * " : "    ") + e.scope + "  " + e.path + "\n";
        }
      }
    }
    return WriteStdout(out) ? kExitOk : kExitFault;
  };
}

}  // namespace mcpguard::cli

// The probe flags scan and approve share: --probe, --with-credentials,
// --no-sandbox, --probe-timeout.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/probe_servers.h"

namespace mcpguard::cli {

struct ProbeFlags {
  std::vector<std::string> servers;
  bool flag = false;
  bool with_credentials = false;
  bool no_sandbox = false;
  double timeout_s = 20;
  CLI::Option* probe = nullptr;

  // scan takes server names after --probe; approve probes what it approves.
  void Declare(CLI::App& cmd, bool takes_servers) {
    if (takes_servers) {
      probe = cmd.add_option("--probe", servers,
                             "start the servers (all enabled stdio and http ones, or those named: NAME or HOST/NAME) and pin\n"
                             "what they serve: tools, prompts, resources, instructions. Credentials are replaced by\n"
                             "decoys, the environment is minimal, and the server runs in a bubblewrap sandbox that\n"
                             "hides your home when bwrap is installed")
                  ->expected(0, CLI::detail::expected_max_vector_size)
                  ->type_name("SERVER");
    } else {
      probe = cmd.add_flag("--probe", flag,
                           "start each server first and approve what it serves too (its tools, prompts,\n"
                           "resources and instructions, pinned item by item)");
    }
    cmd.add_flag("--with-credentials", with_credentials,
                 "--probe: give the servers the real credentials of their config, not decoys");
    cmd.add_flag("--no-sandbox", no_sandbox, "--probe: run the servers without the bubblewrap sandbox");
    cmd.add_option("--probe-timeout", timeout_s, "--probe: give each server this long, start to last list (default 20)")
        ->type_name("SECONDS")
        ->check(CLI::Range(0.1, 3600.0));
  }

  bool Requested() const { return probe != nullptr && probe->count() > 0; }

  app::ProbeRequest Request() const {
    app::ProbeRequest r;
    // A bare --probe leaves CLI11 an empty string behind.
    for (const std::string& s : servers) {
      if (!s.empty()) r.servers.push_back(s);
    }
    r.with_credentials = with_credentials;
    r.sandbox = !no_sandbox;
    r.timeout_ms = static_cast<int>(timeout_s * 1000);
    return r;
  }
};

}  // namespace mcpguard::cli

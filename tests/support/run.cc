#include "support/run.h"

#include <cstdlib>
#include <stdexcept>

namespace mcpguard::test {

Run RunMcpguard(const std::vector<std::string>& args, const std::string& home,
                const Env& env, const std::string& cwd) {
  std::map<std::string, std::string> vars{{"HOME", home}, {"NO_COLOR", "1"}, {"LANG", "C.UTF-8"}};
  // The sanitizer build's options reach the binary under test too.
  for (const char* keep : {"PATH", "TMPDIR", "LSAN_OPTIONS", "ASAN_OPTIONS", "UBSAN_OPTIONS"}) {
    if (const char* v = std::getenv(keep)) vars[keep] = v;
  }
  for (const auto& [k, v] : env) vars[k] = v;
  ProcessOptions opts;
  opts.argv.push_back(MCPGUARD_BINARY);
  opts.argv.insert(opts.argv.end(), args.begin(), args.end());
  opts.env = std::vector<std::string>();
  for (const auto& [k, v] : vars) opts.env->push_back(k + "=" + v);
  opts.cwd = cwd.empty() ? home : cwd;
  opts.timeout_ms = 60'000;
  auto r = RunProcess(opts);
  if (!r) throw std::runtime_error(r.error().ToString());
  if (r->timed_out) throw std::runtime_error("mcpguard timed out");
  return Run{r->exit_code, r->out, r->err};
}

ProcessResult RunGit(const std::vector<std::string>& args) {
  ProcessOptions o;
  o.argv = {"git"};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  o.env = std::vector<std::string>{"PATH=/usr/bin:/bin", "HOME=/nonexistent", "GIT_CONFIG_NOSYSTEM=1", "LC_ALL=C"};
  auto r = RunProcess(o);
  if (!r) throw std::runtime_error(r.error().ToString());
  return *r;
}

}  // namespace mcpguard::test

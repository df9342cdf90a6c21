// Every seed of tests/fuzz/corpus/ and every input a fuzzer once crashed on
// (tests/fuzz/regressions/) run through the fuzz targets' own code on an
// ordinary build, so `make test` keeps them fixed without clang. The
// expectations specific to each crash are in the owning component's tests.
#include <filesystem>
#include <set>

#include <catch2/catch.hpp>

#include "support/temp_dir.h"
#include "targets.h"

namespace mcpguard::fuzz {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> Inputs(const std::string& kind, const std::string& target) {
  std::vector<fs::path> out;
  const fs::path dir = fs::path(MCPGUARD_SOURCE_DIR) / "tests/fuzz" / kind / target;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("fuzz: every target has a seed corpus, and every seed and saved crash replays cleanly", "[fuzz]") {
  std::set<std::string> names;
  for (const Target& t : kTargets) {
    names.insert(t.name);
    const auto seeds = Inputs("corpus", t.name);
    CAPTURE(t.name);
    CHECK_FALSE(seeds.empty());
    std::vector<fs::path> inputs = seeds;
    for (const fs::path& p : Inputs("regressions", t.name)) inputs.push_back(p);
    for (const fs::path& p : inputs) {
      CAPTURE(p.string());
      CHECK(t.run(test::ReadFile(p.string())));
    }
  }
  // A corpus or regressions folder with no target would never run.
  for (const char* kind : {"corpus", "regressions"}) {
    const fs::path dir = fs::path(MCPGUARD_SOURCE_DIR) / "tests/fuzz" / kind;
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir)) {
      CAPTURE(e.path().string());
      CHECK(names.count(e.path().filename().string()) == 1);
    }
  }
}

}  // namespace
}  // namespace mcpguard::fuzz

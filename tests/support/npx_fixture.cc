#include "support/npx_fixture.h"

#include <filesystem>

#include "support/evidence.h"
#include "support/temp_dir.h"

namespace mcpguard::test {

namespace fs = std::filesystem;

std::string NpxFixtureDir() { return std::string(MCPGUARD_TEST_FIXTURES) + "/npx/semver-7.6.3"; }

void SetTreeTimes(const std::string& root, time_t when) {
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    SetTimes(it->path().string(), when);
  }
  SetTimes(root, when);
}

std::string InstallNpxFixture(const std::string& cache, const std::string& spec) {
  const std::string dir = cache + "/_npx/" + NpxKey(spec);
  MakeDirs(cache + "/_npx");
  fs::copy(NpxFixtureDir(), dir, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  SetTreeTimes(dir, kPast);
  return dir;
}

}  // namespace mcpguard::test

// The offline npx cache entry the pinning and baseline e2e tests share:
// tests/fixtures/npx/semver-7.6.3, a trimmed copy of what `npx -y
// semver@7.6.3` wrote, installed into a fake cache with its times in the
// past (so that a change a test makes shows in the stat data).
#pragma once

#include <time.h>

#include <string>

namespace mcpguard::test {

// A fixed past time for fixture files (2020-01-01T00:00:00Z).
inline constexpr time_t kPast = 1577836800;

inline const std::string kSemverSpec = "semver@7.6.3";

// tests/fixtures/npx/semver-7.6.3.
std::string NpxFixtureDir();

// Every file, link and directory below (and including) `root` gets `when`.
void SetTreeTimes(const std::string& root, time_t when);

// Copies the fixture to <cache>/_npx/<key of spec>, as npx lays it out, with
// every time set to kPast; returns that directory.
std::string InstallNpxFixture(const std::string& cache, const std::string& spec = kSemverSpec);

}  // namespace mcpguard::test

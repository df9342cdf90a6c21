// Known-bad and well-known packages (signatures/packages.toml, threats.md §3):
// malicious packages with their advisories and IOCs, vulnerable version
// ranges with CVEs and fixes, and the popular server names that look-alike
// detection compares against. Plus the version arithmetic they need.
//
// Version ranges (the `versions` and `affected` fields) are a small, npm-like
// language, written so that both npm and PyPI versions fit:
//   range      := set ( "||" set )*          any set matches
//   set        := comparator ( (" " | ",") comparator )*   all must match
//   comparator := op? version                op: >= <= > < = == (none: =)
//   "*"                                      every version
// e.g. ">=1.0.16", ">=0.0.5 <0.1.16", "<2025.7.1", "*".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "model/severity.h"

namespace mcpguard::pinning {

struct MaliciousPackage {
  std::string ecosystem;  // "npm" | "pypi"
  std::string name;
  std::string versions;   // a range; "*" for every version
  std::string advisory;   // "MAL-2025-47604" or "GHSA-…"
  std::vector<std::string> aliases;  // other ids of the same report
  std::string summary;    // what it does
  std::vector<std::string> iocs;     // domains, e-mail addresses
  uint32_t line = 0;      // in packages.toml
};

struct VulnerablePackage {
  std::string ecosystem;
  std::string name;
  std::string affected;   // a range
  std::string fixed;      // first fixed version
  std::string cve;        // "CVE-2025-6514"
  std::vector<std::string> aliases;  // "GHSA-…"
  model::Severity severity = model::Severity::kHigh;
  std::string summary;
  uint32_t line = 0;
};

struct PackageRules {
  std::vector<MaliciousPackage> malicious;
  std::vector<VulnerablePackage> vulnerable;
  // Popular server packages and images, by ecosystem ("npm", "pypi",
  // "docker"), for look-alike detection.
  std::vector<std::string> well_known_npm;
  std::vector<std::string> well_known_pypi;
  std::vector<std::string> well_known_docker;

  // Entries for a package, matched on NormalizeName.
  std::vector<const MaliciousPackage*> Malicious(std::string_view ecosystem, std::string_view name) const;
  std::vector<const VulnerablePackage*> Vulnerable(std::string_view ecosystem, std::string_view name) const;
  const std::vector<std::string>& WellKnown(std::string_view ecosystem) const;
};

// Parses a packages.toml text (schema "mcpguard.packages/1"); every problem is
// an Error with the file, line and column.
Result<PackageRules> ParsePackageRules(std::string_view text, const std::string& name);

// From `signatures_dir`/packages.toml, or the built-in copy when empty.
Result<PackageRules> LoadPackageRules(const std::string& signatures_dir);

// <0, 0, >0 like strcmp. Numeric dot-separated components compared as
// numbers, missing ones are 0 (1.2 == 1.2.0), so semver and calendar versions
// (2025.7.1) both order right; a leading "v" or "=" is ignored, "+build" is
// ignored. A suffix ("-beta.1", "rc1", ".dev0") makes a pre-release, lower
// than the release; ".post1" / "-post1" is higher. Pre-release identifiers
// compare as semver does (numbers numerically, below words).
int CompareVersions(std::string_view a, std::string_view b);

// Whether `version` satisfies `range` (the language above); false for an
// invalid range.
bool VersionInRange(std::string_view version, std::string_view range);
bool IsValidRange(std::string_view range);

// The lowest version a requested range can resolve to ("^1.2" -> "1.2.0",
// ">=0.1.16,<1" -> "0.1.16", "<2" -> "0"), or "" when it has no lower bound
// that can be read (a dist-tag, a wildcard).
std::string RangeFloor(std::string_view range);

// Optimal-string-alignment Damerau-Levenshtein distance (insertions,
// deletions, substitutions, adjacent transpositions), on bytes. Strings over
// 256 bytes count as far apart (returns the longer length).
size_t DamerauLevenshtein(std::string_view a, std::string_view b);

// The form names are compared in: PyPI per PEP 503 (lower case, runs of
// -_. as one '-'); npm lower case; docker without "docker.io/",
// "index.docker.io/" and "library/".
std::string NormalizeName(std::string_view ecosystem, std::string_view name);

}  // namespace mcpguard::pinning

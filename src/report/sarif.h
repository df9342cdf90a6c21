// SARIF 2.1.0 (OASIS) for findings, shaped for GitHub code scanning: one run,
// one reportingDescriptor per rule used (from the rule registry, generic for
// an unknown id), one result per finding with its level, message,
// physicalLocation (region only when the line is known) and a stable
// partialFingerprint. No secret: findings hold none.
#pragma once

#include <string>
#include <vector>

#include "model/finding.h"
#include "rules/registry.h"

namespace mcpguard::report {

struct SarifOptions {
  std::string tool_version;
  // Paths under `base_dir` (a repository checkout, the directory the scan ran
  // in) are written relative to uriBaseId %SRCROOT%, as code scanning wants;
  // paths under `home` relative to %HOME%; any other as a file:// URI.
  std::string base_dir;
  std::string home;
};

// "error" (critical, high), "warning" (medium), "note" (low, info).
std::string_view SarifLevel(model::Severity severity);
// GitHub's security-severity: "9.5", "8.0", "5.0", "3.0", "0.0".
std::string_view SecuritySeverity(model::Severity severity);

// The SARIF log, indented, with a final newline.
std::string RenderSarif(const std::vector<model::Finding>& findings, const rules::RuleRegistry& rules,
                        const SarifOptions& options);

}  // namespace mcpguard::report

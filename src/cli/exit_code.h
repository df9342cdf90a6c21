// The process exit status is part of mcpguard's interface; see EXIT STATUS in
// mcpguard(1). Only cli/ turns results into these.
#pragma once

namespace mcpguard::cli {

enum ExitCode : int {
  kExitOk = 0,        // ran; nothing to report
  kExitFindings = 1,  // ran; something to report (an unreadable config: the scan is partial)
  kExitFault = 2,     // could not do the job (usage, unusable catalog, missing permission)
  kExitInterrupted = 130,
};

}  // namespace mcpguard::cli

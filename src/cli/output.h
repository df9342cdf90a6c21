// stderr wording shared by every command: "mcpguard: error: ...",
// "mcpguard: hint: ...". stdout carries only the report.
#pragma once

#include <atomic>
#include <string>

#include "base/error.h"
#include "cli/exit_code.h"

namespace mcpguard::cli {

void PrintError(const std::string& message);
void PrintWarning(const std::string& message);
void PrintHint(const std::string& message);
// Prints `error` and returns kExitFault.
ExitCode ReportFault(const Error& error);
// Writes `text` to stdout; false when stdout is closed (EPIPE).
bool WriteStdout(const std::string& text);

// Set by SIGINT/SIGTERM; long work polls it and stops cleanly.
std::atomic<bool>& Interrupted();
void InstallInterruptHandler();

}  // namespace mcpguard::cli

// What each fuzz target does with one input, as plain functions: the
// libFuzzer entry points (one file per target, LLVMFuzzerTestOneInput) call
// them, and so does the Catch2 replay test (tests/fuzz/replay_test.cc),
// which runs every seed and every saved crash through the same code on an
// ordinary build. Each returns false when an invariant of the reader broke
// (the fuzz target then aborts); a crash or a hang is a bug by itself.
#pragma once

#include <string_view>

namespace mcpguard::fuzz {

struct Target {
  const char* name;  // the folder under corpus/ and regressions/
  bool (*run)(std::string_view input);
};

bool Json(std::string_view input);
bool Toml(std::string_view input);
bool Yaml(std::string_view input);
bool Dotenv(std::string_view input);
bool Mapping(std::string_view input);
bool MinisignPublicKey(std::string_view input);
bool MinisignSecretKey(std::string_view input);
bool MinisignSignature(std::string_view input);
bool Baseline(std::string_view input);
bool Snapshot(std::string_view input);
bool SignatureFiles(std::string_view input);
bool Sse(std::string_view input);
bool JsonRpcBatch(std::string_view input);
bool McpSession(std::string_view input);

inline constexpr Target kTargets[] = {
    {"json", Json},
    {"toml", Toml},
    {"yaml", Yaml},
    {"dotenv", Dotenv},
    {"mapping", Mapping},
    {"minisign_public_key", MinisignPublicKey},
    {"minisign_secret_key", MinisignSecretKey},
    {"minisign_signature", MinisignSignature},
    {"baseline", Baseline},
    {"snapshot", Snapshot},
    {"signature_files", SignatureFiles},
    {"sse", Sse},
    {"jsonrpc_batch", JsonRpcBatch},
    {"mcp_session", McpSession},
};

}  // namespace mcpguard::fuzz

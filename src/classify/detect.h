// Recognising one value as a credential: which rule matches it, and what can
// be decoded from it offline (AWS account id, JWT expiry and role, Sentry
// org). Pure: no I/O, no clock of its own (the caller passes "now").
// The secret itself is only ever in the caller's memory: a Detection holds
// the matched span's offsets, never a copy of the value.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rules/credentials.h"

namespace mcpguard::classify {

struct Detection {
  const rules::CredentialRule* rule = nullptr;
  size_t offset = 0;  // the credential within the value
  size_t length = 0;
  bool checksum_valid = false;  // the rule has a validator and it passed
  // Facts decoded offline, all safe to show: "aws_account" -> "609629065308",
  // "aws_key_type" -> "long-term"/"temporary", "jwt_exp" -> "2026-01-01T00:00:00Z",
  // "jwt_expired" -> "true", "jwt_lifetime_days", "jwt_role" -> "service_role",
  // "jwt_scope" -> "...", "jwt_iss", "jwt_aud", "jwt_sub", "jwt_alg",
  // "jwt_alg_none" -> "true", "sentry_org", "sentry_url", "sentry_region_url",
  // "pem_type", "pem_encrypted" -> "true"/"false"/"unknown", "db_scheme",
  // "db_host", "db_port", "db_user", "db_name", "url_scheme", "url_host",
  // "url_user", "basic_user", "expires" -> "never" ... Never a password;
  // printable ASCII only, at most ~200 characters each.
  std::map<std::string, std::string> facts;
};

// Every credential in `value`, seen under `name` (an env var, header or flag
// name; may be empty). Checksummed rules that fail their checksum do not
// match (documentation examples such as ghp_xxxx...). A value under a
// secret-looking name that no provider rule matches, but that looks random
// enough (length >= 16, entropy), is reported with the "generic-secret" rule
// when the rule set has one. `now_unix` decides JWT expiry.
std::vector<Detection> Detect(std::string_view value, std::string_view name, const rules::CredentialRules& rules,
                              int64_t now_unix);

// The GitHub/npm token checksum (threats.md §1.2): CRC32 of the 30-char body,
// base62 (0-9A-Za-z), 6 chars, zero-padded.
bool GithubChecksumValid(std::string_view token);
// AWS access key id -> 12-digit account id; "" when it cannot be decoded.
std::string AwsAccountId(std::string_view access_key_id);

}  // namespace mcpguard::classify

// Masking credential-looking values before anything is shown or stored.
// This is the conservative first line: values under secret-looking names,
// URL passwords and secret query parameters, known token prefixes and long
// high-entropy words are replaced by kRedacted, whole: no prefix or suffix
// of a secret survives, since a masked "sk-ant-a…IqAA" is still a leak.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/server.h"

namespace mcpguard::classify {

inline constexpr std::string_view kRedacted = "<redacted>";

// "GITHUB_TOKEN", "--api-key", "password", "x-api-key", "Authorization"...
bool SecretLookingName(std::string_view name);

// `text` with every token-looking word masked; URLs inside are passed
// through RedactUrl.
std::string RedactText(std::string_view text);

// userinfo password and secret-looking query values masked, then RedactText.
std::string RedactUrl(std::string_view url);

// Each argument through RedactText, and the value after a secret-looking flag
// ("--token X", "--api-key=X", "API_KEY=X") masked. A value that is only a
// variable reference ("${env:TOKEN}") is kept: it names, it does not hold.
std::vector<std::string> RedactArgs(const std::vector<std::string>& args);

// Masks an artifact's display fields (spec, name, version, flags, remote URL)
// wherever they carry what the server's redacted args mask: a launch parser
// can mistake a secret for a script or package name.
void RedactArtifact(model::Artifact& artifact, const model::Server& server);

// True when `value` is nothing but variable references (and a "Bearer "-style
// scheme word): safe to show.
bool IsReferenceOnly(std::string_view value);

}  // namespace mcpguard::classify

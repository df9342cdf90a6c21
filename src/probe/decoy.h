// Decoy credentials: what a probed server gets instead of the user's secrets.
// A decoy has the real value's shape (the provider's prefix such as "ghp_" or
// "sk-ant-api03-", then as many characters of the same classes: digits stay
// digits, upper case stays upper case, punctuation stays), so a server that
// checks a token's format still starts and lists its tools.
//
// A decoy is derived from a seed (the server and the credential's location),
// never from the secret, so it tells nothing about the secret, and the same
// server gets the same decoys on every probe: a server that echoes its
// configuration into a tool description keeps a stable surface pin.
#pragma once

#include <string>
#include <string_view>

namespace mcpguard::probe {

// The leading part of a token kept as is: "ghp_", "github_pat_",
// "sk-ant-api03-", "xoxb-", "AKIA", "eyJ"; "" when none is recognised.
std::string_view TokenPrefix(std::string_view value);

// A decoy for `value` (see above). A "Bearer xyz"-style value keeps its
// scheme word; "--token=xyz" keeps the flag.
std::string MakeDecoy(std::string_view value, std::string_view seed);

}  // namespace mcpguard::probe

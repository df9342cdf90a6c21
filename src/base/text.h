// Small string helpers with no dependencies.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mcpguard {

bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
std::string ToLower(std::string_view s);
std::string ToUpper(std::string_view s);
std::string_view Trim(std::string_view s);
std::vector<std::string> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
// Shannon entropy in bits per byte: how random a token looks.
double ShannonEntropy(std::string_view s);
// Shell-style glob of one path component: '*' and '?' only.
bool GlobMatch(std::string_view pattern, std::string_view name);
// Quotes an argument for display when it holds spaces or shell metacharacters.
std::string ShellQuote(std::string_view arg);

}  // namespace mcpguard

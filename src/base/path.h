// Path strings. mcpguard keeps paths as '/'-separated strings: a Windows
// layout examined on Linux (--os windows) is still a tree of '/' paths, and
// Windows-style values read from configs ("C:\\tools\\x.exe") are only
// displayed, never opened.
#pragma once

#include <string>
#include <string_view>

namespace mcpguard {

// a + "/" + b without doubled slashes; an absolute b replaces a.
std::string JoinPath(std::string_view a, std::string_view b);
std::string Dirname(std::string_view path);   // "/a/b" -> "/a"; "b" -> "."
std::string Basename(std::string_view path);  // "/a/b" -> "b"
bool IsAbsolutePath(std::string_view path);
// Collapses "//", "/./" and trailing "/"; does not touch "..".
std::string CleanPath(std::string_view path);
// `rel` resolved against the directory `base`, ".." and "." included
// ("/a/b" + "../c" -> "/a/c"); never climbs above "/".
std::string ResolvePath(std::string_view base, std::string_view rel);
// "/home/u/x" -> "~/x" for display, when under `home`.
std::string AbbreviateHome(std::string_view path, std::string_view home);
// "file:///home/u/p%20q" -> "/home/u/p q"; "" when not a local file URI.
std::string FileUriToPath(std::string_view uri);

}  // namespace mcpguard

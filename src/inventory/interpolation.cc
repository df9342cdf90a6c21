#include "inventory/interpolation.h"

#include <array>
#include <cctype>

#include "base/text.h"

namespace mcpguard::inventory {
namespace {

// VS Code / Cursor predefined variables, Claude extension and plugin
// variables, Gemini extension variables.
constexpr std::array<std::string_view, 16> kPredefined = {
    "workspaceFolder", "workspaceFolderBasename", "userHome",       "pathSeparator", "/",
    "cwd",             "__dirname",               "extensionPath",  "workspacePath", "CLAUDE_PLUGIN_ROOT",
    "CLAUDE_PLUGIN_DATA", "CLAUDE_PROJECT_DIR",   "HOME",           "DOCUMENTS",     "DESKTOP",
    "DOWNLOADS"};

bool IsNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

model::Interpolation Classify(std::string_view syntax, std::string_view inner, std::string_view field) {
  model::Interpolation i;
  i.syntax = std::string(syntax);
  i.field = std::string(field);
  auto take = [&](std::string_view kind, std::string_view name) {
    i.kind = std::string(kind);
    i.name = std::string(Trim(name));
    return i;
  };
  if (StartsWith(inner, "env:")) return take("env", inner.substr(4));
  if (StartsWith(inner, "input:")) return take("input", inner.substr(6));
  if (StartsWith(inner, "file:")) return take("file", inner.substr(5));
  if (StartsWith(inner, "user_config.")) return take("user_config", inner.substr(12));
  for (std::string_view p : kPredefined) {
    if (inner == p) {
      // ${HOME} is an environment variable in Claude Code and Gemini, a
      // predefined one in .mcpb manifests; both mean the user's home.
      return take(p == "HOME" ? "env" : "predefined", inner);
    }
  }
  const size_t dflt = inner.find(":-");
  return take("env", dflt == std::string_view::npos ? inner : inner.substr(0, dflt));
}

}  // namespace

std::vector<model::Interpolation> FindInterpolations(std::string_view text, std::string_view field) {
  std::vector<model::Interpolation> out;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '$' && text.substr(i, 3) == "${{") {
      const size_t close = text.find("}}", i + 3);
      if (close == std::string_view::npos) break;
      std::string_view inner = Trim(text.substr(i + 3, close - i - 3));
      const size_t dot = inner.find('.');
      model::Interpolation it;
      it.syntax = std::string(text.substr(i, close + 2 - i));
      it.kind = dot == std::string_view::npos ? "secret" : (StartsWith(inner, "inputs") ? "input" : "secret");
      it.name = std::string(dot == std::string_view::npos ? inner : inner.substr(dot + 1));
      it.field = std::string(field);
      out.push_back(std::move(it));
      i = close + 2;
    } else if (c == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      const size_t close = text.find('}', i + 2);
      if (close == std::string_view::npos) break;
      std::string_view inner = text.substr(i + 2, close - i - 2);
      // The default of ${X:-default} is literal content of the file, possibly
      // a secret: the symbolic form keeps only the variable.
      std::string syntax(text.substr(i, close + 1 - i));
      if (const size_t dflt = inner.find(":-"); dflt != std::string_view::npos) {
        syntax = "${" + std::string(inner.substr(0, dflt)) + ":-…}";
      }
      if (!inner.empty()) out.push_back(Classify(syntax, inner, field));
      i = close + 1;
    } else if (c == '$' && i + 1 < text.size() && IsNameStart(text[i + 1])) {
      size_t j = i + 1;
      while (j < text.size() && IsNameChar(text[j])) ++j;
      model::Interpolation it;
      it.syntax = std::string(text.substr(i, j - i));
      it.kind = "env";
      it.name = std::string(text.substr(i + 1, j - i - 1));
      it.field = std::string(field);
      out.push_back(std::move(it));
      i = j;
    } else if (c == '{' && (text.substr(i, 5) == "{env:" || text.substr(i, 6) == "{file:") &&
               (i == 0 || text[i - 1] != '$')) {
      const size_t close = text.find('}', i);
      if (close == std::string_view::npos) break;
      out.push_back(Classify(text.substr(i, close + 1 - i), text.substr(i + 1, close - i - 1), field));
      i = close + 1;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace mcpguard::inventory

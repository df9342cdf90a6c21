// mcpguard_sigc OUT.cc FILE.toml...: the build step that compiles
// signatures/*.toml into the binary. Each file is parsed here, at build time
// (a malformed one fails the build with path:line:col), and embedded as
// compact JSON: the same tree, but read at run time by the JSON parser, which
// is about ten times cheaper than toml++ on these files, and `verify` runs
// before every server launch. ParseSignatureText tells the two forms apart by
// the first byte ('{' cannot start a TOML document).
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include "base/file.h"
#include "base/path.h"
#include "formats/parse.h"

namespace {

using mcpguard::formats::Kind;
using mcpguard::formats::Node;

void Quote(std::string_view s, std::string& out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out.push_back('"');
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      out += "\\u00";
      out.push_back(kDigits[u >> 4]);
      out.push_back(kDigits[u & 15]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

bool Write(const Node& n, std::string& out) {
  switch (n.kind) {
    case Kind::kNull: out += "null"; return true;
    case Kind::kBool: out += n.boolean ? "true" : "false"; return true;
    case Kind::kInt: out += std::to_string(n.integer); return true;
    case Kind::kFloat: {
      if (!std::isfinite(n.number)) return false;  // JSON has no inf or nan
      char buf[64];
      auto r = std::to_chars(buf, buf + sizeof buf, n.number);
      std::string text(buf, r.ptr);
      // Keep it a float when read back: 2.0 prints as "2".
      if (text.find_first_of(".e") == std::string::npos) text += ".0";
      out += text;
      return true;
    }
    case Kind::kString: Quote(n.str, out); return true;
    case Kind::kArray: {
      out.push_back('[');
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (i > 0) out.push_back(',');
        if (!Write(n.items[i], out)) return false;
      }
      out.push_back(']');
      return true;
    }
    case Kind::kObject: {
      out.push_back('{');
      for (size_t i = 0; i < n.members.size(); ++i) {
        if (i > 0) out.push_back(',');
        Quote(n.members[i].key, out);
        out.push_back(':');
        if (!Write(n.members[i].value, out)) return false;
      }
      out.push_back('}');
      return true;
    }
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs("usage: mcpguard_sigc OUT.cc FILE.toml...\n", stderr);
    return 2;
  }
  std::string body =
      "// Generated from signatures/ by mcpguard_sigc (src/rules/sigc_main.cc); do not edit.\n"
      "#include \"rules/embedded.h\"\n"
      "namespace mcpguard::rules {\n"
      "const std::vector<EmbeddedFile>& EmbeddedSignatures() {\n"
      "  static const std::vector<EmbeddedFile> files = {\n";
  for (int i = 2; i < argc; ++i) {
    const std::string path = argv[i];
    auto text = mcpguard::ReadFileCapped(path);
    if (!text) {
      std::fprintf(stderr, "%s\n", text.error().ToString().c_str());
      return 1;
    }
    auto doc = mcpguard::formats::Parse(*text, mcpguard::formats::Format::kToml);
    if (!doc) {
      mcpguard::Error e = doc.error();
      e.path = path;
      std::fprintf(stderr, "%s\n", e.ToString().c_str());
      return 1;
    }
    std::string json;
    if (!Write(doc->root, json)) {
      std::fprintf(stderr, "%s: a value JSON cannot hold (inf or nan)\n", path.c_str());
      return 1;
    }
    if (json.find(")MCPG\"") != std::string::npos) {
      std::fprintf(stderr, "%s: contains the raw-string delimiter )MCPG\"\n", path.c_str());
      return 1;
    }
    body += "    {\"" + mcpguard::Basename(path) + "\", R\"MCPG(" + json + ")MCPG\"},\n";
  }
  body += "  };\n  return files;\n}\n}  // namespace mcpguard::rules\n";
  if (auto r = mcpguard::WriteFileAtomic(argv[1], body, 0644); !r) {
    std::fprintf(stderr, "%s\n", r.error().ToString().c_str());
    return 1;
  }
  return 0;
}

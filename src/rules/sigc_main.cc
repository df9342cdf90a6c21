// mcpguard_sigc OUT.cc FILE.toml...: the build step that compiles
// signatures/*.toml into the binary. Each file is parsed here, at build time
// (a malformed one fails the build with path:line:col), and embedded as
// compact JSON: the same tree, but read at run time by the JSON parser, which
// is about ten times cheaper than toml++ on these files, and `verify` runs
// before every server launch. ParseSignatureText tells the two forms apart by
// the first byte ('{' cannot start a TOML document).
//
// The two files every run reads, credentials.toml and hosts.toml, are also
// read here by their own parsers (every credential pattern compiled once to
// check it) and written out as C++ that builds the parsed structs: parsing
// them at run time was a tenth of a `verify`. See BuiltinCredentialRules.
#include <bitset>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include "base/file.h"
#include "base/path.h"
#include "formats/parse.h"
#include "rules/catalog.h"
#include "rules/credentials.h"

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


// ---------------------------------------------------------------- C++ out

using mcpguard::Os;
using mcpguard::rules::Catalog;
using mcpguard::rules::CredentialRule;
using mcpguard::rules::CredentialRules;
using mcpguard::rules::Family;
using mcpguard::rules::FileSpec;
using mcpguard::rules::HostSpec;
using mcpguard::rules::ProjectSource;

// A C++ string literal of `s`, byte for byte: octal escapes (always three
// digits, so a following digit cannot extend one) for anything but plain
// printable ASCII; '?' too, so no trigraph can form.
std::string Literal(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f && c != '"' && c != '\\' && c != '?') {
      out.push_back(c);
    } else {
      out.push_back('\\');
      out.push_back(static_cast<char>('0' + ((u >> 6) & 7)));
      out.push_back(static_cast<char>('0' + ((u >> 3) & 7)));
      out.push_back(static_cast<char>('0' + (u & 7)));
    }
  }
  return out + "\"";
}

// std::string(literal, length): no strlen at run time, and a NUL in the
// value survives.
std::string StringOf(std::string_view s) { return "std::string(" + Literal(s) + ", " + std::to_string(s.size()) + ")"; }

// A bitset<256> expression built from four 64-bit words: cheaper at run
// time than reading a string of 256 '0' and '1'.
std::string BitsetOf(const std::bitset<256>& bits) {
  std::string out;
  for (int word = 3; word >= 0; --word) {
    unsigned long long v = 0;
    for (int b = 63; b >= 0; --b) v = (v << 1) | (bits.test(static_cast<size_t>(word * 64 + b)) ? 1u : 0u);
    if (!out.empty()) out += " | ";
    out += "(std::bitset<256>(" + std::to_string(v) + "ull) << " + std::to_string(word * 64) + ")";
  }
  return out;
}

class Emitter {
 public:
  explicit Emitter(std::string& out) : out_(out) {}

  void Str(const std::string& lhs, const std::string& v) {
    if (!v.empty()) Line(lhs + ".assign(" + Literal(v) + ", " + std::to_string(v.size()) + ");");
  }
  void Bool(const std::string& lhs, bool v) { Line(lhs + " = " + (v ? "true;" : "false;")); }
  void Int(const std::string& lhs, long long v) { Line(lhs + " = " + std::to_string(v) + ";"); }
  void Size(const std::string& lhs, size_t v) { Line(lhs + " = static_cast<size_t>(" + std::to_string(v) + "ull);"); }
  template <class Enum>
  void EnumOf(const std::string& lhs, const char* type, Enum v) {
    Line(lhs + " = static_cast<" + type + ">(" + std::to_string(static_cast<int>(v)) + ");");
  }
  void Strings(const std::string& lhs, const std::vector<std::string>& v) {
    if (v.empty()) return;
    Line(lhs + ".reserve(" + std::to_string(v.size()) + ");");
    for (const std::string& s : v) Line(lhs + ".emplace_back(" + Literal(s) + ", " + std::to_string(s.size()) + ");");
  }
  template <class Map>
  void StringMap(const std::string& lhs, const Map& m) {
    for (const auto& [k, v] : m) Line(lhs + ".emplace(" + StringOf(k) + ", " + StringOf(v) + ");");
  }
  // Every key, an empty list too: the parser creates one per OS.
  void OsPaths(const std::string& lhs, const std::map<Os, std::vector<std::string>>& m) {
    for (const auto& [os, list] : m) {
      const std::string entry = lhs + "[static_cast<Os>(" + std::to_string(static_cast<int>(os)) + ")]";
      if (list.empty()) {
        Line(entry + ";");
        continue;
      }
      Line("{");
      Line("  std::vector<std::string>& v = " + entry + ";");
      Strings("  v", list);
      Line("}");
    }
  }
  void Line(const std::string& text) { out_ += "  " + text + "\n"; }

 private:
  std::string& out_;
};

void EmitRule(const CredentialRule& r, size_t index, std::string& out) {
  out += "void Rule" + std::to_string(index) + "(CredentialRule& r) {\n";
  Emitter e(out);
  e.Str("r.id", r.id);
  e.Str("r.provider", r.provider);
  e.Str("r.kind", r.kind);
  e.Str("r.scope", r.scope);
  e.Str("r.blast_radius", r.blast_radius);
  e.EnumOf("r.severity", "model::Severity", r.severity);
  e.Str("r.remediation", r.remediation);
  e.Bool("r.live", r.live);
  e.Bool("r.public_by_design", r.public_by_design);
  e.Bool("r.long_lived", r.long_lived);
  e.Str("r.pattern_text", r.pattern_text);
  e.Strings("r.required", r.required);
  e.Strings("r.required_nocase", r.required_nocase);
  e.Size("r.min_length", r.min_length);
  e.Size("r.max_length", r.max_length);
  if (!r.alphabet.all()) e.Line("r.alphabet = " + BitsetOf(r.alphabet) + ";");
  e.Bool("r.search", r.search);
  e.Strings("r.names", r.names);
  e.Bool("r.needs_name", r.needs_name);
  e.Str("r.validator", r.validator);
  e.Str("r.decoder", r.decoder);
  e.StringMap("r.when", r.when);
  e.Strings("r.owners", r.owners);
  e.Strings("r.examples", r.examples);
  e.Strings("r.non_examples", r.non_examples);
  out += "}\n\n";
}

std::string EmitCredentialRules(const CredentialRules& rules) {
  std::string out = "namespace credentials {\n\n";
  for (size_t i = 0; i < rules.rules.size(); ++i) EmitRule(rules.rules[i], i, out);
  out += "}  // namespace credentials\n\nCredentialRules BuiltinCredentialRules() {\n  CredentialRules out;\n";
  out += "  out.rules.resize(" + std::to_string(rules.rules.size()) + ");\n";
  for (size_t i = 0; i < rules.rules.size(); ++i) {
    out += "  credentials::Rule" + std::to_string(i) + "(out.rules[" + std::to_string(i) + "]);\n";
  }
  return out + "  return out;\n}\n\n";
}

void EmitFile(Emitter& e, const FileSpec& f) {
  e.EnumOf("f.scope", "model::Scope", f.scope);
  e.EnumOf("f.format", "formats::Format", f.format);
  e.Strings("f.servers", f.servers);
  e.Strings("f.foreign_servers", f.foreign_servers);
  e.Bool("f.list", f.list);
  e.Bool("f.optional", f.optional);
  e.Bool("f.single", f.single);
  e.Str("f.extension_settings", f.extension_settings);
  e.Str("f.nested", f.nested);
  e.Str("f.nested_servers", f.nested_servers);
  e.EnumOf("f.nested_scope", "model::Scope", f.nested_scope);
  e.Str("f.nested_disabled", f.nested_disabled);
  e.Int("f.timeout_unit_ms", f.timeout_unit_ms);
  e.Str("f.url_transport", f.url_transport);
  e.OsPaths("f.paths", f.paths);
  e.Strings("f.project_paths", f.project_paths);
}

std::string EmitCatalog(const Catalog& c) {
  std::string out = "namespace catalog {\n\n";
  for (size_t i = 0; i < c.hosts.size(); ++i) {
    const HostSpec& h = c.hosts[i];
    out += "void Host" + std::to_string(i) + "(HostSpec& h) {\n";
    Emitter e(out);
    e.Str("h.id", h.id);
    e.Str("h.name", h.name);
    e.Line("h.files.resize(" + std::to_string(h.files.size()) + ");");
    for (size_t k = 0; k < h.files.size(); ++k) {
      e.Line("{");
      e.Line("FileSpec& f = h.files[" + std::to_string(k) + "];");
      EmitFile(e, h.files[k]);
      e.Line("}");
    }
    out += "}\n\n";
  }
  out += "}  // namespace catalog\n\nCatalog BuiltinCatalog() {\n  Catalog c;\n";
  Emitter e(out);
  e.Line("c.hosts.resize(" + std::to_string(c.hosts.size()) + ");");
  for (size_t i = 0; i < c.hosts.size(); ++i) {
    e.Line("catalog::Host" + std::to_string(i) + "(c.hosts[" + std::to_string(i) + "]);");
  }
  e.Line("c.project_sources.resize(" + std::to_string(c.project_sources.size()) + ");");
  for (size_t i = 0; i < c.project_sources.size(); ++i) {
    const ProjectSource& s = c.project_sources[i];
    e.Line("{");
    e.Line("ProjectSource& s = c.project_sources[" + std::to_string(i) + "];");
    e.Str("s.host", s.host);
    e.EnumOf("s.format", "formats::Format", s.format);
    e.OsPaths("s.paths", s.paths);
    e.Str("s.keys_of", s.keys_of);
    e.Str("s.value", s.value);
    e.Line("}");
  }
  for (const auto& [name, f] : c.families) {
    e.Line("{");
    e.Line("Family& f = c.families[" + StringOf(name) + "];");
    e.Strings("f.members", f.members);
    e.OsPaths("f.paths", f.paths);
    e.Strings("f.extra", f.extra);
    e.Line("}");
  }
  e.StringMap("c.variable_defaults", c.variable_defaults);
  e.Strings("c.walk_skip", c.walk_skip);
  e.Strings("c.path_fallbacks", c.path_fallbacks);
  return out + "  return c;\n}\n\n";
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
  std::string tables;
  bool have_credentials = false;
  bool have_catalog = false;
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
    const std::string name = mcpguard::Basename(path);
    body += "    {\"" + name + "\", R\"MCPG(" + json + ")MCPG\"},\n";
    if (name == "credentials.toml") {
      auto rules = mcpguard::rules::ParseCredentialRules(*text, path, /*compile_now=*/true);
      if (!rules) {
        std::fprintf(stderr, "%s\n", rules.error().ToString().c_str());
        return 1;
      }
      tables += EmitCredentialRules(*rules);
      have_credentials = true;
    } else if (name == "hosts.toml") {
      auto catalog = mcpguard::rules::ParseCatalog(*text, path);
      if (!catalog) {
        std::fprintf(stderr, "%s\n", catalog.error().ToString().c_str());
        return 1;
      }
      tables += EmitCatalog(*catalog);
      have_catalog = true;
    }
  }
  if (!have_credentials || !have_catalog) {
    std::fputs("mcpguard_sigc: credentials.toml and hosts.toml must both be given\n", stderr);
    return 1;
  }
  body += "  };\n  return files;\n}\n\n" + tables + "}  // namespace mcpguard::rules\n";
  if (auto r = mcpguard::WriteFileAtomic(argv[1], body, 0644); !r) {
    std::fprintf(stderr, "%s\n", r.error().ToString().c_str());
    return 1;
  }
  return 0;
}

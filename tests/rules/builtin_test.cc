// The built-in credential rules and host catalog are compiled to C++ at build
// time (src/rules/sigc_main.cc); these tests hold them to what parsing the
// signatures/ files in the source tree gives, field by field, and to a few
// values read by hand from those files.
#include <catch2/catch.hpp>

#include "base/file.h"
#include "rules/catalog.h"
#include "rules/credentials.h"
#include "rules/embedded.h"
#include "support/temp_dir.h"

namespace mcpguard::rules {
namespace {

std::string SourceFile(const char* name) { return std::string(MCPGUARD_SOURCE_DIR) + "/signatures/" + name; }

// Every field of a CredentialRule but the compiled pattern, which both sides
// leave to first use.
void CheckSameRule(const CredentialRule& got, const CredentialRule& want) {
  CAPTURE(want.id);
  CHECK(got.id == want.id);
  CHECK(got.provider == want.provider);
  CHECK(got.kind == want.kind);
  CHECK(got.scope == want.scope);
  CHECK(got.blast_radius == want.blast_radius);
  CHECK(got.severity == want.severity);
  CHECK(got.remediation == want.remediation);
  CHECK(got.live == want.live);
  CHECK(got.public_by_design == want.public_by_design);
  CHECK(got.long_lived == want.long_lived);
  CHECK(got.pattern_text == want.pattern_text);
  CHECK(got.required == want.required);
  CHECK(got.required_nocase == want.required_nocase);
  CHECK(got.min_length == want.min_length);
  CHECK(got.max_length == want.max_length);
  CHECK(got.alphabet == want.alphabet);
  CHECK(got.search == want.search);
  CHECK(got.names == want.names);
  CHECK(got.needs_name == want.needs_name);
  CHECK(got.validator == want.validator);
  CHECK(got.decoder == want.decoder);
  CHECK(got.when == want.when);
  CHECK(got.owners == want.owners);
  CHECK(got.examples == want.examples);
  CHECK(got.non_examples == want.non_examples);
  CHECK(got.pattern == nullptr);  // compiled on first use, not at start-up
}

TEST_CASE("the built-in credential rules are credentials.toml's, rule by rule", "[rules][builtin]") {
  const std::string path = SourceFile("credentials.toml");
  auto text = ReadFileCapped(path);
  REQUIRE(text);
  auto parsed = ParseCredentialRules(*text, path, /*compile_now=*/false);
  REQUIRE(parsed);
  auto built_in = LoadCredentialRules("");
  REQUIRE(built_in);
  REQUIRE(built_in->rules.size() == parsed->rules.size());
  for (size_t i = 0; i < parsed->rules.size(); ++i) CheckSameRule(built_in->rules[i], parsed->rules[i]);
}

TEST_CASE("a built-in credential rule holds what credentials.toml says", "[rules][builtin]") {
  auto rules = LoadCredentialRules("");
  REQUIRE(rules);
  // Written from signatures/credentials.toml's [[rule]] github-classic-pat.
  const CredentialRule* gh = rules->Find("github-classic-pat");
  REQUIRE(gh != nullptr);
  CHECK(gh->provider == "GitHub");
  CHECK(gh->kind == "classic personal access token");
  CHECK(gh->blast_radius == "admin");
  CHECK(gh->severity == Severity::kHigh);
  CHECK(gh->live);
  CHECK(gh->long_lived);
  CHECK_FALSE(gh->public_by_design);
  CHECK(gh->search);
  CHECK(gh->pattern_text == "\\bghp_[A-Za-z0-9]{36,}");  // '{36,251}' relaxed, see credentials.cc
  CHECK(gh->required == std::vector<std::string>{"ghp_"});
  CHECK(gh->min_length == 40);
  CHECK(gh->max_length == kNoMaxLength);  // '{36,}' has no upper bound
  CHECK(gh->names == std::vector<std::string>{"GITHUB_PERSONAL_ACCESS_TOKEN", "GITHUB_TOKEN", "GH_TOKEN"});
  CHECK(gh->validator == "github-crc32");
  CHECK(gh->decoder.empty());
  CHECK(gh->owners.size() == 5);
  CHECK(gh->owners.front() == "@modelcontextprotocol/server-github");
  CHECK(gh->examples.front() == "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");
  CHECK(gh->non_examples.back() == "ghp_short");
  // ... and [[rule]] supabase-service-role-jwt, the one with a "when".
  const CredentialRule* supabase = rules->Find("supabase-service-role-jwt");
  REQUIRE(supabase != nullptr);
  CHECK(supabase->severity == Severity::kCritical);
  CHECK(supabase->decoder == "jwt");
  CHECK(supabase->when == std::map<std::string, std::string>{{"jwt_role", "service_role"}});
  CHECK(supabase->names == std::vector<std::string>{"SUPABASE_SERVICE_ROLE_KEY", "SUPABASE_KEY"});
  // A built-in pattern compiles on first use, as the build checked it would.
  supabase->Pattern();
  CHECK(supabase->pattern != nullptr);
}

TEST_CASE("each load of the built-in rules is a fresh copy", "[rules][builtin]") {
  auto a = LoadCredentialRules("");
  auto b = LoadCredentialRules("");
  REQUIRE(a);
  REQUIRE(b);
  a->rules.front().id = "changed";
  a->rules.front().Pattern();
  CHECK(b->rules.front().id == "github-classic-pat");
  CHECK(b->rules.front().pattern == nullptr);
}

TEST_CASE("the built-in catalog is hosts.toml's", "[rules][builtin]") {
  const std::string path = SourceFile("hosts.toml");
  auto text = ReadFileCapped(path);
  REQUIRE(text);
  auto parsed = ParseCatalog(*text, path);
  REQUIRE(parsed);
  auto built_in = LoadCatalog("");
  REQUIRE(built_in);
  REQUIRE(built_in->hosts.size() == parsed->hosts.size());
  for (size_t i = 0; i < parsed->hosts.size(); ++i) {
    CAPTURE(parsed->hosts[i].id);
    CHECK(built_in->hosts[i] == parsed->hosts[i]);
  }
  CHECK(built_in->project_sources == parsed->project_sources);
  CHECK(built_in->families == parsed->families);
  CHECK(built_in->variable_defaults == parsed->variable_defaults);
  CHECK(built_in->walk_skip == parsed->walk_skip);
  CHECK(built_in->path_fallbacks == parsed->path_fallbacks);
  CHECK(*built_in == *parsed);  // and any field added later
}

TEST_CASE("the built-in catalog holds what hosts.toml says", "[rules][builtin]") {
  auto c = LoadCatalog("");
  REQUIRE(c);
  // Written from signatures/hosts.toml: [[host]] claude-desktop ...
  const HostSpec* desktop = c->FindHost("claude-desktop");
  REQUIRE(desktop != nullptr);
  CHECK(desktop->name == "Claude Desktop");
  REQUIRE(desktop->files.size() == 2);
  const FileSpec& config = desktop->files[0];
  CHECK(config.scope == model::Scope::kUser);
  CHECK(config.format == formats::Format::kJson);
  CHECK(config.servers == std::vector<std::string>{"mcpServers"});
  CHECK(config.paths.at(Os::kLinux) == std::vector<std::string>{"$XDG_CONFIG_HOME/Claude/claude_desktop_config.json"});
  CHECK(config.paths.at(Os::kMacos) ==
        std::vector<std::string>{"~/Library/Application Support/Claude/claude_desktop_config.json"});
  CHECK(config.paths.at(Os::kWindows).size() == 2);
  const FileSpec& extensions = desktop->files[1];
  CHECK(extensions.scope == model::Scope::kExtension);
  CHECK(extensions.single);
  CHECK(extensions.extension_settings == "../../Claude Extensions Settings/{id}.json");
  // ... claude-code's ~/.claude.json, "any" standing for every OS ...
  const HostSpec* code = c->FindHost("claude-code");
  REQUIRE(code != nullptr);
  const FileSpec& claude_json = code->files.front();
  CHECK(claude_json.optional);
  CHECK(claude_json.nested == "projects");
  CHECK(claude_json.nested_servers == "mcpServers");
  CHECK(claude_json.nested_scope == model::Scope::kLocal);
  CHECK(claude_json.nested_disabled == "disabledMcpServers");
  for (Os os : {Os::kLinux, Os::kMacos, Os::kWindows}) {
    CHECK(claude_json.paths.at(os) == std::vector<std::string>{"~/.claude.json", "$CLAUDE_CONFIG_DIR/.claude.json"});
  }
  // ... the tables at the top, and the project sources at the end.
  CHECK(c->variable_defaults.at("XDG_CONFIG_HOME") == "~/.config");
  CHECK(c->variable_defaults.at("PROGRAMFILES") == "/Program Files");
  CHECK(c->walk_skip.front() == ".git");
  CHECK(c->path_fallbacks.back() == "/Applications/Docker.app/Contents/Resources/bin");
  REQUIRE(c->families.count("vscode") == 1);
  CHECK(c->families.at("vscode").members.size() == 11);
  CHECK(c->families.at("vscode").extra.front() == "~/.vscode-server/data/User");
  REQUIRE(c->project_sources.size() >= 3);
  CHECK(c->project_sources[0].host == "claude-code");
  CHECK(c->project_sources[0].keys_of == "projects");
  CHECK(c->project_sources[1].host == "vscode");
  CHECK(c->project_sources[1].value == "folder");
  CHECK(c->project_sources[2].format == formats::Format::kToml);
}

TEST_CASE("a signatures directory is still parsed and checked at load", "[rules][builtin]") {
  auto rules = LoadCredentialRules(std::string(MCPGUARD_SOURCE_DIR) + "/signatures");
  REQUIRE(rules);
  // Compiled at load, unlike the built-in copy: a bad pattern is an error there.
  for (const CredentialRule& r : rules->rules) {
    CAPTURE(r.id);
    CHECK(r.pattern != nullptr);
  }
  auto catalog = LoadCatalog(std::string(MCPGUARD_SOURCE_DIR) + "/signatures");
  REQUIRE(catalog);
  CHECK(catalog->FindHost("claude-desktop") != nullptr);

  test::TempDir dir;
  const std::string file = dir.Write("credentials.toml",
                                     "schema = \"mcpguard.credentials/1\"\n"
                                     "[[rule]]\n"
                                     "id = \"bad\"\nprovider = \"P\"\nkind = \"k\"\nscope = \"s\"\n"
                                     "blast_radius = \"write\"\nseverity = \"high\"\nremediation = \"r\"\n"
                                     "pattern = 'ab(c'\n");
  auto bad = LoadCredentialRules(dir.path());
  REQUIRE_FALSE(bad);
  CHECK(bad.error().ToString() == file + ":10:11: rule \"bad\": invalid pattern: missing ): ab(c");
  dir.Write("hosts.toml", "schema = \"mcpguard.hosts/1\"\n[[host]]\nid = \"h\"\nname = \"H\"\n");
  auto no_files = LoadCatalog(dir.path());
  REQUIRE_FALSE(no_files);
  CHECK(no_files.error().message == "host \"h\" needs at least one [[host.file]]");
}

}  // namespace
}  // namespace mcpguard::rules

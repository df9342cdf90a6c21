#include "rules/credentials.h"

#include "rules/signature_file.h"

#include <bitset>

#include <catch2/catch.hpp>

#include "support/temp_dir.h"

namespace mcpguard::rules {
namespace {

// A minimal valid rule, with one field replaced by the caller.
std::string RuleText(const std::string& id, const std::string& extra = "", const std::string& severity = "high",
                     const std::string& pattern = "'abc[0-9]+'") {
  return "[[rule]]\n"
         "id = \"" + id + "\"\n"
         "provider = \"P\"\n"
         "kind = \"k\"\n"
         "scope = \"s\"\n"
         "blast_radius = \"write\"\n"
         "severity = \"" + severity + "\"\n"
         "remediation = \"r\"\n"
         "pattern = " + pattern + "\n" + extra;
}

const std::string kSchema = "schema = \"mcpguard.credentials/1\"\n";

TEST_CASE("the built-in credential rules load", "[rules][credentials]") {
  auto rules = LoadCredentialRules("");
  REQUIRE(rules);
  CHECK(rules->rules.size() >= 70);
  for (const char* id : {"github-classic-pat", "github-fine-grained-pat", "gitlab-pat", "slack-bot-token",
                         "slack-session-token", "slack-session-cookie", "stripe-live-secret-key",
                         "stripe-publishable-key", "aws-access-key-id", "aws-temporary-access-key-id",
                         "aws-secret-access-key", "openai-project-key", "anthropic-api-key", "postmark-server-token",
                         "postmark-account-token", "supabase-service-role-jwt", "sentry-org-token", "npm-token",
                         "configcat-api-user", "configcat-api-pass", "db-url", "url-userinfo", "jwt",
                         "pem-private-key", "basic-auth", "generic-secret"}) {
    CAPTURE(id);
    const CredentialRule* r = rules->Find(id);
    REQUIRE(r != nullptr);
    CHECK_FALSE(r->pattern_text.empty());
  }
  CHECK(rules->Find("no-such-rule") == nullptr);
  // The fallback is tried last whatever its place, but keeping it last in
  // the file keeps "first rule wins" true when reading the file.
  CHECK(rules->rules.back().id == std::string(kGenericSecretId));
}

TEST_CASE("every built-in rule is complete and consistent", "[rules][credentials]") {
  auto rules = LoadCredentialRules("");
  REQUIRE(rules);
  for (const CredentialRule& r : rules->rules) {
    CAPTURE(r.id);
    CHECK_FALSE(r.examples.empty());
    CHECK_FALSE(r.non_examples.empty());
    CHECK_FALSE(r.pattern_text.empty());
    if (r.needs_name) CHECK_FALSE(r.names.empty());
    if (r.public_by_design) CHECK(r.severity == Severity::kInfo);
    if (!r.live) CHECK(r.severity <= Severity::kLow);
    for (const std::string& n : r.names) {
      CAPTURE(n);
      CHECK(n.find('-') == std::string::npos);  // names are compared with '-' read as '_'
    }
  }
}

TEST_CASE("live, admin and money-moving keys rank above test and public ones", "[rules][credentials]") {
  auto rules = LoadCredentialRules("");
  REQUIRE(rules);
  auto severity = [&](const char* id) {
    const CredentialRule* r = rules->Find(id);
    REQUIRE(r != nullptr);
    return r->severity;
  };
  CHECK(severity("stripe-live-secret-key") > severity("stripe-test-secret-key"));
  CHECK(severity("stripe-live-restricted-key") > severity("stripe-test-restricted-key"));
  CHECK(severity("stripe-publishable-key") == Severity::kInfo);
  CHECK(severity("supabase-service-role-jwt") == Severity::kCritical);
  CHECK(severity("supabase-anon-jwt") == Severity::kInfo);
  CHECK(severity("postmark-account-token") > severity("postmark-server-token"));
  CHECK(severity("openai-admin-key") > severity("openai-project-key"));
  CHECK(severity("twilio-account-sid") == Severity::kInfo);
  CHECK(severity("generic-secret") <= Severity::kMedium);
}

TEST_CASE("every built-in pattern compiles, as a --signatures copy would at load", "[rules][credentials]") {
  // The built-in rules are compiled lazily in a scan; this is where a bad
  // one would be caught instead.
  auto file = ReadSignatureFile("", "credentials.toml");
  REQUIRE(file);
  auto eager = ParseCredentialRules(file->text, file->name, true);
  REQUIRE(eager);
  for (const CredentialRule& r : eager->rules) {
    CAPTURE(r.id);
    CHECK(r.pattern != nullptr);
  }
}

TEST_CASE("a rule's filter is what every match of its pattern holds", "[rules][credentials]") {
  auto rules = LoadCredentialRules("");
  REQUIRE(rules);
  auto filter = [&](const char* id) {
    const CredentialRule* r = rules->Find(id);
    REQUIRE(r != nullptr);
    return std::pair(r->required, r->min_length);
  };
  using Strings = std::vector<std::string>;
  // '\bghp_[A-Za-z0-9]{36,251}'
  CHECK(filter("github-classic-pat") == std::pair(Strings{"ghp_"}, size_t{40}));
  // '\bnpm_[A-Za-z0-9]{36}\b'
  CHECK(filter("npm-token") == std::pair(Strings{"npm_"}, size_t{40}));
  // '\bsk_(?:live|prod)_[A-Za-z0-9]{10,247}': the group's alternatives only
  // count towards the length.
  CHECK(filter("stripe-live-secret-key") == std::pair(Strings{"sk_", "_"}, size_t{18}));
  // '[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}'
  CHECK(filter("mailgun-api-key") == std::pair(Strings{"-"}, size_t{50}));
  // '\b[A-Za-z][A-Za-z0-9+.-]{1,15}://[^\s:/@]+:[^\s@/?#]+@[^\s/?#@"\x27]+(?:[/?#][^\s"\x27]*)?'
  CHECK(filter("url-userinfo") == std::pair(Strings{"://", ":", "@"}, size_t{10}));
  // '\b(?:postgres(?:ql)?|mysql|...|rediss?|amqps?)://[^\s:/@]*:[^\s@/?#]+@...': "amqp" is the shortest scheme.
  CHECK(filter("db-url") == std::pair(Strings{"://", ":", "@"}, size_t{11}));
  // '\b(?i:basic)\s+([A-Za-z0-9+/]{6,}={0,2})': "basic" in any case, cut at
  // the 's' that (?i) also matches as U+017F.
  CHECK(filter("basic-auth") == std::pair(Strings{}, size_t{12}));
  CHECK(rules->Find("basic-auth")->required_nocase == Strings{"ba", "ic"});
  CHECK(rules->Find("github-classic-pat")->required_nocase.empty());
  // '[!-~]{16,1000}'
  CHECK(filter("generic-secret") == std::pair(Strings{}, size_t{16}));
  // '(?i)...': a flag at the top changes every literal after it.
  CHECK(filter("postmark-server-token") == std::pair(Strings{}, size_t{0}));
}

TEST_CASE("every built-in rule's examples pass its filter", "[rules][credentials]") {
  // The examples are written by hand to match: a filter that refused one
  // would hide that credential without the pattern ever seeing it.
  auto rules = LoadCredentialRules("");
  REQUIRE(rules);
  for (const CredentialRule& r : rules->rules) {
    for (const std::string& example : r.examples) {
      CAPTURE(r.id, example);
      CHECK(example.size() >= r.min_length);
      for (const std::string& text : r.required) CHECK(example.find(text) != std::string::npos);
      std::string lower = example;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      for (const std::string& text : r.required_nocase) CHECK(lower.find(text) != std::string::npos);
    }
  }
}

TEST_CASE("a pattern's filter is read conservatively", "[rules][credentials]") {
  struct Case {
    std::string pattern;
    std::vector<std::string> required;
    size_t min_length;
  };
  const Case cases[] = {
      {"abc", {"abc"}, 3},
      {"ab+c", {"ab", "c"}, 3},           // b repeats: "abc" need not occur
      {"a?bc", {"bc"}, 2},                // an optional character is no part of it
      {"a*?b{2,5}c", {"b", "c"}, 3},      // non-greedy and counted repeats
      {"a{3}", {"a"}, 3},
      {"x\\.com/\\d+", {"x.com/"}, 7},    // escaped punctuation is itself
      {"^ab$", {"ab"}, 2},
      {"\\bxy\\b", {"xy"}, 2},
      {"(a|bc)d", {"d"}, 2},              // the shortest alternative
      {"a(?:bc)*d", {"a", "d"}, 2},
      {"(?P<n>xy)z", {"z"}, 3},
      {"(?s:a.)c", {"c"}, 3},
      {"[]a]b", {"b"}, 2},                // a leading ']' belongs to the class
      {"[[:alpha:]]+xyz", {"xyz"}, 4},
      {"[^\\]x]y", {"y"}, 2},
      {"\\x41\\p{Greek}\\pN.z", {"z"}, 5},
      {"ab|cd", {}, 0},                   // an alternation at the top requires nothing
      {"(?i)abc", {}, 0},                 // a flag at the top: case no longer as written
      {"\\Qa.b\\E", {}, 0},               // not understood: no filter
      {"a{,3}b", {}, 0},                  // RE2 reads "{,3}" as text: not guessed
      {"\xc3\xa9+", {}, 0},               // a repeat of a multi-byte character
      {"ab(c", {}, 0},                    // invalid
      {"a-b-c", {"a-b-c"}, 5},
      {"x" + std::string(5000, '(') + std::string(5000, ')'), {}, 0},  // nested too deep: given up, no crash
      {"a[0-9]-b[0-9]-", {"a", "-b", "-"}, 6},
  };
  for (const Case& c : cases) {
    CAPTURE(c.pattern);
    const PatternFilter f = AnalyzePattern(c.pattern);
    CHECK(f.required == c.required);
    CHECK(f.min_length == c.min_length);
    CHECK(f.required_nocase.empty());
  }
}

TEST_CASE("a pattern's longest match is counted in bytes, or not at all", "[rules][credentials]") {
  struct Case {
    const char* pattern;
    size_t max_length;
  };
  const Case cases[] = {
      {"abc", 3},
      {"a{2,5}b?", 6},
      {"[0-9a-f]{32}-[0-9a-f]{8}", 41},
      {"\\d\\w\\s\\C\\.", 5},           // ASCII classes, one byte, an escaped dot
      {"^\\bab\\b$", 2},              // zero-width
      {"(ab|cde)f", 4},                // the longest alternative
      {"(?:ab){2}", 4},
      {"[[:alpha:]]", 1},
      {".", 4},                        // one character, up to four bytes in UTF-8
      {"[^a]", 4},
      {"\\D", 4},
      {"\\pL", 4},
      {"\\x41", 4},
      {"[a\\x{263a}]", 4},
      {"a*", kNoMaxLength},
      {"a+", kNoMaxLength},
      {"a{2,}", kNoMaxLength},
      {"(?i:ab)", kNoMaxLength},       // (?i)k matches a 3-byte character
      {"(?:(?i)ab)", kNoMaxLength},
      {"ab|cd", kNoMaxLength},         // nothing read from a top-level alternation
  };
  for (const Case& c : cases) {
    CAPTURE(c.pattern);
    CHECK(AnalyzePattern(c.pattern).max_length == c.max_length);
  }
  auto rules = LoadCredentialRules("");
  REQUIRE(rules);
  CHECK(rules->Find("mailgun-api-key")->max_length == 50);  // '[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}'
  CHECK(rules->Find("aws-access-key-id")->max_length == 20);  // '\\bAKIA[A-Z2-7]{16}\\b'
  CHECK(rules->Find("github-classic-pat")->max_length == kNoMaxLength);
  CHECK(rules->Find("postmark-server-token")->max_length == kNoMaxLength);  // '(?i)...'
}

TEST_CASE("a pattern's alphabet is every byte a match can hold", "[rules][credentials]") {
  auto bytes = [](std::string_view list) {
    std::bitset<256> b;
    for (char c : list) b.set(static_cast<unsigned char>(c));
    return b;
  };
  const std::bitset<256> all = std::bitset<256>().set();
  struct Case {
    const char* pattern;
    std::bitset<256> alphabet;
  };
  const Case cases[] = {
      {"[0-9a-f]{32}-[0-9a-f]{8}", bytes("0123456789abcdef-")},
      {"ab?c*", bytes("abc")},
      {"x\\.y\\/", bytes("x.y/")},
      {"\\d\\s", bytes("0123456789\t\n\f\r ")},
      {"[]a][a-][-b]", bytes("]a-b")},
      {"[A-C2-4_]", bytes("ABC234_")},
      {"(ab|c)d", bytes("abcd")},
      {"\\ba$", bytes("a")},
      {".", all},
      {"[^a]", all},
      {"\\D", all},
      {"\\C", all},
      {"\\pL", all},
      {"\\x41", all},
      {"[[:digit:]]", all},
      {"[a-\\x7a]", all},
      {"[\\x41-Z]", all},
      {"(?i:ab)", all},                  // (?i) widens every letter
      {"(?:(?s)a)", all},
      {"ab|c", all},                     // nothing read from a top-level alternation
  };
  for (const Case& c : cases) {
    CAPTURE(c.pattern);
    CHECK(AnalyzePattern(c.pattern).alphabet == c.alphabet);
  }
  const std::bitset<256> w = AnalyzePattern("\\w").alphabet;
  CHECK(w.count() == 63);
  CHECK(w.test('_'));
  CHECK(w.test('Z'));
  CHECK_FALSE(w.test('-'));
  auto rules = LoadCredentialRules("");
  REQUIRE(rules);
  // '[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}'
  CHECK(rules->Find("mailgun-api-key")->alphabet == bytes("0123456789abcdef-"));
  // '\\bghp_[A-Za-z0-9]{36,}': 62 letters and digits, and '_'
  CHECK(rules->Find("github-classic-pat")->alphabet.count() == 63);
  CHECK(rules->Find("github-classic-pat")->alphabet.test('_'));
}

TEST_CASE("a (?i:word) group at the top is required in any case", "[rules][credentials]") {
  struct Case {
    const char* pattern;
    std::vector<std::string> required_nocase;
    std::vector<std::string> required;
    size_t min_length;
  };
  const Case cases[] = {
      {"(?i:Bearer) x", {"bearer"}, {" x"}, 8},
      {"(?i:AB)c", {"ab"}, {"c"}, 3},
      {"(?i:basic)", {"ba", "ic"}, {}, 5},         // (?i)s also matches U+017F
      {"(?i:token)", {"to", "en"}, {}, 5},         // (?i)k also matches U+212A
      {"(?i:sks)", {}, {}, 3},
      {"(?i:abc)?d", {}, {"d"}, 1},                // optional: not required
      {"(?i:ab|cd)e", {}, {"e"}, 3},               // not a single word
      {"x(?i:ab)+", {"ab"}, {"x"}, 3},
      {"((?i:ab))", {}, {}, 2},                    // inside another group
      {"(?is:ab)", {}, {}, 2},                     // other flags too
      {"(?i:a.b)", {}, {}, 3},
  };
  for (const Case& c : cases) {
    CAPTURE(c.pattern);
    const PatternFilter f = AnalyzePattern(c.pattern);
    CHECK(f.required_nocase == c.required_nocase);
    CHECK(f.required == c.required);
    CHECK(f.min_length == c.min_length);
  }
}

TEST_CASE("severity names round-trip", "[rules][credentials]") {
  for (Severity s : {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    auto parsed = model::ParseSeverity(model::SeverityName(s));
    REQUIRE(parsed);
    CHECK(*parsed == s);
  }
  CHECK(model::SeverityName(Severity::kCritical) == "critical");
  CHECK_FALSE(model::ParseSeverity("urgent"));
}

TEST_CASE("a rule file is parsed field by field", "[rules][credentials]") {
  const std::string text = kSchema + RuleText("x",
                                              "search = true\n"
                                              "live = false\n"
                                              "names = [\"my_token\", \"*_KEY\"]\n"
                                              "needs_name = true\n"
                                              "decoder = \"jwt\"\n"
                                              "when = { jwt_role = \"service_role\" }\n"
                                              "owners = [\"@p/mcp\"]\n"
                                              "examples = [\"abc1\"]\n"
                                              "non_examples = [\"abc\"]\n",
                                              "low");
  auto rules = ParseCredentialRules(text, "c.toml");
  REQUIRE(rules);
  REQUIRE(rules->rules.size() == 1);
  const CredentialRule& r = rules->rules[0];
  CHECK(r.id == "x");
  CHECK(r.severity == Severity::kLow);
  CHECK(r.search);
  CHECK_FALSE(r.live);
  CHECK_FALSE(r.public_by_design);
  CHECK(r.names == std::vector<std::string>{"MY_TOKEN", "*_KEY"});  // upper-cased at load
  CHECK(r.needs_name);
  CHECK(r.decoder == "jwt");
  CHECK(r.when.at("jwt_role") == "service_role");
  CHECK(r.owners == std::vector<std::string>{"@p/mcp"});
  CHECK(r.pattern_text == "abc[0-9]+");
  CHECK(r.examples == std::vector<std::string>{"abc1"});
}

TEST_CASE("an invalid pattern names the rule, file, line and column", "[rules][credentials]") {
  const std::string text = kSchema + RuleText("bad-re", "", "high", "'ab(c'");
  auto rules = ParseCredentialRules(text, "credentials.toml");
  REQUIRE_FALSE(rules);
  CHECK(rules.error().code == Errc::kParse);
  CHECK(rules.error().ToString() == "credentials.toml:10:11: rule \"bad-re\": invalid pattern: missing ): ab(c");
}

TEST_CASE("a pattern may have one capturing group at most", "[rules][credentials]") {
  const std::string text = kSchema + RuleText("two", "", "high", "'(a)(b)'");
  auto rules = ParseCredentialRules(text, "c.toml");
  REQUIRE_FALSE(rules);
  CHECK(rules.error().ToString() == "c.toml:10:11: rule \"two\": a pattern may have at most one capturing group");
}

TEST_CASE("a duplicate rule id is refused at the second one", "[rules][credentials]") {
  const std::string text = kSchema + RuleText("dup") + RuleText("other") + RuleText("dup");
  auto rules = ParseCredentialRules(text, "c.toml");
  REQUIRE_FALSE(rules);
  CHECK(rules.error().ToString() == "c.toml:21:6: rule \"dup\" is defined twice");
}

TEST_CASE("an unknown severity is refused where it is written", "[rules][credentials]") {
  const std::string text = kSchema + RuleText("x", "", "urgent");
  auto rules = ParseCredentialRules(text, "c.toml");
  REQUIRE_FALSE(rules);
  CHECK(rules.error().ToString() ==
        "c.toml:8:12: unknown severity \"urgent\" (expected info, low, medium, high or critical)");
}

TEST_CASE("unknown validators, decoders, blast radii and keys are refused", "[rules][credentials]") {
  struct Case {
    std::string extra;
    std::string expected;
  };
  const Case cases[] = {
      {"validator = \"luhn\"\n", "c.toml:11:13: unknown validator \"luhn\""},
      {"decoder = \"x509\"\n", "c.toml:11:11: unknown decoder \"x509\""},
      {"need_name = true\n", "c.toml:11:1: unknown key \"need_name\" in a [[rule]]"},
      {"needs_name = true\n", "c.toml:2:1: rule \"x\" has needs_name but no names"},
      {"when = { jwt_role = \"anon\" }\n", "c.toml:11:8: rule \"x\": \"when\" needs a decoder"},
      {"search = \"yes\"\n", "c.toml:11:10: \"search\" must be true or false"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.extra);
    auto rules = ParseCredentialRules(kSchema + RuleText("x", c.extra), "c.toml");
    REQUIRE_FALSE(rules);
    CHECK(rules.error().ToString() == c.expected);
  }
  std::string blast = RuleText("x");
  blast.replace(blast.find("\"write\""), 7, "\"galaxy\"");
  auto rules = ParseCredentialRules(kSchema + blast, "c.toml");
  REQUIRE_FALSE(rules);
  CHECK(rules.error().ToString() == "c.toml:7:16: unknown blast_radius \"galaxy\"");
}

TEST_CASE("a rule file needs the schema line and at least one rule", "[rules][credentials]") {
  auto other = ParseCredentialRules("schema = \"mcpguard.credentials/2\"\n" + RuleText("x"), "c.toml");
  REQUIRE_FALSE(other);
  CHECK(other.error().message == "unsupported schema \"mcpguard.credentials/2\" (expected mcpguard.credentials/1)");
  auto empty = ParseCredentialRules(kSchema, "c.toml");
  REQUIRE_FALSE(empty);
  CHECK(empty.error().message == "no [[rule]] entries");
  auto missing = ParseCredentialRules(kSchema + "[[rule]]\nid = \"x\"\n", "c.toml");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message == "missing \"provider\"");
  auto broken = ParseCredentialRules(kSchema + "[[rule]\n", "c.toml");
  REQUIRE_FALSE(broken);
  CHECK(broken.error().path == "c.toml");
  CHECK(broken.error().line == 2);
}

TEST_CASE("credentials.toml is read from a signatures directory", "[rules][credentials]") {
  auto missing = LoadCredentialRules("/nonexistent-mcpguard-signatures");
  REQUIRE_FALSE(missing);
  auto installed = LoadCredentialRules(std::string(MCPGUARD_SOURCE_DIR) + "/signatures");
  REQUIRE(installed);
  auto built_in = LoadCredentialRules("");
  REQUIRE(built_in);
  CHECK(installed->rules.size() == built_in->rules.size());
}

}  // namespace
}  // namespace mcpguard::rules

namespace mcpguard::rules {
namespace {

// tests/fuzz/regressions/signature_files/repeat-count-over-64-bits.toml: the
// fuzzer's first byte (which file) dropped, a rule whose pattern repeats
// {99999999999999999999,1} times. Reading the count threw std::out_of_range
// and ended the process; now the text is left as written, and RE2 (which
// reads a count it cannot parse as literal text) compiles it.
TEST_CASE("a repeat count over 64 bits does not crash the rule loader", "[rules][credentials][fuzz]") {
  const std::string text = test::ReadFile(std::string(MCPGUARD_SOURCE_DIR) +
                                          "/tests/fuzz/regressions/signature_files/repeat-count-over-64-bits.toml")
                               .substr(1);
  for (const bool compile_now : {true, false}) {
    auto rules = ParseCredentialRules(text, "credentials.toml", compile_now);
    REQUIRE(rules);
    REQUIRE(rules->rules.size() == 1);
    CHECK(rules->rules[0].pattern_text == "\\bx_[a-z]{99999999999999999999,1}");
  }
}

}  // namespace
}  // namespace mcpguard::rules

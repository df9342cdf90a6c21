#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <string_view>

#include "formats/expect.h"
#include "formats/parse.h"
#include "formats/tree.h"
#include "support/temp_dir.h"

namespace mcpguard::formats {
namespace {

using namespace std::string_literals;

Document MustParse(std::string_view text, Format format = Format::kJsonc, const Limits& limits = {}) {
  Result<Document> result = Parse(text, format, limits);
  if (!result)
    FAIL_CHECK("unexpected error " << result.error().line << ":" << result.error().column << ": "
                                   << result.error().message);
  REQUIRE(result.has_value());
  return *std::move(result);
}

// Asserts that `text` fails with exactly `message` at line:col.
void ExpectError(std::string_view text, Format format, const std::string& message, int line, int col,
                 const Limits& limits = {}) {
  Result<Document> result = Parse(text, format, limits);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().code == Errc::kParse);
  CHECK(result.error().message == message);
  CHECK(result.error().line == line);
  CHECK(result.error().column == col);
  CHECK(result.error().path.empty());
}

using test::ReadFile;

constexpr std::string_view kTrailingComma =
    "trailing comma (strict JSON readers such as Claude Desktop reject this file)";
constexpr std::string_view kComment = "comment (not allowed in strict JSON)";

TEST_CASE("json: every key and value has its line and byte column", "[formats][json]") {
  const std::string text =
      "{\n"                                                 // 1
      "  \"mcpServers\": {\n"                               // 2
      "    \"fs\": {\n"                                     // 3
      "      \"command\": \"npx\",\n"                       // 4
      "      \"args\": [\"-y\", 42, -1.5e3, true, null]\n"  // 5
      "    }\n"
      "  }\n"
      "}\n";
  const Document doc = MustParse(text, Format::kJson);
  CHECK(doc.warnings.empty());
  ExpectPos(doc.root.pos, 1, 1);
  const Member* servers = doc.root.FindMember("mcpServers");
  REQUIRE(servers != nullptr);
  ExpectPos(servers->key_pos, 2, 3);
  ExpectPos(servers->value.pos, 2, 17);
  const Member* fs = servers->value.FindMember("fs");
  REQUIRE(fs != nullptr);
  ExpectPos(fs->key_pos, 3, 5);
  ExpectPos(fs->value.pos, 3, 11);
  const Member* command = fs->value.FindMember("command");
  REQUIRE(command != nullptr);
  ExpectPos(command->key_pos, 4, 7);
  ExpectPos(command->value.pos, 4, 18);
  CHECK(command->value.str == "npx");
  const Node* args = fs->value.Find("args");
  REQUIRE(args != nullptr);
  REQUIRE(args->IsArray());
  ExpectPos(args->pos, 5, 15);
  REQUIRE(args->items.size() == 5);
  CHECK(args->items[0].str == "-y");
  ExpectPos(args->items[0].pos, 5, 16);
  CHECK(args->items[1].kind == Kind::kInt);
  CHECK(args->items[1].integer == 42);
  ExpectPos(args->items[1].pos, 5, 22);
  CHECK(args->items[2].kind == Kind::kFloat);
  CHECK(args->items[2].number == -1500.0);
  ExpectPos(args->items[2].pos, 5, 26);
  CHECK(args->items[3].kind == Kind::kBool);
  CHECK(args->items[3].boolean);
  ExpectPos(args->items[3].pos, 5, 34);
  CHECK(args->items[4].IsNull());
  ExpectPos(args->items[4].pos, 5, 40);
}

TEST_CASE("json: columns count bytes, tabs and CRLF line ends", "[formats][json]") {
  // "é" is two bytes, so "b" starts at byte 13 although it is the 12th character.
  const Document doc = MustParse("{\"é\": \"x\", \"b\": 1}");
  ExpectPos(doc.root.FindMember("b")->key_pos, 1, 13);
  const Document tabs = MustParse("{\n\t\t\"k\":\t\"v\"\r\n}\r\n");
  const Member* k = tabs.root.FindMember("k");
  REQUIRE(k != nullptr);
  ExpectPos(k->key_pos, 2, 3);
  ExpectPos(k->value.pos, 2, 8);
  ExpectError("{\r\n  \"a\": 1\r\n  \"b\": 2\r\n}", Format::kJson, "expected ',' or '}' after object member",
              3, 3);
}

TEST_CASE("json: integers that fit int64 are kInt, everything else kFloat", "[formats][json]") {
  const Document doc = MustParse(
      "[0, -0, 9223372036854775807, -9223372036854775808, 9223372036854775808, -9223372036854775809,"
      " 1.0, 1e2, 2.5E-3, 1e400, -1e400, 1e-400]");
  const auto& items = doc.root.items;
  REQUIRE(items.size() == 12);
  CHECK(items[0].kind == Kind::kInt);
  CHECK(items[0].integer == 0);
  CHECK(items[1].kind == Kind::kInt);
  CHECK(items[1].integer == 0);
  CHECK(items[2].kind == Kind::kInt);
  CHECK(items[2].integer == INT64_MAX);
  CHECK(items[3].kind == Kind::kInt);
  CHECK(items[3].integer == INT64_MIN);
  CHECK(items[4].kind == Kind::kFloat);
  CHECK(items[4].number == 9223372036854775808.0);
  CHECK(items[5].kind == Kind::kFloat);
  CHECK(items[5].number == -9223372036854775809.0);
  CHECK(items[6].kind == Kind::kFloat);
  CHECK(items[6].number == 1.0);
  CHECK(items[7].kind == Kind::kFloat);
  CHECK(items[7].number == 100.0);
  CHECK(items[8].number == 0.0025);
  CHECK(std::isinf(items[9].number));
  CHECK(items[9].number > 0);
  CHECK(std::isinf(items[10].number));
  CHECK(items[10].number < 0);
  CHECK(items[11].kind == Kind::kFloat);
  CHECK(items[11].number == 0.0);
}

TEST_CASE("json: malformed numbers", "[formats][json]") {
  ExpectError("[1, 012]", Format::kJsonc, "numbers cannot have leading zeros", 1, 5);
  ExpectError("[-01]", Format::kJsonc, "numbers cannot have leading zeros", 1, 2);
  ExpectError("{\"a\": +1}", Format::kJsonc, "numbers cannot start with '+'", 1, 7);
  ExpectError("[NaN]", Format::kJsonc, "invalid value 'NaN'", 1, 2);
  ExpectError("[Infinity]", Format::kJsonc, "invalid value 'Infinity'", 1, 2);
  ExpectError("[-Infinity]", Format::kJsonc, "expected a digit after '-'", 1, 3);
  ExpectError("[1.]", Format::kJsonc, "expected a digit after '.'", 1, 4);
  ExpectError("[1e+]", Format::kJsonc, "expected a digit in the exponent", 1, 5);
  ExpectError("[.5]", Format::kJsonc, "unexpected character '.'", 1, 2);
  ExpectError("[True]", Format::kJsonc, "invalid value 'True'", 1, 2);
}

TEST_CASE("json: string escapes, including surrogate pairs", "[formats][json]") {
  const Document doc =
      MustParse(R"(["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u0041", "\ud83d\ude00", "\u20AC", "\u0000"])");
  const auto& items = doc.root.items;
  REQUIRE(items.size() == 5);
  CHECK(items[0].str == "a\"b\\c/d\b\f\n\r\t");
  CHECK(items[1].str ==
        "\xC3\xA9"
        "A");
  CHECK(items[2].str == "\xF0\x9F\x98\x80");
  CHECK(items[3].str == "\xE2\x82\xAC");
  CHECK(items[4].str == std::string(1, '\0'));
  // Raw UTF-8 passes through unchanged.
  CHECK(MustParse("\"\xE2\x82\xAC \xF0\x9F\x98\x80\"").root.str == "\xE2\x82\xAC \xF0\x9F\x98\x80");
}

TEST_CASE("json: bad escapes and lone surrogates", "[formats][json]") {
  ExpectError(R"(["ab\x"])", Format::kJsonc, "invalid escape '\\x' in string", 1, 5);
  ExpectError(R"(["\u12G4"])", Format::kJsonc, "invalid \\u escape (expected 4 hex digits)", 1, 3);
  ExpectError(R"(["\u12"])", Format::kJsonc, "invalid \\u escape (expected 4 hex digits)", 1, 3);
  ExpectError(R"(["x\ud83d"])", Format::kJsonc, "unpaired UTF-16 surrogate '\\ud83d' in string", 1, 4);
  ExpectError(R"(["\ud83d\u0041"])", Format::kJsonc, "unpaired UTF-16 surrogate '\\ud83d' in string", 1, 3);
  ExpectError(R"(["\ude00"])", Format::kJsonc, "unpaired UTF-16 surrogate '\\ude00' in string", 1, 3);
}

TEST_CASE("json: invalid UTF-8 in a string is an error at the bad byte", "[formats][json]") {
  ExpectError("{\n  \"k\": \"ab\xFF\"\n}", Format::kJsonc, "invalid UTF-8 in string", 2, 11);
  ExpectError("[\"\xC0\xAF\"]", Format::kJsonc, "invalid UTF-8 in string", 1, 3);      // overlong '/'
  ExpectError("[\"\xED\xA0\x80\"]", Format::kJsonc, "invalid UTF-8 in string", 1, 3);  // encoded surrogate
  ExpectError("[\"\xE2\x82\"]", Format::kJsonc, "invalid UTF-8 in string", 1, 3);      // truncated
  ExpectError("[\"\xF4\x90\x80\x80\"]", Format::kJsonc, "invalid UTF-8 in string", 1, 3);  // > U+10FFFF
  ExpectError("{\"\x80\": 1}", Format::kJsonc, "invalid UTF-8 in string", 1, 3);           // keys too
}

TEST_CASE("json: control characters in strings", "[formats][json]") {
  ExpectError("[\"a\tb\"]", Format::kJsonc, "control character U+0009 in string (write it as an escape)", 1,
              4);
  ExpectError("[\"a\x1F\"]", Format::kJsonc, "control character U+001F in string (write it as an escape)", 1,
              4);
  // A line break inside a string almost always means a missing closing quote.
  ExpectError("{\"a\": \"open,\n \"b\": 1}", Format::kJsonc, "unterminated string", 1, 7);
  ExpectError("[\"abc", Format::kJsonc, "unterminated string", 1, 2);
  ExpectError("[\"abc\\", Format::kJsonc, "unterminated string", 1, 2);
}

TEST_CASE("json: comments and trailing commas are accepted silently as JSONC", "[formats][json]") {
  const std::string text =
      "// leading comment\n"                // 1
      "{\n"                                 // 2
      "  /* block\n"                        // 3
      "     comment */ \"a\": [1, 2,],\n"   // 4
      "  \"b\": {\"c\": true,}, // tail\n"  // 5
      "  /**/\"d\": null,\n"                // 6
      "}\n"                                 // 7
      "/* trailing */\n";
  const Document doc = MustParse(text, Format::kJsonc);
  CHECK(doc.warnings.empty());
  const Member* a = doc.root.FindMember("a");
  REQUIRE(a != nullptr);
  ExpectPos(a->key_pos, 4, 17);
  REQUIRE(a->value.items.size() == 2);
  ExpectPos(a->value.items[1].pos, 4, 26);
  ExpectPos(doc.root.FindMember("d")->key_pos, 6, 7);
  CHECK(doc.root.Find("b")->Find("c")->boolean);
}

TEST_CASE("json: strict JSON reports each comment and trailing comma", "[formats][json]") {
  const std::string text =
      "// leading comment\n"                // 1
      "{\n"                                 // 2
      "  /* block\n"                        // 3
      "     comment */ \"a\": [1, 2,],\n"   // 4
      "  \"b\": {\"c\": true,}, // tail\n"  // 5
      "  /**/\"d\": null,\n"                // 6
      "}\n";
  const Document doc = MustParse(text, Format::kJson);
  REQUIRE(doc.warnings.size() == 7);
  const auto expect = [&](size_t i, uint32_t line, uint32_t col, std::string_view message) {
    ExpectPos(doc.warnings[i].pos, line, col);
    CHECK(doc.warnings[i].message == message);
  };
  expect(0, 1, 1, kComment);
  expect(1, 3, 3, kComment);
  expect(2, 4, 27, kTrailingComma);
  expect(3, 5, 18, kTrailingComma);
  expect(4, 5, 22, kComment);
  expect(5, 6, 3, kComment);
  expect(6, 6, 16, kTrailingComma);
}

TEST_CASE("json: a comment block in the middle of an object", "[formats][json]") {
  const std::string text =
      "{\n"
      "  \"servers\": {\n"
      "    \"a\": {},\n"
      "    // \"b\": {\n"
      "    //   \"command\": \"x\"\n"
      "    // }\n"
      "    \"c\": {}\n"
      "  }\n"
      "}";
  const Document doc = MustParse(text, Format::kJsonc);
  const Node* servers = doc.root.Find("servers");
  REQUIRE(servers != nullptr);
  REQUIRE(servers->members.size() == 2);
  CHECK(servers->members[0].key == "a");
  CHECK(servers->members[1].key == "c");
  ExpectPos(servers->members[1].key_pos, 7, 5);
}

TEST_CASE("json: duplicate keys warn and the last one wins", "[formats][json]") {
  const std::string text =
      "{\n"
      "  \"x\": 1,\n"
      "  \"y\": 2,\n"
      "  \"x\": 3\n"
      "}";
  const Document doc = MustParse(text, Format::kJsonc);
  REQUIRE(doc.warnings.size() == 1);
  CHECK(doc.warnings[0].message == "duplicate key \"x\" (the last one wins)");
  ExpectPos(doc.warnings[0].pos, 4, 3);
  CHECK(doc.root.members.size() == 3);  // kept, in file order
  CHECK(doc.root.Find("x")->integer == 3);
  ExpectPos(doc.root.FindMember("x")->key_pos, 4, 3);
}

TEST_CASE("json: duplicate keys in a large object", "[formats][json]") {
  std::string text = "{";
  for (int i = 0; i < 40; ++i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
  text += "\"k7\": \"again\", \"k39\": \"again\", \"k7\": \"third\"}";
  const Document doc = MustParse(text);
  REQUIRE(doc.warnings.size() == 3);
  CHECK(doc.warnings[0].message == "duplicate key \"k7\" (the last one wins)");
  CHECK(doc.warnings[1].message == "duplicate key \"k39\" (the last one wins)");
  CHECK(doc.warnings[2].message == "duplicate key \"k7\" (the last one wins)");
  CHECK(doc.warnings[0].pos.col < doc.warnings[1].pos.col);
  CHECK(doc.root.Find("k7")->str == "third");
}

TEST_CASE("json: structural errors", "[formats][json]") {
  ExpectError("{\"a\": 1 \"b\": 2}", Format::kJsonc, "expected ',' or '}' after object member", 1, 9);
  ExpectError("[1 2]", Format::kJsonc, "expected ',' or ']' after array element", 1, 4);
  ExpectError("{\"a\" 1}", Format::kJsonc, "expected ':' after object key", 1, 6);
  ExpectError("{a: 1}", Format::kJsonc, "expected object key in double quotes", 1, 2);
  ExpectError("{'a': 1}", Format::kJsonc, "object keys need double quotes, not single quotes", 1, 2);
  ExpectError("['a']", Format::kJsonc, "strings need double quotes, not single quotes", 1, 2);
  ExpectError("{\"a\": 1,,}", Format::kJsonc, "expected object key in double quotes", 1, 9);
  ExpectError("[1,,]", Format::kJsonc, "unexpected character ','", 1, 4);
  ExpectError("{\"a\": }", Format::kJsonc, "unexpected character '}'", 1, 7);
  ExpectError("@", Format::kJsonc, "unexpected character '@'", 1, 1);
  ExpectError("{\"a\": \xC3\xA9}", Format::kJsonc, "unexpected character '\xC3\xA9'", 1, 7);
  ExpectError("[\x01]", Format::kJsonc, "unexpected byte 0x01", 1, 2);
  ExpectError("[1] [2]", Format::kJsonc, "unexpected content after the top-level value", 1, 5);
  ExpectError("{}\n}", Format::kJsonc, "unexpected content after the top-level value", 2, 1);
  ExpectError("[1, / 2]", Format::kJsonc, "unexpected character '/' (a comment starts with // or /*)", 1, 5);
}

TEST_CASE("json: end of file and empty documents", "[formats][json]") {
  ExpectError("{\n  \"a\": [1,\n", Format::kJsonc,
              "unexpected end of file (the '[' at line 2, column 8 is not closed)", 3, 1);
  ExpectError("{\"a\": 1", Format::kJsonc,
              "unexpected end of file (the '{' at line 1, column 1 is not closed)", 1, 8);
  ExpectError("{\"a\":", Format::kJsonc, "unexpected end of file (the '{' at line 1, column 1 is not closed)",
              1, 6);
  ExpectError("[1, /* never closed\n]", Format::kJsonc, "unterminated comment", 1, 5);
  ExpectError("", Format::kJson, "empty document", 1, 1);
  ExpectError("  \n\t\n", Format::kJsonc, "empty document", 1, 1);
  ExpectError("// nothing but a comment\n", Format::kJsonc, "empty document", 1, 1);
}

TEST_CASE("json: scalar roots", "[formats][json]") {
  CHECK(MustParse("  \"s\"  ").root.str == "s");
  CHECK(MustParse("7").root.integer == 7);
  CHECK(MustParse("null").root.IsNull());
  CHECK(MustParse("[]").root.items.empty());
  CHECK(MustParse("{}").root.members.empty());
  ExpectPos(MustParse("\n\n   true").root.pos, 3, 4);
}

TEST_CASE("json: nesting is limited and 200,000 levels fail cleanly", "[formats][json]") {
  const std::string ok = std::string(512, '[') + std::string(512, ']');
  const Document doc = MustParse(ok);
  CHECK(doc.root.IsArray());
  ExpectError(std::string(513, '[') + std::string(513, ']'), Format::kJsonc, "nesting deeper than 512 levels",
              1, 513);
  ExpectError(std::string(200'000, '['), Format::kJson, "nesting deeper than 512 levels", 1, 513);
  std::string objects;
  for (int i = 0; i < 200'000; ++i) objects += "{\"a\":";
  // Each level is 5 bytes, so the 513th '{' is at byte 5 * 512 + 1.
  ExpectError(objects, Format::kJsonc, "nesting deeper than 512 levels", 1, 2561);
  ExpectError("[[[1]]]", Format::kJsonc, "nesting deeper than 2 levels", 1, 3, Limits{2, 100});
}

TEST_CASE("json: the value count is limited", "[formats][json]") {
  // Four values: the object, the array and its two numbers.
  CHECK(Parse("{\"a\": [1, 2]}", Format::kJsonc, Limits{512, 4}).has_value());
  ExpectError("{\"a\": [1, 2, 3]}", Format::kJsonc, "document has more than 4 values", 1, 14, Limits{512, 4});
}

TEST_CASE("json: NUL bytes, BOMs and UTF-16", "[formats][json]") {
  ExpectError("{\n  \"a\": \"x\0\"\n}"s, Format::kJsonc, "binary content: NUL byte", 2, 10);
  ExpectError("{}\n\n  \0"s, Format::kJson, "binary content: NUL byte", 3, 3);
  // A UTF-8 BOM is skipped and does not count as a column.
  const Document doc = MustParse("\xEF\xBB\xBF{\"a\": 1}", Format::kJson);
  ExpectPos(doc.root.pos, 1, 1);
  ExpectPos(doc.root.FindMember("a")->key_pos, 1, 2);
  CHECK(doc.warnings.empty());
  ExpectError("\xFF\xFE{\0\"\0a\0\"\0:\0 \0\x31\0}\0"s, Format::kJson, "UTF-16 text is not supported", 1, 1);
  ExpectError("\xFE\xFF\0{\0}"s, Format::kJson, "UTF-16 text is not supported", 1, 1);
  ExpectError("{\0\"\0a\0\"\0:\0\x31\0}\0"s, Format::kJson, "UTF-16 text is not supported", 1, 1);
  ExpectError("\xFF\xFE\0\0{\0\0\0}\0\0\0"s, Format::kJson, "UTF-32 text is not supported", 1, 1);
}

TEST_CASE("json: a file of a few MB with 20,000 servers parses", "[formats][json]") {
  std::string text = "{\"mcpServers\": {\n";
  for (int i = 0; i < 20'000; ++i) {
    text += "  \"server-" + std::to_string(i) +
            "\": {\"command\": \"npx\", \"args\": [\"-y\", \"@scope/pkg-" + std::to_string(i) +
            "\", \"--flag\", 12345, 1.5], \"env\": {\"TOKEN\": \"\\u00e9t\\u00e9 secret value\"}},\n";
  }
  text += "  \"last\": {}\n}}\n";
  REQUIRE(text.size() > 2'000'000);
  const Document doc = MustParse(text, Format::kJson);
  CHECK(doc.root.Find("mcpServers")->members.size() == 20'001);
  ExpectPos(doc.root.Find("mcpServers")->FindMember("last")->key_pos, 20'002, 3);
}

TEST_CASE("json: tree lookups and names", "[formats][json]") {
  const Document doc = MustParse("{\"a\": [1], \"b\": \"s\"}");
  CHECK(doc.root.Find("missing") == nullptr);
  CHECK(doc.root.Find("a")->Find("x") == nullptr);  // not an object
  CHECK(doc.root.Find("b")->FindMember("x") == nullptr);
  CHECK(KindName(Kind::kNull) == "null");
  CHECK(KindName(Kind::kBool) == "boolean");
  CHECK(KindName(Kind::kInt) == "integer");
  CHECK(KindName(Kind::kFloat) == "float");
  CHECK(KindName(Kind::kString) == "string");
  CHECK(KindName(Kind::kArray) == "array");
  CHECK(KindName(Kind::kObject) == "object");
  for (const Format format : {Format::kJson, Format::kJsonc, Format::kToml, Format::kYaml}) {
    const Result<Format> parsed = ParseFormatName(FormatName(format));
    REQUIRE(parsed.has_value());
    CHECK(*parsed == format);
  }
  CHECK(FormatName(Format::kJsonc) == "jsonc");
  const Result<Format> unknown = ParseFormatName("xml");
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().code == Errc::kInvalidArgument);
  CHECK(unknown.error().message == "unknown format \"xml\" (expected json, jsonc, toml or yaml)");
}

// Real files from public repositories: each must parse as JSONC, and a server
// we know is in it must be found where the file has it.
struct RealWorldCase {
  const char* file;
  const char* servers_key;  // "mcpServers", "servers" or "mcp"
  const char* server;
  uint32_t line;
  uint32_t col;
};

TEST_CASE("json: real-world config files", "[formats][json]") {
  const RealWorldCase cases[] = {
      {"012090120901209__ahk-mcp__.mcp.json", "mcpServers", "ahk", 3, 5},
      {"094459__digital-badge-vending-demo__.kiro_settings_mcp.json", "mcpServers", "awslabs.ecs-mcp-server",
       3, 5},
      {"0GiS0__youtube-mcp-server__.vscode_mcp.json", "servers", "stdio-mcp", 7, 9},
      {"0x7067__agent-bridge-mcp__.cursor_mcp.json", "mcpServers", "agent-bridge", 3, 5},
      {"0xC0D3D00D__opencode.config__opencode.json", "mcp", "slack", 165, 5},
      {"0xNordian__deso-mcp__.cursor_mcp.json", "mcpServers", "deso-mcp-final", 3, 5},
      {"0xkohe__freee-hr-mcp__.vscode_mcp.json", "servers", "freee-hr-mcp", 3, 3},
      {"0xkohe__mcp-gen-uuid__.roo_mcp.json", "mcpServers", "uuid-server", 3, 5},
      {"108yen__task-orchestrator-mcp__.gemini_settings.json", "mcpServers", "sequential-thinking", 12, 5},
      {"108yen__task-orchestrator-mcp__.vscode_mcp.json", "servers", "serena", 28, 5},
      {"18Madhu-Sagar__mcp-research__.kiro_settings_mcp.json", "mcpServers", "arxiv-research", 3, 5},
      {"1natsu172__dotfiles__.gemini_settings.json", "mcpServers", "context7", 20, 5},
      {"4lejandrito__liferay-devcon-2025-mcp__.vscode_mcp.json", "servers", "liferay", 3, 3},
      {"4regab__agent-rules-mcp__.kiro_settings_mcp.json", "mcpServers", "rules", 3, 5},
      {"AbuMareBear__dotfiles__claude_desktop_config.json", "mcpServers", "filesystem", 3, 5},
      {"Deejpotter__my-mcp-server__.github_mcp.json", "servers", "awesome-copilot", 13, 3},
      {"Konippi__cdk-with-q-dev-cli__.amazonq_mcp.json", "mcpServers", "awslabs.aws-diagram-mcp-server", 12,
       5},
      {"brandon-powers__dotfiles__.codeium_windsurf_mcp_config.json", "mcpServers", "toolbox", 7, 5},
      {"rmarting__devspaces-ai__.continue_mcpServers_mcp.json", "mcpServers", "context7", 3, 5},
      {"tstapler__dotfiles__.config_mcp_mcp-servers.json", "mcpServers", "1password", 18, 5},
  };
  for (const RealWorldCase& c : cases) {
    INFO(c.file);
    const std::string text = ReadFile(MCPGUARD_SHARED_FIXTURES "/realworld/"s + c.file);
    const Document doc = MustParse(text, Format::kJsonc);
    const Node* servers = doc.root.Find(c.servers_key);
    REQUIRE(servers != nullptr);
    const Member* server = servers->FindMember(c.server);
    REQUIRE(server != nullptr);
    ExpectPos(server->key_pos, c.line, c.col);
    CHECK(server->value.IsObject());
  }
}

TEST_CASE("json: real-world details", "[formats][json]") {
  const std::string dir = MCPGUARD_SHARED_FIXTURES "/realworld/";
  SECTION("escaped Windows paths") {
    const Document doc = MustParse(ReadFile(dir + "012090120901209__ahk-mcp__.mcp.json"));
    const Node* command = doc.root.Find("mcpServers")->Find("ahk")->Find("command");
    REQUIRE(command != nullptr);
    CHECK(command->str == "C:\\Program Files\\nodejs\\node.exe");
    ExpectPos(command->pos, 4, 18);
  }
  SECTION("a Claude Code settings file without servers") {
    const Document doc =
        MustParse(ReadFile(dir + "1natsu172__dotfiles__.claude_settings.json"), Format::kJson);
    CHECK(doc.warnings.empty());
    const Member* language = doc.root.FindMember("language");
    REQUIRE(language != nullptr);
    ExpectPos(language->key_pos, 341, 3);
    CHECK(language->value.str == "Japanese");
  }
  SECTION("an empty server map") {
    const Document doc = MustParse(ReadFile(dir + "0xGosu__memvid-sdk__.mcp.json"));
    REQUIRE(doc.root.Find("mcpServers") != nullptr);
    CHECK(doc.root.Find("mcpServers")->members.empty());
  }
  SECTION("trailing commas and comments, reported in strict mode") {
    const Document doc = MustParse(ReadFile(dir + "0xkohe__freee-hr-mcp__.vscode_mcp.json"), Format::kJson);
    REQUIRE(doc.warnings.size() == 1);
    CHECK(doc.warnings[0].message == kTrailingComma);
    ExpectPos(doc.warnings[0].pos, 11, 4);
    const Document youtube =
        MustParse(ReadFile(dir + "0GiS0__youtube-mcp-server__.vscode_mcp.json"), Format::kJson);
    REQUIRE(youtube.warnings.size() == 7);
    CHECK(youtube.warnings[0].message == kTrailingComma);
    ExpectPos(youtube.warnings[0].pos, 15, 14);
    CHECK(youtube.warnings[1].message == kComment);
    ExpectPos(youtube.warnings[1].pos, 16, 13);
  }
  SECTION("a file without a trailing newline") {
    const Document doc = MustParse(ReadFile(dir + "0xkohe__mcp-gen-uuid__.roo_mcp.json"));
    const Node* args = doc.root.Find("mcpServers")->Find("uuid-server")->Find("args");
    REQUIRE(args != nullptr);
    REQUIRE(args->items.size() == 3);
    CHECK(args->items[2].str == "./uuid-server/main.ts");
    ExpectPos(args->items[2].pos, 8, 9);
  }
}

}  // namespace
}  // namespace mcpguard::formats

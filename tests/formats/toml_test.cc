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

Document MustParse(std::string_view text, const Limits& limits = {}) {
  Result<Document> result = Parse(text, Format::kToml, limits);
  if (!result)
    FAIL_CHECK("unexpected error " << result.error().line << ":" << result.error().column << ": "
                                   << result.error().message);
  REQUIRE(result.has_value());
  return *std::move(result);
}

Error MustFail(std::string_view text, const Limits& limits = {}) {
  Result<Document> result = Parse(text, Format::kToml, limits);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().code == Errc::kParse);
  CHECK(result.error().path.empty());
  // House style, whatever toml++ wrote: no capitalized first word ("UTF-16" is fine).
  const std::string& message = result.error().message;
  REQUIRE(message.size() >= 2);
  CHECK_FALSE((message[0] >= 'A' && message[0] <= 'Z' && message[1] >= 'a' && message[1] <= 'z'));
  CHECK(message.back() != '.');
  return result.error();
}

void ExpectError(std::string_view text, const std::string& message, int line, int col,
                 const Limits& limits = {}) {
  const Error error = MustFail(text, limits);
  CHECK(error.message == message);
  CHECK(error.line == line);
  CHECK(error.column == col);
}

using test::ReadFile;

const Node& Get(const Node& node, std::string_view key) {
  const Node* found = node.Find(key);
  INFO("key " << key);
  REQUIRE(found != nullptr);
  return *found;
}

TEST_CASE("toml: keys, values and tables carry their positions", "[formats][toml]") {
  const std::string text =
      "# comment\n"                   // 1
      "title = \"cfg\"\n"             // 2
      "\n"                            // 3
      "[mcp_servers.github]\n"        // 4
      "command = \"npx\"\n"           // 5
      "args = [\"-y\", \"@x/y\"]\n"   // 6
      "\"quoted key\" = 'literal'\n"  // 7
      "\n"                            // 8
      "[mcp_servers.github.env]\n"    // 9
      "TOKEN = \"t\"\n";              // 10
  const Document doc = MustParse(text);
  CHECK(doc.warnings.empty());
  ExpectPos(doc.root.pos, 1, 1);
  const Member* title = doc.root.FindMember("title");
  REQUIRE(title != nullptr);
  ExpectPos(title->key_pos, 2, 1);
  ExpectPos(title->value.pos, 2, 9);
  CHECK(title->value.str == "cfg");

  const Member* servers = doc.root.FindMember("mcp_servers");
  REQUIRE(servers != nullptr);
  ExpectPos(servers->key_pos, 4, 2);
  const Member* github = servers->value.FindMember("github");
  REQUIRE(github != nullptr);
  ExpectPos(github->key_pos, 4, 14);
  ExpectPos(github->value.pos, 4, 1);
  const Member* command = github->value.FindMember("command");
  REQUIRE(command != nullptr);
  ExpectPos(command->key_pos, 5, 1);
  ExpectPos(command->value.pos, 5, 11);
  const Node& args = Get(github->value, "args");
  REQUIRE(args.items.size() == 2);
  ExpectPos(args.pos, 6, 8);
  ExpectPos(args.items[0].pos, 6, 9);
  ExpectPos(args.items[1].pos, 6, 15);
  CHECK(args.items[1].str == "@x/y");
  const Member* quoted = github->value.FindMember("quoted key");
  REQUIRE(quoted != nullptr);
  ExpectPos(quoted->key_pos, 7, 1);
  ExpectPos(quoted->value.pos, 7, 16);
  CHECK(quoted->value.str == "literal");
  const Member* env = github->value.FindMember("env");
  REQUIRE(env != nullptr);
  ExpectPos(env->key_pos, 9, 21);
  const Member* token = env->value.FindMember("TOKEN");
  REQUIRE(token != nullptr);
  ExpectPos(token->key_pos, 10, 1);
  ExpectPos(token->value.pos, 10, 9);
}

TEST_CASE("toml: columns are bytes, not code points", "[formats][toml]") {
  // toml++ counts code points; "日本" is 2 of them but 6 bytes.
  const Document doc = MustParse("a = { \"日本\" = 1, b = 2 }\n\"é\" = \"x\"\n");
  const Member* b = Get(doc.root, "a").FindMember("b");
  REQUIRE(b != nullptr);
  ExpectPos(b->key_pos, 1, 21);
  ExpectPos(b->value.pos, 1, 25);
  const Member* e = doc.root.FindMember("é");
  REQUIRE(e != nullptr);
  ExpectPos(e->key_pos, 2, 1);
  ExpectPos(e->value.pos, 2, 8);
}

TEST_CASE("toml: value types", "[formats][toml]") {
  const std::string text =
      "i = 42\n"
      "neg = -17\n"
      "hex = 0xff\n"
      "f = 3.5\n"
      "e = 1e3\n"
      "inf = -inf\n"
      "b = true\n"
      "s = \"a\\tb\\u00e9\"\n"
      "ml = \"\"\"\n"
      "line1\n"
      "line2\"\"\"\n"
      "lit = 'C:\\path'\n"
      "d = 1979-05-27\n"
      "dt = 1979-05-27T07:32:00Z\n"
      "ldt = 1979-05-27 07:32:00\n"
      "t = 07:32:00\n"
      "odt = 1979-05-27T00:32:00.5-07:00\n";
  const Document doc = MustParse(text);
  const Node& root = doc.root;
  CHECK(Get(root, "i").kind == Kind::kInt);
  CHECK(Get(root, "i").integer == 42);
  CHECK(Get(root, "neg").integer == -17);
  CHECK(Get(root, "hex").integer == 255);
  CHECK(Get(root, "f").kind == Kind::kFloat);
  CHECK(Get(root, "f").number == 3.5);
  CHECK(Get(root, "e").number == 1000.0);
  CHECK(std::isinf(Get(root, "inf").number));
  CHECK(Get(root, "inf").number < 0);
  CHECK(Get(root, "b").kind == Kind::kBool);
  CHECK(Get(root, "b").boolean);
  CHECK(Get(root, "s").str == "a\tb\xC3\xA9");
  CHECK(Get(root, "ml").str == "line1\nline2");
  ExpectPos(Get(root, "ml").pos, 9, 6);
  CHECK(Get(root, "lit").str == "C:\\path");
  ExpectPos(doc.root.FindMember("lit")->key_pos, 12, 1);
  // Dates and times have no kind of their own; they keep their TOML form.
  CHECK(Get(root, "d").kind == Kind::kString);
  CHECK(Get(root, "d").str == "1979-05-27");
  CHECK(Get(root, "dt").str == "1979-05-27T07:32:00Z");
  CHECK(Get(root, "ldt").str == "1979-05-27T07:32:00");
  CHECK(Get(root, "t").str == "07:32:00");
  CHECK(Get(root, "odt").str == "1979-05-27T00:32:00.5-07:00");
}

TEST_CASE("toml: dotted keys and [a.b.env] subtables", "[formats][toml]") {
  const std::string text =
      "[mcp_servers.fs]\n"              // 1
      "command = \"npx\"\n"             // 2
      "env.HOME = \"/h\"\n"             // 3
      "env.PATH = \"/p\"\n"             // 4
      "\n"                              // 5
      "[mcp_servers.fs.headers]\n"      // 6
      "Authorization = \"Bearer x\"\n"  // 7
      "\n"                              // 8
      "[a.b.env]\n"                     // 9
      "X = \"1\"\n"                     // 10
      "[a.b]\n"                         // 11
      "command = \"c\"\n";              // 12
  const Document doc = MustParse(text);
  const Node& fs = Get(Get(doc.root, "mcp_servers"), "fs");
  const Member* env = fs.FindMember("env");
  REQUIRE(env != nullptr);
  ExpectPos(env->key_pos, 3, 1);
  REQUIRE(env->value.members.size() == 2);
  CHECK(env->value.members[0].key == "HOME");
  ExpectPos(env->value.members[0].key_pos, 3, 5);
  CHECK(env->value.members[0].value.str == "/h");
  CHECK(env->value.members[1].key == "PATH");
  ExpectPos(env->value.members[1].value.pos, 4, 12);
  const Member* headers = fs.FindMember("headers");
  REQUIRE(headers != nullptr);
  ExpectPos(headers->key_pos, 6, 17);
  CHECK(Get(headers->value, "Authorization").str == "Bearer x");
  // A super-table defined after its sub-table: members still in file order.
  const Node& b = Get(Get(doc.root, "a"), "b");
  REQUIRE(b.members.size() == 2);
  CHECK(b.members[0].key == "env");
  ExpectPos(b.members[0].key_pos, 9, 6);
  CHECK(b.members[1].key == "command");
  ExpectPos(b.members[1].key_pos, 12, 1);
  CHECK(Get(b.members[0].value, "X").str == "1");
}

TEST_CASE("toml: members keep file order, not toml++'s sorted order", "[formats][toml]") {
  const Document doc = MustParse("zeta = 1\nalpha = 2\n[middle]\n[beta]\n");
  REQUIRE(doc.root.members.size() == 4);
  CHECK(doc.root.members[0].key == "zeta");
  CHECK(doc.root.members[1].key == "alpha");
  CHECK(doc.root.members[2].key == "middle");
  CHECK(doc.root.members[3].key == "beta");
}

TEST_CASE("toml: arrays of tables", "[formats][toml]") {
  const Document doc = MustParse("[[servers]]\nname = \"a\"\n\n[[servers]]\nname = \"b\"\n");
  const Node& servers = Get(doc.root, "servers");
  REQUIRE(servers.IsArray());
  REQUIRE(servers.items.size() == 2);
  CHECK(Get(servers.items[0], "name").str == "a");
  ExpectPos(servers.items[1].FindMember("name")->key_pos, 5, 1);
  ExpectPos(Get(servers.items[1], "name").pos, 5, 8);
}

TEST_CASE("toml: TOML 1.1 multi-line inline tables with a trailing comma", "[formats][toml]") {
  const std::string text =
      "[mcp_servers.github]\n"
      "url = \"https://x\"\n"
      "http_headers = {\n"
      "  \"X-A\" = \"1\",\n"
      "  B = \"2\",\n"
      "}\n"
      "after = true\n";
  const Document doc = MustParse(text);
  const Node& github = Get(Get(doc.root, "mcp_servers"), "github");
  const Node& headers = Get(github, "http_headers");
  REQUIRE(headers.IsObject());
  ExpectPos(headers.pos, 3, 16);
  REQUIRE(headers.members.size() == 2);
  CHECK(headers.members[0].key == "X-A");
  ExpectPos(headers.members[0].key_pos, 4, 3);
  ExpectPos(headers.members[0].value.pos, 4, 11);
  CHECK(headers.members[1].value.str == "2");
  CHECK(Get(github, "after").boolean);
}

TEST_CASE("toml: parse errors carry toml++'s position and description", "[formats][toml]") {
  ExpectError("x = @", "error while parsing value: could not determine value type", 1, 5);
  // The string runs to the end of the 17-byte file.
  ExpectError("a = \"unterminated", "error while parsing string: encountered end-of-file", 1, 18);
  CHECK(MustFail("a = 1\na = 2\n").line == 2);  // TOML forbids redefinition
  CHECK(MustFail("[a]\nb = 1\n[a]\n").line == 3);
  CHECK(MustFail("ok = 1\nk = 1979-13-01\n").line == 2);
  CHECK(MustFail("a = 1\nb = \"\xFF\"\n").line == 2);  // invalid UTF-8
}

TEST_CASE("toml: NUL bytes and BOM", "[formats][toml]") {
  ExpectError("ok = 1\na = \"x\0\"\n"s, "binary content: NUL byte", 2, 7);
  const Document doc = MustParse(
      "\xEF\xBB\xBF"
      "a = 1\n");
  ExpectPos(doc.root.FindMember("a")->key_pos, 1, 1);
  ExpectError(
      "\xFF\xFE"
      "a\0=\0"s,
      "UTF-16 text is not supported", 1, 1);
}

TEST_CASE("toml: 200,000 levels of nesting fail cleanly", "[formats][toml]") {
  // The root table is level 1, so the 512th '[' (at byte 4 + 512) is level 513.
  ExpectError("x = " + std::string(200'000, '['), "nesting deeper than 512 levels", 1, 516);
  std::string dotted = "a";
  for (int i = 1; i < 200'000; ++i) dotted += ".a";
  ExpectError(dotted + " = 1\n", "nesting deeper than 512 levels", 1, 1);
  ExpectError("ok = 1\n[" + dotted + "]\n", "nesting deeper than 512 levels", 2, 1);
  ExpectError("[[" + dotted + "]]\n", "nesting deeper than 512 levels", 1, 1);
  std::string inline_tables = "x = ";
  for (int i = 0; i < 200'000; ++i) inline_tables += "{a = ";
  // The k-th '{' is at byte 5 + 5 * (k - 1) and is level k + 1.
  ExpectError(inline_tables, "nesting deeper than 512 levels", 1, 2560);
}

TEST_CASE("toml: toml++'s own cap on nested arrays", "[formats][toml]") {
  const Error error = MustFail("x = " + std::string(300, '[') + std::string(300, ']'));
  CHECK(error.message == "nesting deeper than 256 levels");
  CHECK(error.line == 1);
}

TEST_CASE("toml: depth is counted like JSON, the root table being level 1", "[formats][toml]") {
  const Limits four{4, 100};
  CHECK(Parse("[a.b.c]\nd = 1\n", Format::kToml, four).has_value());      // root, a, b, c
  CHECK(Parse("[a.b]\nd = {e = 1}\n", Format::kToml, four).has_value());  // root, a, b, d
  CHECK(Parse("[[a.b]]\nd = 1\n", Format::kToml, four).has_value());      // root, a, b, b[0]
  CHECK(Parse("x = [[[1]]]\n", Format::kToml, four).has_value());         // root and 3 arrays
  ExpectError("[a.b.c]\nd = [1]\n", "nesting deeper than 4 levels", 2, 5, four);
  ExpectError("[a.b.c]\nd.e = 1\n", "nesting deeper than 4 levels", 2, 1, four);
  ExpectError("[[a.b.c]]\nd = 1\n", "nesting deeper than 4 levels", 1, 1, four);
  ExpectError("x = [[[[1]]]]\n", "nesting deeper than 4 levels", 1, 8, four);
}

TEST_CASE("toml: the value count is limited", "[formats][toml]") {
  CHECK(Parse("a = [1, 2]\n", Format::kToml, Limits{512, 4}).has_value());  // root, array, 1, 2
  ExpectError("a = [1, 2]\n", "document has more than 3 values", 1, 9, Limits{512, 3});
}

TEST_CASE("toml: empty and comment-only files are an empty table", "[formats][toml]") {
  CHECK(MustParse("").root.IsObject());
  const Document doc = MustParse("# nothing\n\n");
  CHECK(doc.root.IsObject());
  CHECK(doc.root.members.empty());
}

TEST_CASE("toml: real-world Codex config with [mcp_servers.*] tables", "[formats][toml]") {
  const Document doc =
      MustParse(ReadFile(MCPGUARD_SHARED_FIXTURES "/realworld/0maru__dotfiles__config_codex_config.toml"));
  const Node& servers = Get(doc.root, "mcp_servers");
  REQUIRE(servers.members.size() == 2);
  const Member* context7 = servers.FindMember("context7");
  REQUIRE(context7 != nullptr);
  ExpectPos(context7->key_pos, 61, 14);
  ExpectPos(context7->value.pos, 61, 1);
  ExpectPos(Get(context7->value, "command").pos, 62, 11);
  CHECK(Get(context7->value, "command").str == "npx");
  REQUIRE(Get(context7->value, "args").items.size() == 2);
  CHECK(Get(context7->value, "args").items[1].str == "@upstash/context7-mcp@latest");
  const Member* atlassian = servers.FindMember("atlassian");
  REQUIRE(atlassian != nullptr);
  ExpectPos(atlassian->key_pos, 65, 14);
  ExpectPos(Get(atlassian->value, "url").pos, 67, 7);
  CHECK(Get(atlassian->value, "enabled").boolean);
  // [[skills.config]] and quoted table names.
  const Node& skills = Get(Get(doc.root, "skills"), "config");
  REQUIRE(skills.items.size() == 1);
  ExpectPos(skills.items[0].FindMember("enabled")->key_pos, 50, 1);
  const Member* plugin = Get(doc.root, "plugins").FindMember("github@openai-curated");
  REQUIRE(plugin != nullptr);
  ExpectPos(plugin->key_pos, 52, 10);
  CHECK(Get(Get(doc.root, "tui"), "status_line").items.size() == 6);
}

TEST_CASE("toml: real-world Codex config with a TOML 1.1 inline table", "[formats][toml]") {
  const Document doc =
      MustParse(ReadFile(MCPGUARD_SHARED_FIXTURES "/realworld/0xGosu__memvid-sdk__.codex_config.toml"));
  const Node& servers = Get(doc.root, "mcp_servers");
  REQUIRE(servers.members.size() == 3);
  CHECK(servers.members[0].key == "context7");
  ExpectPos(servers.members[0].key_pos, 149, 14);
  CHECK(servers.members[1].key == "github");
  ExpectPos(servers.members[1].key_pos, 152, 14);
  CHECK(servers.members[2].key == "notion");
  ExpectPos(servers.members[2].key_pos, 159, 14);
  const Node& github = servers.members[1].value;
  const Member* headers = github.FindMember("http_headers");
  REQUIRE(headers != nullptr);
  ExpectPos(headers->key_pos, 154, 1);
  ExpectPos(headers->value.pos, 154, 16);
  const Member* toolsets = headers->value.FindMember("X-MCP-Toolsets");
  REQUIRE(toolsets != nullptr);
  ExpectPos(toolsets->key_pos, 155, 3);
  ExpectPos(toolsets->value.pos, 155, 22);
  CHECK(toolsets->value.str == "context,repos,issues,pull_requests,users,dependabot,discussions");
  CHECK(Get(github, "disabled_tools").items.size() == 13);
  CHECK(Get(doc.root, "approval_policy").str == "never");
}

}  // namespace
}  // namespace mcpguard::formats

namespace mcpguard::formats {
namespace {

std::string Regression(const std::string& name) {
  return ReadFile(std::string(MCPGUARD_SOURCE_DIR) + "/tests/fuzz/regressions/toml/" + name);
}

// toml++ 3.3 reached __builtin_unreachable() for the character after a bare
// key when it was one of many non-ASCII code points (see src/formats/toml.cc);
// the sanitizer run of `make test` catches it coming back.
TEST_CASE("toml: Unicode bare keys (TOML 1.1) read as keys", "[formats][toml][fuzz]") {
  const Document doc = MustParse(Regression("unicode-bare-keys.toml"));
  REQUIRE(doc.root.members.size() == 2);
  CHECK(doc.root.members[0].key == "caf\xc3\xa9");
  CHECK(doc.root.members[0].value.integer == 1);
  const Node* servers = doc.root.Find("servers");
  REQUIRE(servers != nullptr);
  REQUIRE(servers->members.size() == 1);
  CHECK(servers->members[0].key == "\xe3\x82\xab\xe3\x83\xa1\xe3\x83\xa9");  // カメラ
  CHECK(servers->members[0].key_pos.line == 2);
  CHECK(servers->members[0].key_pos.col == 10);
}

TEST_CASE("toml: a bare key with U+FEFD in it reads on to the next error", "[formats][toml][fuzz]") {
  // Line 7 of the fuzzer's input is "sandb<U+FEFD>mode = "workspace-write"
  // with bytes DC F5 9E 93 in the string: U+FEFD is a Unicode bare-key
  // character, so the file fails only at the invalid UTF-8, on that line.
  auto doc = Parse(Regression("bare-key-then-u+fefd.toml"), Format::kToml);
  REQUIRE_FALSE(doc);
  CHECK(doc.error().line == 7);
  CHECK(doc.error().message == "encountered invalid utf-8 sequence");
}

}  // namespace
}  // namespace mcpguard::formats

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
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
  Result<Document> result = Parse(text, Format::kYaml, limits);
  if (!result)
    FAIL_CHECK("unexpected error " << result.error().line << ":" << result.error().column << ": "
                                   << result.error().message);
  REQUIRE(result.has_value());
  return *std::move(result);
}

void ExpectError(std::string_view text, const std::string& message, int line, int col,
                 const Limits& limits = {}) {
  Result<Document> result = Parse(text, Format::kYaml, limits);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().code == Errc::kParse);
  CHECK(result.error().message == message);
  CHECK(result.error().line == line);
  CHECK(result.error().column == col);
  CHECK(result.error().path.empty());
}

const Node& Get(const Node& node, std::string_view key) {
  const Node* found = node.Find(key);
  INFO("key " << key);
  REQUIRE(found != nullptr);
  return *found;
}

TEST_CASE("yaml: keys and values carry their positions", "[formats][yaml]") {
  const std::string text =
      "mcpServers:\n"                   // 1
      "  fs:\n"                         // 2
      "    command: npx\n"              // 3
      "    args: [\"-y\", 42, true]\n"  // 4
      "    env:\n"                      // 5
      "      TOKEN: 'x'\n"              // 6
      "    list:\n"                     // 7
      "      - a\n"                     // 8
      "      - \"b\"\n";                // 9
  const Document doc = MustParse(text);
  CHECK(doc.warnings.empty());
  ExpectPos(doc.root.pos, 1, 1);
  const Member* servers = doc.root.FindMember("mcpServers");
  REQUIRE(servers != nullptr);
  ExpectPos(servers->key_pos, 1, 1);
  ExpectPos(servers->value.pos, 2, 3);  // a block mapping starts at its first key
  const Member* fs = servers->value.FindMember("fs");
  REQUIRE(fs != nullptr);
  ExpectPos(fs->key_pos, 2, 3);
  ExpectPos(fs->value.pos, 3, 5);
  const Member* command = fs->value.FindMember("command");
  REQUIRE(command != nullptr);
  ExpectPos(command->key_pos, 3, 5);
  ExpectPos(command->value.pos, 3, 14);
  CHECK(command->value.str == "npx");
  const Node& args = Get(fs->value, "args");
  ExpectPos(args.pos, 4, 11);
  REQUIRE(args.items.size() == 3);
  ExpectPos(args.items[0].pos, 4, 12);
  CHECK(args.items[0].str == "-y");
  ExpectPos(args.items[1].pos, 4, 18);
  CHECK(args.items[1].integer == 42);
  ExpectPos(args.items[2].pos, 4, 22);
  CHECK(args.items[2].boolean);
  const Member* token = Get(fs->value, "env").FindMember("TOKEN");
  REQUIRE(token != nullptr);
  ExpectPos(token->key_pos, 6, 7);
  ExpectPos(token->value.pos, 6, 14);
  const Node& list = Get(fs->value, "list");
  ExpectPos(list.pos, 8, 7);
  REQUIRE(list.items.size() == 2);
  ExpectPos(list.items[0].pos, 8, 9);
  ExpectPos(list.items[1].pos, 9, 9);
  CHECK(list.items[1].str == "b");
}

TEST_CASE("yaml: columns are bytes", "[formats][yaml]") {
  const Document doc = MustParse("é: x\nb: [日本, y]\n");
  ExpectPos(Get(doc.root, "é").pos, 1, 5);
  const Node& b = Get(doc.root, "b");
  REQUIRE(b.items.size() == 2);
  ExpectPos(b.items[1].pos, 2, 13);
}

TEST_CASE("yaml: plain scalars follow the YAML 1.2 core schema", "[formats][yaml]") {
  const std::string text =
      "n1: null\n"
      "n2: ~\n"
      "n3:\n"
      "n4: Null\n"
      "t1: true\n"
      "t2: True\n"
      "t3: TRUE\n"
      "f1: false\n"
      "yes: yes\n"
      "on: on\n"
      "i1: 42\n"
      "i2: -7\n"
      "i3: +7\n"
      "i4: 0o17\n"
      "i5: 0x1F\n"
      "i6: 012\n"
      "big: 9223372036854775808\n"
      "fl1: 1.5\n"
      "fl2: .5\n"
      "fl3: 1e3\n"
      "fl4: -.inf\n"
      "fl5: .NaN\n"
      "fl6: 2.\n"
      "s1: \"true\"\n"
      "s2: 'null'\n"
      "s3: \"42\"\n"
      "s4: |\n"
      "  true\n"
      "s5: !!str 42\n"
      "s6: 1.2.3\n"
      "s7: 0x\n"
      "s8: 1_000\n"
      "i7: !!int \"7\"\n"
      "fl7: !!float 3\n";
  const Document doc = MustParse(text);
  const Node& root = doc.root;
  for (const char* key : {"n1", "n2", "n3", "n4"}) {
    INFO(key);
    CHECK(Get(root, key).IsNull());
  }
  CHECK(Get(root, "t1").kind == Kind::kBool);
  CHECK(Get(root, "t1").boolean);
  CHECK(Get(root, "t2").boolean);
  CHECK(Get(root, "t3").boolean);
  CHECK(Get(root, "f1").kind == Kind::kBool);
  CHECK_FALSE(Get(root, "f1").boolean);
  // YAML 1.1's yes/no/on/off are plain strings in 1.2.
  CHECK(Get(root, "yes").str == "yes");
  CHECK(Get(root, "on").str == "on");
  CHECK(Get(root, "i1").kind == Kind::kInt);
  CHECK(Get(root, "i1").integer == 42);
  CHECK(Get(root, "i2").integer == -7);
  CHECK(Get(root, "i3").integer == 7);
  CHECK(Get(root, "i4").integer == 15);
  CHECK(Get(root, "i5").integer == 31);
  CHECK(Get(root, "i6").integer == 12);
  CHECK(Get(root, "big").kind == Kind::kFloat);
  CHECK(Get(root, "big").number == 9223372036854775808.0);
  CHECK(Get(root, "fl1").kind == Kind::kFloat);
  CHECK(Get(root, "fl1").number == 1.5);
  CHECK(Get(root, "fl2").number == 0.5);
  CHECK(Get(root, "fl3").number == 1000.0);
  CHECK(std::isinf(Get(root, "fl4").number));
  CHECK(Get(root, "fl4").number < 0);
  CHECK(std::isnan(Get(root, "fl5").number));
  CHECK(Get(root, "fl6").number == 2.0);
  // Quoted and block scalars stay strings whatever they look like.
  CHECK(Get(root, "s1").kind == Kind::kString);
  CHECK(Get(root, "s1").str == "true");
  CHECK(Get(root, "s2").str == "null");
  CHECK(Get(root, "s3").str == "42");
  CHECK(Get(root, "s4").str == "true\n");
  CHECK(Get(root, "s5").kind == Kind::kString);
  CHECK(Get(root, "s5").str == "42");
  CHECK(Get(root, "s6").str == "1.2.3");
  CHECK(Get(root, "s7").str == "0x");
  CHECK(Get(root, "s8").str == "1_000");
  CHECK(Get(root, "i7").kind == Kind::kInt);
  CHECK(Get(root, "i7").integer == 7);
  CHECK(Get(root, "fl7").kind == Kind::kFloat);
  CHECK(Get(root, "fl7").number == 3.0);
}

TEST_CASE("yaml: non-string keys become their text", "[formats][yaml]") {
  const Document doc = MustParse("1: a\ntrue: b\n~: c\nnull: d\n3.5: e\n\"q\": f\n");
  REQUIRE(doc.root.members.size() == 6);
  CHECK(doc.root.members[0].key == "1");
  CHECK(doc.root.members[1].key == "true");
  CHECK(doc.root.members[2].key == "~");
  CHECK(doc.root.members[3].key == "null");
  CHECK(doc.root.members[4].key == "3.5");
  CHECK(doc.root.members[5].key == "q");
  ExpectPos(doc.root.members[4].key_pos, 5, 1);
  CHECK(Get(doc.root, "~").str == "c");
}

TEST_CASE("yaml: complex keys are rejected", "[formats][yaml]") {
  ExpectError("? [a, b]\n: x\n", "complex mapping keys are not supported", 1, 3);
  ExpectError("ok: 1\n{a: 1}: x\n", "complex mapping keys are not supported", 2, 1);
}

TEST_CASE("yaml: anchors, aliases and merge keys", "[formats][yaml]") {
  const std::string text =
      "base: &base\n"       // 1
      "  command: npx\n"    // 2
      "  args: [a]\n"       // 3
      "srv:\n"              // 4
      "  <<: *base\n"       // 5
      "  args: [b]\n"       // 6
      "again: *base\n"      // 7
      "name: &n fs\n"       // 8
      "copy: *n\n"          // 9
      "\"<<\": literal\n";  // 10
  const Document doc = MustParse(text);
  CHECK(doc.warnings.empty());
  const Node& srv = Get(doc.root, "srv");
  REQUIRE(srv.members.size() == 2);  // the merge key itself is gone
  CHECK(Get(srv, "command").str == "npx");
  ExpectPos(Get(srv, "command").pos, 2, 12);
  REQUIRE(Get(srv, "args").items.size() == 1);
  CHECK(Get(srv, "args").items[0].str == "b");  // the mapping's own key wins
  const Node& again = Get(doc.root, "again");
  REQUIRE(again.IsObject());
  ExpectPos(again.pos, 7, 8);                   // where the alias is used
  ExpectPos(Get(again, "command").pos, 2, 12);  // inside, where the anchor is
  CHECK(Get(doc.root, "copy").str == "fs");
  ExpectPos(Get(doc.root, "copy").pos, 9, 7);
  CHECK(Get(doc.root, "<<").str == "literal");  // a quoted "<<" is an ordinary key
}

TEST_CASE("yaml: a list of merge sources, earlier ones winning", "[formats][yaml]") {
  const std::string text =
      "a: &a {x: 1, y: 1}\n"
      "b: &b {y: 2, z: 2}\n"
      "c:\n"
      "  <<: [*a, *b]\n"
      "  z: 3\n";
  const Document doc = MustParse(text);
  const Node& c = Get(doc.root, "c");
  REQUIRE(c.members.size() == 3);
  CHECK(Get(c, "x").integer == 1);
  CHECK(Get(c, "y").integer == 1);
  CHECK(Get(c, "z").integer == 3);
  ExpectError("a: &a 5\nb:\n  <<: *a\n", "a merge key '<<' needs a mapping or a list of mappings", 3, 7);
  ExpectError("b:\n  <<: [1]\n", "a merge key '<<' needs a mapping or a list of mappings", 2, 8);
}

TEST_CASE("yaml: alias errors", "[formats][yaml]") {
  ExpectError("a: *nope\n", "the referenced anchor is not defined", 1, 4);
  ExpectError("a: &x [*x]\n", "alias refers to a value that contains it", 1, 8);
}

TEST_CASE("yaml: an alias bomb stops at max_nodes before expanding", "[formats][yaml]") {
  const std::string text =
      "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
      "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
      "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
      "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
      "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
  // Values so far: the root 1, a 10, b 91, c 820, d 7,381 and e 66,430 make
  // 74,733; f's sequence is one more and each *e adds 66,430, so six fit
  // under the default 500,000 and the seventh *e of line 6 (column 26) does
  // not. It fails before anything is expanded, so it is quick.
  ExpectError(text, "document expands to more than 500000 values (alias bomb?)", 6, 26);
  // With a small budget the same file fails on the first alias that does not fit.
  ExpectError(text, "document expands to more than 50 values (alias bomb?)", 2, 17, Limits{512, 50});
}

TEST_CASE("yaml: 200,000 levels of nesting fail cleanly", "[formats][yaml]") {
  // yaml-cpp itself gives up at 500 nested nodes, so the limit here is 498
  // collections (plus a scalar inside the innermost).
  ExpectError(std::string(200'000, '[') + std::string(200'000, ']'), "nesting deeper than 498 levels", 1,
              499);
  std::string dashes;
  for (int i = 0; i < 200'000; ++i) dashes += "- ";
  // The k-th "- " opens sequence k at column 2k - 1.
  ExpectError(dashes + "x\n", "nesting deeper than 498 levels", 1, 997);
  // Unclosed, yaml-cpp reads each '[' as a flow sequence used as the key of
  // an implicit mapping: two levels per '[', so level 499 is the sequence
  // opened by the 250th '['.
  ExpectError(std::string(200'000, '['), "nesting deeper than 498 levels", 1, 250);
  std::string block;
  for (int i = 0; i < 600; ++i) block += std::string(static_cast<size_t>(i), ' ') + "a:\n";
  // Mapping k starts at line k, column k.
  ExpectError(block, "nesting deeper than 498 levels", 499, 499);
  std::string ok = std::string(498, '[') + "1" + std::string(498, ']');
  CHECK(MustParse(ok).root.IsArray());
}

TEST_CASE("yaml: a smaller max_depth applies as it is", "[formats][yaml]") {
  const Limits three{3, 100};
  CHECK(Parse("a: {b: [1]}\n", Format::kYaml, three).has_value());
  ExpectError("a: {b: [[1]]}\n", "nesting deeper than 3 levels", 1, 9, three);
}

TEST_CASE("yaml: the value count is limited", "[formats][yaml]") {
  CHECK(Parse("a: [1, 2]\n", Format::kYaml, Limits{512, 4}).has_value());  // mapping, sequence, 1, 2
  ExpectError("a: [1, 2]\n", "document has more than 3 values", 1, 8, Limits{512, 3});
}

TEST_CASE("yaml: only the first document is used", "[formats][yaml]") {
  const Document doc = MustParse("a: 1\n---\nb: 2\n");
  CHECK(doc.root.Find("a") != nullptr);
  CHECK(doc.root.Find("b") == nullptr);
  REQUIRE(doc.warnings.size() == 1);
  CHECK(doc.warnings[0].message == "the file has more than one YAML document; only the first is used");
  ExpectPos(doc.warnings[0].pos, 2, 1);
  // Even when the later document is broken, the first one is read.
  const Document broken = MustParse("a: 1\n---\nb: [\n");
  CHECK(broken.root.Find("a") != nullptr);
  REQUIRE(broken.warnings.size() == 1);
  // A single document with explicit markers is not a warning.
  CHECK(MustParse("---\na: 1\n...\n").warnings.empty());
}

TEST_CASE("yaml: duplicate keys warn and the last one wins", "[formats][yaml]") {
  const Document doc = MustParse("a: 1\nb: 2\na: 3\n");
  REQUIRE(doc.warnings.size() == 1);
  CHECK(doc.warnings[0].message == "duplicate key \"a\" (the last one wins)");
  ExpectPos(doc.warnings[0].pos, 3, 1);
  CHECK(Get(doc.root, "a").integer == 3);
}

TEST_CASE("yaml: syntax errors carry yaml-cpp's position", "[formats][yaml]") {
  ExpectError("a: [1, 2", "end of sequence flow not found", 1, 9);
  ExpectError("a: b: c\n", "illegal map value", 1, 5);
  ExpectError("key: {a: 1", "end of map flow not found", 1, 11);
}

TEST_CASE("yaml: encoding problems", "[formats][yaml]") {
  ExpectError("a: ok\nb: \xFF\n", "invalid UTF-8", 2, 4);
  ExpectError("a: x\0\n"s, "binary content: NUL byte", 1, 5);
  const Document doc = MustParse(
      "\xEF\xBB\xBF"
      "a: 1\n");
  ExpectPos(doc.root.FindMember("a")->key_pos, 1, 1);
  ExpectError("\xFE\xFF\0a\0:"s, "UTF-16 text is not supported", 1, 1);
}

TEST_CASE("yaml: empty and comment-only files are null", "[formats][yaml]") {
  CHECK(MustParse("").root.IsNull());
  const Document doc = MustParse("# nothing here\n");
  CHECK(doc.root.IsNull());
  ExpectPos(doc.root.pos, 1, 1);
}

TEST_CASE("yaml: a Goose config", "[formats][yaml]") {
  const std::string text =
      "GOOSE_PROVIDER: openai\n"                                   // 1
      "extensions:\n"                                              // 2
      "  github:\n"                                                // 3
      "    enabled: true\n"                                        // 4
      "    type: stdio\n"                                          // 5
      "    cmd: npx\n"                                             // 6
      "    args: [-y, \"@modelcontextprotocol/server-github\"]\n"  // 7
      "    envs:\n"                                                // 8
      "      GITHUB_TOKEN: ${GITHUB_TOKEN}\n"                      // 9
      "    timeout: 300\n";                                        // 10
  const Document doc = MustParse(text);
  const Member* github = Get(doc.root, "extensions").FindMember("github");
  REQUIRE(github != nullptr);
  ExpectPos(github->key_pos, 3, 3);
  CHECK(Get(github->value, "enabled").boolean);
  const Node& args = Get(github->value, "args");
  REQUIRE(args.items.size() == 2);
  CHECK(args.items[0].str == "-y");
  ExpectPos(args.items[1].pos, 7, 16);
  const Node& token = Get(Get(github->value, "envs"), "GITHUB_TOKEN");
  CHECK(token.str == "${GITHUB_TOKEN}");
  ExpectPos(token.pos, 9, 21);
  CHECK(Get(github->value, "timeout").integer == 300);
}

TEST_CASE("yaml: a Continue config with a list of servers", "[formats][yaml]") {
  const std::string text =
      "name: My Config\n"        // 1
      "version: 0.0.1\n"         // 2
      "mcpServers:\n"            // 3
      "  - name: SQLite\n"       // 4
      "    command: npx\n"       // 5
      "    args:\n"              // 6
      "      - \"-y\"\n"         // 7
      "      - mcp-sqlite\n"     // 8
      "    env:\n"               // 9
      "      DEBUG: \"true\"\n"  // 10
      "      PORT: 8080\n";      // 11
  const Document doc = MustParse(text);
  CHECK(Get(doc.root, "version").str == "0.0.1");
  const Node& servers = Get(doc.root, "mcpServers");
  REQUIRE(servers.items.size() == 1);
  const Node& server = servers.items[0];
  ExpectPos(server.pos, 4, 5);
  ExpectPos(server.FindMember("command")->key_pos, 5, 5);
  CHECK(Get(Get(server, "env"), "DEBUG").str == "true");
  CHECK(Get(Get(server, "env"), "PORT").integer == 8080);
  ExpectPos(Get(server, "args").items[1].pos, 8, 9);
}

// Every file in the shared real-world corpus, whatever its format, parses.
TEST_CASE("yaml: every real-world fixture parses in its own format", "[formats][yaml]") {
  namespace fs = std::filesystem;
  int parsed = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(MCPGUARD_SHARED_FIXTURES "/realworld")) {
    const std::string ext = entry.path().extension().string();
    Format format = Format::kJsonc;
    if (ext == ".toml") {
      format = Format::kToml;
    } else if (ext == ".yaml" || ext == ".yml") {
      format = Format::kYaml;
    } else if (ext != ".json") {
      continue;
    }
    INFO(entry.path().string());
    const Result<Document> result = Parse(test::ReadFile(entry.path().string()), format);
    CHECK(result.has_value());
    if (result) CHECK(result->root.IsObject());
    ++parsed;
  }
  CHECK(parsed >= 24);
}

}  // namespace
}  // namespace mcpguard::formats

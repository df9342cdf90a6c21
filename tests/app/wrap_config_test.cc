// app/wrap_config: the text splice behind 'hooks install'. Every real-world
// JSON, JSONC and TOML config of the shared corpus is wrapped and unwrapped:
// the wrapped text must parse, say what was wrapped, and unwrap to the
// original byte for byte.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "app/wrap_config.h"
#include "formats/parse.h"
#include "inventory/wrapper.h"
#include "support/temp_dir.h"

namespace mcpguard::test {
namespace {

using formats::Format;
using formats::Node;
using Catch::Matchers::Contains;

// Every object with a "command" string: its key (the server name) and where.
std::vector<app::WrapTarget> Servers(const Node& root) {
  std::vector<app::WrapTarget> out;
  std::function<void(const Node&)> visit = [&](const Node& n) {
    for (const formats::Member& m : n.members) {
      const Node* c = m.value.IsObject() ? m.value.Find("command") : nullptr;
      if (c != nullptr && c->IsString()) out.push_back(app::WrapTarget{m.key, {m.key_pos.line, m.key_pos.col}});
      visit(m.value);
    }
    for (const Node& i : n.items) visit(i);
  };
  visit(root);
  return out;
}

const app::WrapSettings kSettings{"/opt/mcpguard/bin/mcpguard", "test-host", "/home/u/config file.json", false};

TEST_CASE("wrap_config: every real-world JSON, JSONC and TOML config wraps and unwraps byte for byte") {
  size_t files = 0;
  size_t wrapped_servers = 0;
  for (const auto& entry : std::filesystem::directory_iterator(RealWorld(""))) {
    const std::string name = entry.path().filename().string();
    const bool toml = name.ends_with(".toml");
    if (!toml && !name.ends_with(".json")) continue;
    const Format format = toml ? Format::kToml : Format::kJsonc;
    const std::string original = ReadFile(entry.path().string());
    auto doc = formats::Parse(original, format);
    if (!doc) continue;  // the corpus holds deliberately broken files too
    ++files;
    const std::vector<app::WrapTarget> targets = Servers(doc->root);
    INFO(name);
    auto wrapped = app::WrapConfigText(original, format, targets, kSettings);
    REQUIRE(wrapped);
    CHECK(wrapped->changed.size() + wrapped->skipped.size() == targets.size());
    wrapped_servers += wrapped->changed.size();
    auto again = formats::Parse(wrapped->text, format);
    REQUIRE(again);
    auto unwrapped = app::UnwrapConfigText(wrapped->text, format);
    REQUIRE(unwrapped);
    CHECK(unwrapped->changed.size() == wrapped->changed.size());
    CHECK(unwrapped->text == original);
  }
  CHECK(files >= 20);
  CHECK(wrapped_servers >= 20);
}

TEST_CASE("wrap_config: the wrapped entry runs mcpguard exec with the original command, token for token") {
  const std::string text =
      "{\n  // keep me\n  \"mcpServers\": {\n    \"win\": {\"command\": \"C:\\\\node.exe\", \"args\": [\"a\\\"b\"]},\n"
      "    \"bare\": {\"command\": \"uvx\", \"env\": {\"K\": \"v\"}},\n  },\n}\n";
  auto doc = formats::Parse(text, Format::kJsonc);
  REQUIRE(doc);
  app::WrapSettings guard = kSettings;
  guard.guard = true;
  auto wrapped = app::WrapConfigText(text, Format::kJsonc, Servers(doc->root), guard);
  REQUIRE(wrapped);
  CHECK(wrapped->changed == std::vector<std::string>{"win", "bare"});
  CHECK_THAT(wrapped->text, Contains("// keep me"));
  auto parsed = formats::Parse(wrapped->text, Format::kJsonc);
  REQUIRE(parsed);
  const Node& win = *parsed->root.Find("mcpServers")->Find("win");
  std::vector<std::string> args;
  for (const Node& a : win.Find("args")->items) args.push_back(a.str);
  auto w = inventory::ParseWrapped(win.Find("command")->str, args);
  REQUIRE(w);
  CHECK(w->mcpguard == "/opt/mcpguard/bin/mcpguard");
  CHECK(w->exec_args == std::vector<std::string>{"exec", "--host", "test-host", "--server", "win", "--config",
                                                 "/home/u/config file.json", "--guard"});
  CHECK(w->command == "C:\\node.exe");
  CHECK(w->args == std::vector<std::string>{"a\"b"});
  CHECK(w->guard);
  const Node& bare = *parsed->root.Find("mcpServers")->Find("bare");
  CHECK(bare.Find("args")->items.back().str == "uvx");
  CHECK(bare.Find("env")->Find("K")->str == "v");
  // Already wrapped servers are left as they are.
  auto twice = app::WrapConfigText(wrapped->text, Format::kJsonc, Servers(parsed->root), guard);
  REQUIRE(twice);
  CHECK(twice->changed.empty());
  CHECK(twice->text == wrapped->text);
}

TEST_CASE("wrap_config: shapes that are not rewritten are skipped with a reason, and YAML is refused") {
  const std::string text = R"({"mcp": {"oc": {"type": "local", "command": ["npx", "x"]}, "remote": {"url": "https://x"}}})";
  auto doc = formats::Parse(text, Format::kJson);
  REQUIRE(doc);
  const std::vector<app::WrapTarget> targets{{"oc", {1, 10}}, {"remote", {1, 60}}};
  auto r = app::WrapConfigText(text, Format::kJson, targets, kSettings);
  REQUIRE(r);
  CHECK(r->changed.empty());
  REQUIRE(r->skipped.size() == 2);
  CHECK_THAT(r->skipped[0], Contains("oc: \"command\" is not a string"));
  CHECK_THAT(r->skipped[1], Contains("remote: no \"command\""));
  CHECK(r->text == text);
  auto yaml = app::WrapConfigText("extensions: {}\n", Format::kYaml, {}, kSettings);
  REQUIRE_FALSE(yaml);
  CHECK(yaml.error().code == Errc::kUnsupported);
}

}  // namespace
}  // namespace mcpguard::test

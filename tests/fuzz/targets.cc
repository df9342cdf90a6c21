#include "targets.h"

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/baseline_store.h"
#include "app/history_diff.h"
#include "app/record.h"
#include "formats/dotenv.h"
#include "formats/parse.h"
#include "inventory/mapping.h"
#include "rules/catalog.h"
#include "rules/credentials.h"
#include "signing/minisign.h"

namespace mcpguard::fuzz {
namespace {

using formats::Format;

// An error must say where: a parse error always has a line.
bool Parsed(std::string_view input, Format format) {
  auto doc = formats::Parse(input, format);
  return doc || doc.error().line > 0;
}

struct Spec {
  const rules::HostSpec* host;
  const rules::FileSpec* file;
};

const std::vector<Spec>& Specs() {
  static const rules::Catalog catalog = *rules::LoadCatalog("");
  static const std::vector<Spec> specs = [] {
    std::vector<Spec> out;
    for (const rules::HostSpec& h : catalog.hosts) {
      for (const rules::FileSpec& f : h.files) out.push_back({&h, &f});
    }
    return out;
  }();
  return specs;
}

}  // namespace

// JSON and JSONC (formats::Parse): a tree, or an Error with a position.
bool Json(std::string_view input) { return Parsed(input, Format::kJson) && Parsed(input, Format::kJsonc); }

// TOML over toml++.
bool Toml(std::string_view input) { return Parsed(input, Format::kToml); }

// YAML over yaml-cpp: aliases, merge keys and deep flow collections are
// where the limits matter.
bool Yaml(std::string_view input) { return Parsed(input, Format::kYaml); }

// .env files named by envFile: every line is read, none is fatal.
bool Dotenv(std::string_view input) {
  for (const formats::DotenvEntry& e : formats::ParseDotenv(input)) {
    if (e.key.empty()) return false;
  }
  return true;
}

// The host schema mapping: the first byte picks one file kind of one host in
// the built-in catalog; the rest is parsed in that file's format and its
// servers mapped, as a scan does.
bool Mapping(std::string_view input) {
  if (input.empty()) return true;
  const Spec& spec = Specs()[static_cast<unsigned char>(input[0]) % Specs().size()];
  auto doc = formats::Parse(input.substr(1), spec.file->format);
  if (!doc) return true;
  inventory::MapContext ctx;
  ctx.file = spec.file;
  ctx.host = spec.host->id;
  ctx.config_path = "/home/u/.config/x/mcp.json";
  ctx.scope = spec.file->scope;
  ctx.project = spec.file->scope == model::Scope::kUser ? "" : "/home/u/src/p";
  std::vector<model::Diagnostic> diags;
  (void)inventory::ExtractServers(doc->root, ctx, diags);
  return true;
}

// minisign.pub: what parses formats back to the same key.
bool MinisignPublicKey(std::string_view input) {
  auto key = signing::ParsePublicKey(input, "fuzz.pub");
  if (!key) return key.error().message.size() > 0;
  auto again = signing::ParsePublicKey(signing::FormatPublicKey(*key), "again.pub");
  return again && again->pk == key->pk && again->key_id == key->key_id;
}

// minisign.key, without a passphrase: an encrypted key stops before scrypt
// (whose cost the file names: up to 4 GiB, bounded by the reader but far
// over a fuzzer's budget); unencrypted (-W) keys are read in full.
bool MinisignSecretKey(std::string_view input) {
  (void)signing::ParseSecretKey(input, "fuzz.key", std::nullopt);
  return true;
}

// .minisig: parsed, checked against a key with its key id (as verify checks
// baseline.json.minisig), and formatted back.
bool MinisignSignature(std::string_view input) {
  auto sig = signing::ParseSignature(input, "fuzz.minisig");
  if (!sig) return true;
  signing::PublicKey key;
  key.key_id = sig->key_id;
  (void)signing::Verify("{}\n", *sig, {key}, signing::LegacyPolicy::kAccept);
  return signing::FormatSignature(*sig).has_value();
}

// baseline.json as verify reads it once its signature checked out: signed
// only says who wrote it, not that it is well formed.
bool Baseline(std::string_view input) {
  (void)app::ParseBaseline(input, "baseline.json");
  return true;
}

// Recorded scans as log, show and diff read them back: two revisions of one
// config file, split at the first NUL byte, described and diffed.
bool Snapshot(std::string_view input) {
  const size_t nul = input.find('\0');
  const std::string before(input.substr(0, nul));
  const std::string after(nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1));
  const std::string file = "configs/cursor/user/~%2F.cursor%2Fmcp.json.json";
  const history::Files a{{file, before}, {"summary.json", "{}"}};
  const history::Files b{{file, after}, {"summary.json", "{\"x\":1}"}};
  (void)app::DescribeChange(std::nullopt, a);
  (void)app::DescribeChange(a, b);
  const auto diffs = app::DiffServers(a, b);
  (void)app::DiffText(diffs);
  (void)app::DiffJson(diffs).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  return true;
}

// signatures/*.toml given with --signatures: the first byte picks hosts.toml
// or credentials.toml (its patterns compiled, as at load).
bool SignatureFiles(std::string_view input) {
  if (input.empty()) return true;
  const std::string_view text = input.substr(1);
  if (input[0] & 1) {
    (void)rules::ParseCredentialRules(text, "credentials.toml");
  } else {
    (void)rules::ParseCatalog(text, "hosts.toml");
  }
  return true;
}

}  // namespace mcpguard::fuzz

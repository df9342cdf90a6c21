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
#include "probe/json_batch.h"
#include "probe/session.h"
#include "probe/sse.h"
#include "probe/surface.h"
#include "probe/transport.h"
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

// An SSE stream from an HTTP server, fed in chunks whose sizes come from the
// first byte, so CRLF and the BOM get split across chunks. The event count
// must not depend on the chunking: the same stream fed whole must agree.
bool Sse(std::string_view input) {
  if (input.empty()) return true;
  const size_t step = 1 + static_cast<unsigned char>(input[0]) % 17;
  const std::string_view stream = input.substr(1);
  probe::SseParser chunked(4096, 64 * 1024);
  probe::SseParser whole(4096, 64 * 1024);
  size_t events = 0;
  bool failed = false;
  for (size_t at = 0; at < stream.size() && !failed; at += step) {
    auto got = chunked.Feed(stream.substr(at, step));
    if (!got) failed = true;
    else events += got->size();
  }
  auto all = whole.Feed(stream);
  if (failed || !all) return failed == !all;  // both refuse, or neither
  return all->size() == events && whole.InsideEvent() == chunked.InsideEvent();
}

// A body or SSE event holding one JSON-RPC message or a batch: every message
// cut out of it is itself valid JSON (an object).
bool JsonRpcBatch(std::string_view input) {
  auto messages = probe::SplitJsonRpc(input);
  if (!messages) return messages.error().code == Errc::kProtocol || messages.error().code == Errc::kTooLarge;
  for (const std::string& m : *messages) {
    auto j = nlohmann::json::parse(m, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return false;
  }
  return true;
}

namespace {

// The server side of a session, scripted by the input: one message per line,
// answered in order whatever we sent. Out of lines, the deadline has passed.
class LineTransport final : public probe::Transport {
 public:
  explicit LineTransport(std::string_view script) : script_(script) {}
  Result<void> Send(const std::string&, probe::Deadline) override { return {}; }
  Result<std::string> Receive(probe::Deadline) override {
    if (at_ >= script_.size()) return Fail(Errc::kTimeout, "no answer before the deadline");
    size_t nl = script_.find('\n', at_);
    if (nl == std::string_view::npos) nl = script_.size();
    std::string line(script_.substr(at_, nl - at_));
    at_ = nl + 1;
    return line;
  }
  void Close() override {}

 private:
  std::string_view script_;
  size_t at_ = 0;
};

}  // namespace

// A whole MCP session against a hostile server (initialize, the lists, their
// pages), then the surface it served pinned: errors are fine, crashes and
// hangs are not, and whatever was pinned must be well-formed.
bool McpSession(std::string_view input) {
  LineTransport transport(input);
  probe::SessionOptions options;
  options.deadline = probe::Clock::now() + std::chrono::seconds(5);
  options.max_pages = 20;
  options.max_items = 200;
  probe::ServedSurface served;
  (void)probe::ListSurface(transport, options, served);
  auto surface = probe::SurfaceFromLists(served);
  if (!surface) return true;
  for (const model::SurfaceItem& item : surface->items) {
    if (item.sha256.size() != 64) return false;
  }
  return surface->digest.size() == 64;
}

}  // namespace mcpguard::fuzz

// The host schema mapping: the first byte picks one file kind of one host in
// the built-in catalog, the rest is parsed in that file's format and its
// servers are mapped, as a scan does.
#include <vector>

#include "formats/parse.h"
#include "fuzz_input.h"
#include "inventory/mapping.h"
#include "rules/catalog.h"

namespace {

struct Spec {
  const mcpguard::rules::HostSpec* host;
  const mcpguard::rules::FileSpec* file;
};

const std::vector<Spec>& Specs() {
  static const mcpguard::rules::Catalog catalog = *mcpguard::rules::LoadCatalog("");
  static const std::vector<Spec> specs = [] {
    std::vector<Spec> out;
    for (const auto& h : catalog.hosts) {
      for (const auto& f : h.files) out.push_back({&h, &f});
    }
    return out;
  }();
  return specs;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Spec& spec = Specs()[data[0] % Specs().size()];
  auto doc = mcpguard::formats::Parse(mcpguard::fuzz::Text(data + 1, size - 1), spec.file->format);
  if (!doc) return 0;
  mcpguard::inventory::MapContext ctx;
  ctx.file = spec.file;
  ctx.host = spec.host->id;
  ctx.config_path = "/home/u/.config/x/mcp.json";
  ctx.scope = spec.file->scope;
  ctx.project = spec.file->scope == mcpguard::model::Scope::kUser ? "" : "/home/u/src/p";
  std::vector<mcpguard::model::Diagnostic> diags;
  (void)mcpguard::inventory::ExtractServers(doc->root, ctx, diags);
  return 0;
}

// Where the signature files come from: a --signatures directory, read and
// checked at run time, or the copies built into the binary. The parsers
// (catalog.cc, credentials.cc, signature_file.cc) do not depend on this file,
// so mcpguard_sigc can run them at build time.
#include "base/file.h"
#include "base/path.h"
#include "rules/catalog.h"
#include "rules/credentials.h"
#include "rules/embedded.h"
#include "rules/signature_file.h"

namespace mcpguard::rules {

Result<SignatureText> ReadSignatureFile(const std::string& signatures_dir, std::string_view file) {
  if (!signatures_dir.empty()) {
    const std::string path = JoinPath(signatures_dir, file);
    auto text = ReadFileCapped(path);
    if (!text) return tl::make_unexpected(text.error());
    return SignatureText{std::move(*text), path};
  }
  for (const EmbeddedFile& f : EmbeddedSignatures()) {
    if (f.name == file) return SignatureText{std::string(f.text), "signatures/" + std::string(file) + " (built in)"};
  }
  return Fail(Errc::kNotFound, "no " + std::string(file) + " was built into this binary");
}

Result<Catalog> LoadCatalog(const std::string& signatures_dir) {
  // The built-in catalog was parsed and checked at build time; every run
  // (verify before each server launch) would otherwise parse it again.
  if (signatures_dir.empty()) return BuiltinCatalog();
  auto file = ReadSignatureFile(signatures_dir, "hosts.toml");
  if (!file) return tl::make_unexpected(file.error());
  return ParseCatalog(file->text, file->name);
}

Result<CredentialRules> LoadCredentialRules(const std::string& signatures_dir) {
  // The built-in rules were parsed, and every pattern compiled once to check
  // it, at build time; here they are compiled on first use, since a scan
  // needs only those its values reach. A --signatures file is checked whole
  // at load, as a build would check it.
  if (signatures_dir.empty()) return BuiltinCredentialRules();
  auto file = ReadSignatureFile(signatures_dir, "credentials.toml");
  if (!file) return tl::make_unexpected(file.error());
  return ParseCredentialRules(file->text, file->name, true);
}

}  // namespace mcpguard::rules

// What mcpguard_sigc (src/rules/sigc_main.cc) compiles from signatures/ into
// the binary: every file as compact JSON, and the two files every run reads
// (the credential rules and the host catalog) as C++ that builds them
// directly, already parsed and checked at build time.
#pragma once

#include <string_view>
#include <vector>

#include "rules/catalog.h"
#include "rules/credentials.h"

namespace mcpguard::rules {

struct EmbeddedFile {
  std::string_view name;  // "hosts.toml"
  std::string_view text;  // the TOML file converted to JSON at build time
};

const std::vector<EmbeddedFile>& EmbeddedSignatures();

// signatures/credentials.toml as ParseCredentialRules(..., compile_now=false)
// reads it: patterns compiled on first use.
CredentialRules BuiltinCredentialRules();
// signatures/hosts.toml as ParseCatalog reads it.
Catalog BuiltinCatalog();

}  // namespace mcpguard::rules

#include "app/baseline_store.h"

#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <future>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/file.h"
#include "base/path.h"
#include "base/text.h"
#include "crypto/fingerprint.h"
#include "drift/approved_form.h"
#include "pinning/hash.h"

namespace mcpguard::app {
namespace {

// "key:value" fields of a trusted comment.
std::string Field(const std::string& comment, const std::string& key) {
  for (const std::string& part : Split(comment, '\t')) {
    if (StartsWith(part, key + ":")) return part.substr(key.size() + 1);
  }
  return {};
}

Result<std::vector<signing::PublicKey>> TrustedKeys(const BaselineFiles& files) {
  std::vector<signing::PublicKey> keys;
  auto add = [&](const std::string& path) -> Result<void> {
    auto text = ReadFileCapped(path, 4096);
    if (!text) return text.error().code == Errc::kNotFound ? Result<void>() : tl::make_unexpected(text.error());
    auto key = signing::ParsePublicKey(*text, path);
    if (!key) return tl::make_unexpected(key.error());
    keys.push_back(*key);
    return {};
  };
  if (auto r = add(files.public_key); !r) return tl::make_unexpected(r.error());
  for (const std::string& dir : files.trusted_dirs) {
    auto names = ListDir(dir);
    if (!names) continue;
    for (const std::string& n : *names) {
      if (!EndsWith(n, ".pub")) continue;
      if (auto r = add(JoinPath(dir, n)); !r) return tl::make_unexpected(r.error());
    }
  }
  return keys;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  auto h = pinning::Sha256Bytes(bytes);
  return h ? *h : std::string();
}

BaselineFiles BaselineFilesFor(const Paths& paths, const std::string& root, bool for_writing) {
  BaselineFiles f;
  f.baseline = JoinPath(paths.config_dir, "baseline.json");
  f.signature = f.baseline + ".minisig";
  f.secret_key = JoinPath(paths.config_dir, "mcpguard.key");
  f.public_key = JoinPath(paths.config_dir, "mcpguard.pub");
  f.trusted_dirs = {JoinPath(paths.config_dir, "trusted"), root + "/etc/mcpguard/trusted"};
  // An organisation's baseline in /etc/mcpguard/ applies when the user has
  // none of their own (it must be signed by a key in a trusted directory).
  const std::string org = root + "/etc/mcpguard/baseline.json";
  if (!for_writing && !Exists(f.baseline) && Exists(org)) {
    f.baseline = org;
    f.signature = org + ".minisig";
  }
  return f;
}

model::ApprovedServer ApprovedForm(const model::Server& s, const std::string& home) {
  model::ApprovedServer a = drift::ApprovedForm(s, home);
  a.config_digest = "sha256:" + Sha256Hex(model::CanonicalLaunchSpec(a));

  return a;
}

std::vector<std::string> Differences(const model::ApprovedServer& was, const model::ApprovedServer& now) {
  std::vector<std::string> out;
  auto check = [&](bool differs, const char* field) {
    if (differs) out.emplace_back(field);
  };
  check(was.transport != now.transport, "transport");
  check(was.command != now.command, "command");
  check(was.args != now.args, "args");
  check(was.cwd != now.cwd, "cwd");
  check(was.env != now.env, "env");
  check(was.url != now.url, "url");
  check(was.headers != now.headers, "headers");
  check(was.enabled != now.enabled && now.enabled.value_or(true), "enabled");
  check(was.credentials != now.credentials, "credentials");
  // Only a probe knows the surface now; without one there is nothing to compare.
  if (now.surface) check(!was.surface || was.surface->digest != now.surface->digest, "surface");
  // Consent only widening is a change, as for enabled.
  check(std::any_of(now.auto_approve.begin(), now.auto_approve.end(),
                    [&](const std::string& t) {
                      return std::find(was.auto_approve.begin(), was.auto_approve.end(), t) == was.auto_approve.end();
                    }),
        "auto_approve");
  check(now.trust && !was.trust, "trust");
  if (was.artifact.has_value() != now.artifact.has_value()) {
    out.emplace_back("artifact");
  } else if (was.artifact) {
    const model::ArtifactPin& a = *was.artifact;
    const model::ArtifactPin& b = *now.artifact;
    check(a.kind != b.kind || a.name != b.name, "artifact.name");
    check(a.version != b.version || a.installed_version != b.installed_version, "artifact.version");
    check(a.digest != b.digest, "artifact.digest");
    check(a.remote_url != b.remote_url, "artifact.remote_url");
    check(a.integrity != b.integrity, "artifact.integrity");
    check(a.sha256 != b.sha256, "artifact.sha256");
    check(a.tree_sha256 != b.tree_sha256, "artifact.tree_sha256");
  }
  return out;
}

Result<model::Baseline> ParseBaseline(std::string_view text, const std::string& path) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  // value() would throw on a "schema" that is not a string.
  const auto schema = json.is_object() ? json.find("schema") : json.end();
  if (schema == json.end() || *schema != model::kBaselineSchema) {
    return Fail(Errc::kCorrupt, "not a mcpguard.baseline/1 document", path);
  }
  try {
    return json.get<model::Baseline>();
  } catch (const nlohmann::json::exception& e) {
    return Fail(Errc::kCorrupt, std::string("malformed baseline: ") + e.what(), path);
  }
}

Result<LoadedBaseline> LoadVerifiedBaseline(const BaselineFiles& files) {
  auto text = ReadFileCapped(files.baseline);
  if (!text) {
    if (text.error().code == Errc::kNotFound) {
      return Fail(Errc::kNotFound, "no baseline: approve servers first with 'mcpguard approve'", files.baseline);
    }
    return tl::make_unexpected(text.error());
  }
  auto sig_text = ReadFileCapped(files.signature, 16384);
  if (!sig_text) return Fail(Errc::kNotFound, "the baseline has no signature", files.signature);
  auto sig = signing::ParseSignature(*sig_text, files.signature);
  if (!sig) return tl::make_unexpected(sig.error());
  auto keys = TrustedKeys(files);
  if (!keys) return tl::make_unexpected(keys.error());
  if (keys->empty()) return Fail(Errc::kNotFound, "no trusted public key: run 'mcpguard keygen'", files.public_key);
  auto verified = signing::Verify(*text, *sig, *keys);
  if (!verified) {
    Error e = verified.error();
    if (e.path.empty()) e.path = files.signature;
    return tl::make_unexpected(e);
  }
  const std::string digest = Field(verified->trusted_comment, "digest");
  if (digest != "sha256:" + Sha256Hex(*text)) {
    return Fail(Errc::kCorrupt, "the signed digest does not match baseline.json", files.signature);
  }
  auto baseline = ParseBaseline(*text, files.baseline);
  if (!baseline) return tl::make_unexpected(baseline.error());
  LoadedBaseline out;
  out.baseline = std::move(*baseline);
  out.signature = *verified;
  out.signer = signing::KeyIdHex(verified->key_id);
  return out;
}

std::future<Result<LoadedBaseline>> LoadVerifiedBaselineAsync(BaselineFiles files) {
  // libsodium is initialised here, once, before two threads can race to it.
  (void)crypto::InitSodium();
  return std::async(std::launch::async, [files = std::move(files)] { return LoadVerifiedBaseline(files); });
}

Result<void> WriteSignedBaseline(const BaselineFiles& files, const model::Baseline& baseline,
                                 const signing::SecretKey& key, const std::string& approver) {
  model::Baseline b = baseline;
  b.updated_at = NowUtc();
  std::sort(b.servers.begin(), b.servers.end(),
            [](const model::ApprovedServer& x, const model::ApprovedServer& y) { return x.Key() < y.Key(); });
  const std::string text = nlohmann::json(b).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  // Tab-separated facts, as minisign's own trusted comments: they are signed,
  // so the time, approver and digest cannot be replayed onto another file.
  const std::string comment = "timestamp:" + std::to_string(std::time(nullptr)) + "\tfile:baseline.json\tapprover:" +
                              approver + "\tmachine:" + HostName() + "\tdigest:sha256:" + Sha256Hex(text);
  auto sig = signing::SignFile(text, key, comment, "signature from mcpguard");
  if (!sig) return tl::make_unexpected(sig.error());
  if (auto old = ReadFileCapped(files.baseline); old) {
    if (auto r = WriteFileAtomic(files.baseline + ".bak", *old, 0644); !r) return r;
  }
  if (auto r = WriteFileAtomic(files.baseline, text, 0644); !r) return r;
  return WriteFileAtomic(files.signature, *sig, 0644);
}

}  // namespace mcpguard::app

#include "report/sarif.h"

#include <cctype>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "base/text.h"
#include "crypto/sha256.h"

namespace mcpguard::report {
namespace {

using nlohmann::json;

constexpr const char* kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char* kSrcRoot = "%SRCROOT%";
constexpr const char* kHome = "%HOME%";
constexpr const char* kSeeManual = "\n\nSee mcpguard(1), FINDINGS.";
constexpr const char* kSeeManualMd = "\n\nSee `mcpguard(1)`, FINDINGS.";

// RFC 3986: everything but unreserved characters and '/' is %-encoded, so a
// path with spaces, '#' or '?' stays one path.
std::string EncodePath(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '/') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

// "dir" → "dir/" (a base URI must end in '/'); "" stays "".
std::string WithSlash(std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  if (!dir.empty() && dir != "/") dir += '/';
  return dir;
}

bool Under(const std::string& path, const std::string& dir_slash) {
  return !dir_slash.empty() && path.compare(0, dir_slash.size(), dir_slash) == 0;
}

struct Location {
  std::string uri;
  std::string base;  // uriBaseId, or "" for an absolute URI
};

Location Locate(const std::string& path, const SarifOptions& o) {
  const std::string src = WithSlash(o.base_dir);
  const std::string home = WithSlash(o.home);
  // The longer base wins: a project inside the home is reported relative to
  // the project, as a checkout of it would be.
  const bool in_src = Under(path, src);
  const bool in_home = Under(path, home);
  if (in_src && (!in_home || src.size() > home.size())) return {EncodePath(path.substr(src.size())), kSrcRoot};
  if (in_home) return {EncodePath(path.substr(home.size())), kHome};
  if (!path.empty() && path.front() == '/') return {"file://" + EncodePath(path), ""};
  return {EncodePath(path), ""};
}

// Stable across machines and scans: the rule, where (relative to its base),
// the host and the server; not the message, which names versions and counts.
std::string FingerprintOf(const model::Finding& f, const Location& where) {
  const std::string key = f.id + "\n" + f.host + "\n" + f.server + "\n" + where.base + "/" + where.uri;
  return crypto::Sha256Hex(key);
}

// Markdown → the same words without emphasis marks, for the text fields.
std::string PlainText(const std::string& markdown) {
  std::string out;
  for (size_t i = 0; i < markdown.size(); ++i) {
    if (markdown.compare(i, 2, "**") == 0) {
      ++i;
      continue;
    }
    if (markdown[i] == '`') continue;
    out += markdown[i];
  }
  return out;
}

json Descriptor(const rules::RuleInfo& r) {
  json d = {{"id", r.id},
            {"name", r.name},
            {"shortDescription", {{"text", r.short_description}}},
            {"fullDescription", {{"text", PlainText(r.description)}, {"markdown", r.description}}},
            // No web page to point helpUri at (mcpguard works offline): the
            // help names the manual instead.
            {"help", {{"text", PlainText(r.description) + kSeeManual}, {"markdown", r.description + kSeeManualMd}}},
            {"defaultConfiguration", {{"level", SarifLevel(r.severity)}}},
            {"properties",
             {{"tags", r.tags},
              {"precision", "high"},
              {"security-severity", SecuritySeverity(r.severity)}}}};
  if (!r.help_uri.empty()) d["helpUri"] = r.help_uri;
  return d;
}

}  // namespace

std::string_view SarifLevel(model::Severity severity) {
  switch (severity) {
    case model::Severity::kCritical:
    case model::Severity::kHigh: return "error";
    case model::Severity::kMedium: return "warning";
    case model::Severity::kLow:
    case model::Severity::kInfo: return "note";
  }
  return "warning";
}

std::string_view SecuritySeverity(model::Severity severity) {
  switch (severity) {
    case model::Severity::kCritical: return "9.5";
    case model::Severity::kHigh: return "8.0";
    case model::Severity::kMedium: return "5.0";
    case model::Severity::kLow: return "3.0";
    case model::Severity::kInfo: return "0.0";
  }
  return "5.0";
}

std::string RenderSarif(const std::vector<model::Finding>& findings, const rules::RuleRegistry& registry,
                        const SarifOptions& o) {
  // One descriptor per rule id used, sorted by id; results point at them by index.
  std::map<std::string, const model::Finding*> used;
  for (const model::Finding& f : findings) used.emplace(f.id, &f);
  json rules = json::array();
  std::map<std::string, size_t> index;
  for (const auto& [id, first] : used) {
    index[id] = rules.size();
    rules.push_back(Descriptor(registry.Describe(id, first->name, first->severity)));
  }
  json results = json::array();
  std::set<std::string> bases;
  for (const model::Finding& f : findings) {
    // Most messages name their server ("\"github\" runs ...", drift's
    // "'github' ..."); those that do not get it in front, so the alert says
    // which server it is about.
    const bool named = f.server.empty() || f.message.find("\"" + f.server + "\"") != std::string::npos ||
                       f.message.find("'" + f.server + "'") != std::string::npos;
    std::string text = named ? f.message : f.server + ": " + f.message;
    if (text.empty()) text = f.id;
    json result = {{"ruleId", f.id},
                   {"ruleIndex", index[f.id]},
                   {"level", SarifLevel(f.severity)},
                   {"message", {{"text", text}}}};
    if (!f.config_path.empty()) {
      const Location where = Locate(f.config_path, o);
      json artifact = {{"uri", where.uri}};
      if (!where.base.empty()) {
        artifact["uriBaseId"] = where.base;
        bases.insert(where.base);
      }
      json physical = {{"artifactLocation", artifact}};
      if (f.pos.line > 0) {
        json region = {{"startLine", f.pos.line}};
        if (f.pos.col > 0) region["startColumn"] = f.pos.col;
        physical["region"] = region;
      }
      result["locations"] = json::array({{{"physicalLocation", physical}}});
      result["partialFingerprints"] = {{"mcpguardFinding/v1", FingerprintOf(f, where)}};
    }
    json props = {{"severity", model::SeverityName(f.severity)}, {"host", f.host}};
    if (!f.server.empty()) props["server"] = f.server;
    if (!f.evidence.empty()) props["evidence"] = f.evidence;
    if (!f.remediation.empty()) props["remediation"] = f.remediation;
    result["properties"] = props;
    results.push_back(std::move(result));
  }
  json driver = {{"name", "mcpguard"}, {"rules", rules}};
  if (!o.tool_version.empty()) driver["version"] = o.tool_version;
  json run = {{"tool", {{"driver", driver}}}, {"results", results}};
  json base_ids = json::object();
  if (bases.count(kSrcRoot) != 0) base_ids[kSrcRoot] = {{"uri", "file://" + EncodePath(WithSlash(o.base_dir))}};
  if (bases.count(kHome) != 0) base_ids[kHome] = {{"uri", "file://" + EncodePath(WithSlash(o.home))}};
  if (!base_ids.empty()) run["originalUriBaseIds"] = base_ids;
  const json log = {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", json::array({run})}};
  return log.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace mcpguard::report

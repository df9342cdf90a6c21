#include "probe/session.h"

#include <array>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "probe/json_message.h"
#include "probe/printable.h"

namespace mcpguard::probe {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 4> kKnownVersions = {"2024-11-05", "2025-03-26", "2025-06-18",
                                                            "2025-11-25"};

constexpr int kMethodNotFound = -32601;

class Session {
 public:
  Session(Transport& transport, const SessionOptions& options) : transport_(transport), options_(options) {}

  // The `result` of one request; the server's requests and notifications
  // that arrive meanwhile are dealt with on the way.
  Result<json> Request(const std::string& method, json params) {
    const int64_t id = next_id_++;
    json request = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
    if (auto sent = transport_.Send(request.dump(), options_.deadline); !sent) return Context(method, sent.error());
    for (int unrelated = 0; unrelated <= options_.max_unrelated; ++unrelated) {
      auto text = transport_.Receive(options_.deadline);
      if (!text) return Context(method, text.error());
      // Whatever the transport, nothing too deep or cut short by a NUL is parsed.
      auto parsed = ParseUntrustedJson(*text);
      if (!parsed) return Fail(Errc::kProtocol, method + ": the server sent " + parsed.error().message);
      json message = std::move(*parsed);
      // A JSON-RPC batch (allowed in 2025-03-26): look at each member.
      json batch = message.is_array() ? std::move(message) : json::array({std::move(message)});
      std::optional<Result<json>> answer;
      for (const json& m : batch) {
        auto handled = Handle(m, id, method);
        if (handled) answer = std::move(*handled);
      }
      if (answer) return std::move(*answer);
    }
    return Fail(Errc::kProtocol, method + ": the server sent " + std::to_string(options_.max_unrelated) +
                                     " other messages and no answer");
  }

  // The JSON-RPC error code of the last error answer (0: none or not a number).
  int last_error_code() const { return last_error_code_; }

  Result<void> Notify(const std::string& method) {
    json note = {{"jsonrpc", "2.0"}, {"method", method}};
    if (auto sent = transport_.Send(note.dump(), options_.deadline); !sent) return Context(method, sent.error());
    return {};
  }

 private:
  // Our answer (result or error), or nullopt for anything else.
  std::optional<Result<json>> Handle(const json& m, int64_t id, const std::string& method) {
    if (!m.is_object()) return std::nullopt;
    auto m_id = m.find("id");
    auto m_method = m.find("method");
    if (m_method != m.end()) {
      if (m_id != m.end() && !m_id->is_null()) Refuse(*m_id, m_method->is_string() ? m_method->get<std::string>() : "");
      return std::nullopt;  // a notification: progress, logging, list_changed
    }
    if (m_id == m.end() || !m_id->is_number_integer() || m_id->get<int64_t>() != id) return std::nullopt;
    if (auto err = m.find("error"); err != m.end()) {
      std::string text = err->is_object() && err->contains("message") && (*err)["message"].is_string()
                             ? (*err)["message"].get<std::string>()
                             : err->dump();
      std::string code = err->is_object() && err->contains("code") ? (*err)["code"].dump() : "?";
      last_error_code_ = err->is_object() && err->contains("code") && (*err)["code"].is_number_integer()
                             ? (*err)["code"].get<int>()
                             : 0;
      return Result<json>(
          Fail(Errc::kProtocol, method + ": the server answered error " + code + ": " + Printable(text)));
    }
    auto result = m.find("result");
    if (result == m.end() || !result->is_object()) {
      return Result<json>(Fail(Errc::kProtocol, method + ": the answer has no result object"));
    }
    return Result<json>(*result);
  }

  // A probe serves nothing: ping gets its empty result, anything else
  // (sampling, roots, elicitation) a JSON-RPC error, so the server need not
  // wait for an answer that never comes.
  void Refuse(const json& id, const std::string& method) {
    json reply = {{"jsonrpc", "2.0"}, {"id", id}};
    if (method == "ping") {
      reply["result"] = json::object();
    } else {
      reply["error"] = {{"code", kMethodNotFound}, {"message", "mcpguard is only listing this server's tools"}};
    }
    (void)transport_.Send(reply.dump(), options_.deadline);
  }

  static tl::unexpected<Error> Context(const std::string& method, Error e) {
    e.message = method + ": " + e.message;
    return tl::make_unexpected(std::move(e));
  }

  Transport& transport_;
  const SessionOptions& options_;
  int64_t next_id_ = 1;
  int last_error_code_ = 0;
};

Result<void> Initialize(Session& session, Transport& transport, const SessionOptions& options,
                        ServedSurface& served) {
  json params = {{"protocolVersion", kOfferedProtocolVersion},
                 {"capabilities", json::object()},
                 {"clientInfo", {{"name", "mcpguard"}, {"version", options.client_version}}}};
  auto result = session.Request("initialize", std::move(params));
  if (!result) return tl::make_unexpected(result.error());
  auto version = result->find("protocolVersion");
  if (version == result->end() || !version->is_string()) {
    return Fail(Errc::kProtocol, "initialize: the answer has no protocolVersion");
  }
  if (!IsKnownProtocolVersion(version->get<std::string>())) {
    return Fail(Errc::kProtocol, "initialize: the server speaks MCP " + Printable(version->get<std::string>()) +
                                     ", which mcpguard does not know");
  }
  served.protocol_version = version->get<std::string>();
  transport.SetProtocolVersion(served.protocol_version);
  if (auto info = result->find("serverInfo"); info != result->end() && info->is_object()) served.server_info = *info;
  if (auto caps = result->find("capabilities"); caps != result->end() && caps->is_object()) served.capabilities = *caps;
  if (auto text = result->find("instructions"); text != result->end() && text->is_string()) {
    served.instructions = text->get<std::string>();
  }
  return session.Notify("notifications/initialized");
}

// One list method, page after page.
Result<void> List(Session& session, const SessionOptions& options, const std::string& method, const char* field,
                  std::vector<json>& out) {
  std::set<std::string> cursors;
  json params = json::object();
  for (int page = 0;; ++page) {
    if (page == options.max_pages) {
      return Fail(Errc::kTooLarge, method + ": more than " + std::to_string(options.max_pages) + " pages");
    }
    auto result = session.Request(method, params);
    if (!result) return tl::make_unexpected(result.error());
    auto list = result->find(field);
    if (list == result->end() || !list->is_array()) {
      return Fail(Errc::kProtocol, method + ": the answer has no " + field + " array");
    }
    for (json& item : *list) {
      if (out.size() == options.max_items) {
        return Fail(Errc::kTooLarge, method + ": more than " + std::to_string(options.max_items) + " items");
      }
      out.push_back(std::move(item));
    }
    auto next = result->find("nextCursor");
    if (next == result->end() || next->is_null()) return {};
    if (!next->is_string()) return Fail(Errc::kProtocol, method + ": nextCursor is not a string");
    // A server that hands back a cursor it gave before would page forever.
    if (!cursors.insert(next->get<std::string>()).second) {
      return Fail(Errc::kProtocol, method + ": the server repeats a cursor");
    }
    params = {{"cursor", *next}};
  }
}

}  // namespace

bool IsKnownProtocolVersion(std::string_view version) {
  for (std::string_view v : kKnownVersions) {
    if (v == version) return true;
  }
  return false;
}

Result<void> ListSurface(Transport& transport, const SessionOptions& options, ServedSurface& served) {
  Session session(transport, options);
  if (auto init = Initialize(session, transport, options, served); !init) return init;
  const json& caps = served.capabilities;
  if (caps.contains("tools")) {
    if (auto r = List(session, options, "tools/list", "tools", served.tools); !r) return r;
  }
  if (caps.contains("prompts")) {
    if (auto r = List(session, options, "prompts/list", "prompts", served.prompts); !r) return r;
  }
  if (caps.contains("resources")) {
    if (auto r = List(session, options, "resources/list", "resources", served.resources); !r) return r;
    // Templates came later than resources (2024-11-05 has both, but early
    // servers answered only resources/list): "method not found" is no templates.
    auto templates = List(session, options, "resources/templates/list", "resourceTemplates", served.resource_templates);
    if (!templates && session.last_error_code() != kMethodNotFound) return templates;
  }
  return {};
}

}  // namespace mcpguard::probe

// The two HTTP transports on one driver: a curl multi handle that every
// Send and Receive runs until what it waits for has happened or its deadline
// has passed. No threads: the legacy transport's SSE stream is read whenever
// the session is in Send or Receive, which is the only time it could use a
// message anyway.
//
// What arrives (a JSON body, a `message` event on any stream, an error on
// a stream) goes into one queue in arrival order, so Receive returns an
// error exactly where the stream broke, after the messages before it.
//
// Deadlines are enforced by that loop, not by CURLOPT_TIMEOUT_MS: an
// answer's stream outlives the Send that started it and is read later under
// each Receive's own deadline, so a timeout fixed when the request starts
// would be the wrong one. Connecting is bounded by connect_timeout_ms, and
// Close's DELETE (a blocking courtesy) by a total timeout of its own.
#include "probe/http_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <list>

#include "base/text.h"
#include "probe/http_exchange.h"
#include "probe/json_batch.h"

namespace mcpguard::probe {
namespace {

// An Error with no file position: these are about a peer, not a file.
Error Err(Errc code, std::string message) { return Error{code, std::move(message), {}, 0, 0}; }


// Messages received but not yet taken by Receive: a server that floods
// notifications is stopped here rather than by the machine's memory.
constexpr size_t kMaxQueuedBytes = 4 * kMaxMessageBytes;
// Close's DELETE is a courtesy; it does not get to hold up a scan.
constexpr auto kCloseBudget = std::chrono::milliseconds(2'000);
// The longest single wait in curl_multi_poll, so deadlines are checked often.
constexpr long kPollSliceMs = 250;

// Headers the transport sets itself; a configured header of the same name
// is dropped rather than sent twice.
bool IsReservedHeader(std::string_view name) {
  const std::string lower = ToLower(name);
  return lower == "content-type" || lower == "accept" || lower == "mcp-session-id" ||
         lower == "mcp-protocol-version" || lower == "content-length" || lower == "host" ||
         lower == "expect" || lower == "transfer-encoding";
}

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b >= 0x7F || std::string_view("()<>@,;:\\\"/[]?={}").find(c) != std::string_view::npos)
      return false;
  }
  return true;
}

// A configured header value must not smuggle a second header or request.
bool IsSafeValue(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

// RFC 9110 visible ASCII, which is what the MCP spec allows in a session id.
bool IsVisibleAscii(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7F; });
}

long MsUntil(Deadline deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left > 0 ? static_cast<long>(left) : 0;
}

class CurlTransport : public Transport, protected HttpExchange::Listener {
 public:
  CurlTransport(HttpUrl url, std::vector<std::string> headers, long connect_timeout_ms)
      : url_(std::move(url)), headers_(std::move(headers)), connect_timeout_ms_(connect_timeout_ms) {}
  ~CurlTransport() override { AbortAll(); }

  Result<void> Init() {
    multi_.reset(curl_multi_init());
    if (!multi_) return Fail(Errc::kIo, "cannot start libcurl (curl_multi_init)");
    return {};
  }

 protected:
  HttpRequest NewRequest(std::string method, const HttpUrl& url) const {
    HttpRequest r;
    r.method = std::move(method);
    r.url = url;
    r.headers = headers_;
    r.headers.push_back("Expect:");  // no 100-continue round trip before a large POST
    r.connect_timeout_ms = connect_timeout_ms_;
    return r;
  }

  Result<HttpExchange*> Start(HttpRequest request) {
    auto made = HttpExchange::Make(std::move(request), this);
    if (!made) return tl::make_unexpected(made.error());
    if (curl_multi_add_handle(multi_.get(), (*made)->easy()) != CURLM_OK)
      return Fail(Errc::kIo, "cannot start an HTTP request (curl_multi_add_handle)");
    exchanges_.push_back(std::move(*made));
    return exchanges_.back().get();
  }

  // Runs every exchange until `ready()` or the deadline (then false).
  bool Pump(Deadline deadline, const std::function<bool()>& ready) {
    for (;;) {
      int running = 0;
      curl_multi_perform(multi_.get(), &running);
      int left = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        void* owner = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &owner);
        static_cast<HttpExchange*>(owner)->Finish(msg->data.result);
      }
      SettleFinished();
      if (ready()) return true;
      const long wait = MsUntil(deadline);
      if (wait <= 0) return false;
      curl_multi_poll(multi_.get(), nullptr, 0, static_cast<int>(std::min(wait, kPollSliceMs)), nullptr);
    }
  }

  // Frees finished exchanges whose outcome was passed on.
  void Collect() {
    exchanges_.remove_if([this](const std::unique_ptr<HttpExchange>& ex) {
      if (!ex->done() || !ex->settled || ex->held || ex->pinned) return false;
      curl_multi_remove_handle(multi_.get(), ex->easy());
      return true;
    });
  }

  void Abort(HttpExchange* target) {
    exchanges_.remove_if([&](const std::unique_ptr<HttpExchange>& ex) {
      if (ex.get() != target) return false;
      curl_multi_remove_handle(multi_.get(), ex->easy());
      return true;
    });
  }

  void AbortAll() {
    for (const auto& ex : exchanges_) curl_multi_remove_handle(multi_.get(), ex->easy());
    exchanges_.clear();
  }

  // Waits for a request's status line and headers, and turns a failure
  // status into an error (waiting, within the deadline, for the excerpt of
  // the error page). The exchange is held: its outcome is the caller's.
  Result<void> AwaitHeaders(HttpExchange* ex, Deadline deadline, bool sent_session) {
    ex->held = true;
    const bool in_time = Pump(deadline, [ex] { return ex->headers_done() || ex->done(); });
    if (!in_time) {
      const std::string method = ex->request().method;
      Abort(ex);
      return Fail(Errc::kTimeout, url_.Origin() + " did not answer the " + method + " in time");
    }
    if (!ex->headers_done()) {
      Error error = ex->error().value_or(Err(Errc::kProtocol, url_.Origin() + " sent no response"));
      Abort(ex);
      return tl::make_unexpected(std::move(error));
    }
    const long status = ex->status();
    if (status >= 300 && status < 400) {
      std::string where = "a missing location";
      if (!ex->location().empty()) {
        auto target = ResolveHttpUrl(ex->request().url, ex->location());
        where = target ? target->host : "an unusable location";
      }
      Error error = Err(Errc::kProtocol, url_.Origin() + " answered HTTP " + std::to_string(status) +
                                             ", a redirect to " + Excerpt(where, 100) + "; redirects are not followed");
      Abort(ex);
      return tl::make_unexpected(std::move(error));
    }
    if (status < 200 || status >= 300) {
      Pump(deadline, [ex] { return ex->done(); });  // the excerpt, if it comes in time
      std::string what = ex->DescribeStatus();
      if (status == 404 && sent_session)
        what = "the session expired (" + what + "); it needs a new initialize";
      Abort(ex);
      return Fail(Errc::kProtocol, what);
    }
    ex->held = false;
    return {};
  }

  // Queues the messages in a JSON text (one message or a batch).
  Result<void> QueueJson(std::string_view text, const std::string& what) {
    auto messages = SplitJsonRpc(text);
    if (!messages)
      return Fail(Errc::kProtocol, what + " from " + url_.Origin() + " is " + messages.error().message + ": " +
                                       Excerpt(text, 80));
    for (std::string& message : *messages) {
      queued_bytes_ += message.size();
      if (queued_bytes_ > kMaxQueuedBytes)
        return Fail(Errc::kTooLarge, url_.Origin() + " sent more than " +
                                         std::to_string(kMaxQueuedBytes >> 20) + " MiB of unread messages");
      inbox_.emplace_back(std::move(message));
    }
    return {};
  }

  void QueueError(Error error) { inbox_.emplace_back(tl::make_unexpected(std::move(error))); }

  // Passes on the outcome of every finished exchange nobody is waiting on.
  void SettleFinished() {
    for (const auto& ex : exchanges_) {
      if (!ex->done() || ex->settled || ex->held) continue;
      ex->settled = true;
      Settle(*ex);
    }
  }

  virtual void Settle(HttpExchange& ex) = 0;
  // Whether some running exchange may still deliver a message.
  virtual bool MessagesMayCome() const = 0;

  Result<std::string> ReceiveQueued(Deadline deadline) {
    if (closed_) return Fail(Errc::kProtocol, "the HTTP transport is closed");
    Collect();
    Pump(deadline, [this] { return !inbox_.empty() || !MessagesMayCome(); });
    if (!inbox_.empty()) {
      Result<std::string> next = std::move(inbox_.front());
      inbox_.pop_front();
      if (next) queued_bytes_ -= next->size();
      return next;
    }
    if (!MessagesMayCome())
      return Fail(Errc::kProtocol, "no message can come from " + url_.Origin() +
                                       ": no request is awaiting an answer");
    return Fail(Errc::kTimeout, "no message from " + url_.Origin() + " before the deadline");
  }

  HttpUrl url_;
  std::vector<std::string> headers_;  // configured ones, "Name: value"
  long connect_timeout_ms_;
  CurlMulti multi_;
  std::list<std::unique_ptr<HttpExchange>> exchanges_;
  std::deque<Result<std::string>> inbox_;
  size_t queued_bytes_ = 0;
  bool closed_ = false;
};

// Streamable HTTP (2025-03-26 and later): one endpoint; every message is
// a POST, and its answer is a JSON body, an SSE stream, or 202 Accepted.
// The optional GET stream for server-initiated messages is not opened: a
// probe only lists, and every answer it needs comes on its own POST.
class StreamableTransport final : public CurlTransport {
 public:
  using CurlTransport::CurlTransport;
  ~StreamableTransport() override { Close(); }

  Result<void> Send(const std::string& message, Deadline deadline) override {
    if (closed_) return Fail(Errc::kProtocol, "the HTTP transport is closed");
    Collect();
    HttpRequest request = NewRequest("POST", url_);
    request.headers.push_back("Content-Type: application/json");
    request.headers.push_back("Accept: application/json, text/event-stream");
    AddSessionHeaders(request);
    request.body = message;
    const bool sent_session = !session_id_.empty();
    auto ex = Start(std::move(request));
    if (!ex) return tl::make_unexpected(ex.error());
    if (auto answered = AwaitHeaders(*ex, deadline, sent_session); !answered) return answered;
    // The session id comes with the initialize answer; later ones are ignored.
    if (session_id_.empty() && !(*ex)->session_id().empty()) {
      if (!IsVisibleAscii((*ex)->session_id())) {
        Abort(*ex);
        return Fail(Errc::kProtocol, url_.Origin() + " sent an Mcp-Session-Id with invalid characters");
      }
      session_id_ = (*ex)->session_id();
    }
    return {};
  }

  Result<std::string> Receive(Deadline deadline) override { return ReceiveQueued(deadline); }

  void SetProtocolVersion(const std::string& version) override { protocol_version_ = version; }

  void Close() override {
    if (closed_) return;
    closed_ = true;
    AbortAll();
    if (session_id_.empty()) return;
    // Ends the session on the server; any answer (405: not supported) will do.
    HttpRequest request = NewRequest("DELETE", url_);
    AddSessionHeaders(request);
    request.timeout_ms = static_cast<long>(kCloseBudget.count());
    auto ex = Start(std::move(request));
    if (!ex) return;
    HttpExchange* del = *ex;
    del->held = true;
    Pump(Clock::now() + kCloseBudget, [del] { return del->done(); });
    AbortAll();
  }

 protected:
  Result<void> OnEvent(HttpExchange& ex, SseEvent event) override {
    (void)ex;
    // Events of other types, and empty "priming" events, carry no message.
    if (event.event != "message" || event.data.empty()) return {};
    return QueueJson(event.data, "an SSE message event");
  }

  void Settle(HttpExchange& ex) override {
    if (ex.error()) return QueueError(*ex.error());
    if (ex.body_kind() == HttpExchange::BodyKind::kJson) {
      if (auto queued = QueueJson(ex.body(), "the response body"); !queued) QueueError(queued.error());
      return;
    }
    // 202 Accepted, or a 200 with nothing in it, answers a notification.
    if (ex.body_kind() == HttpExchange::BodyKind::kOther && ex.status() != 202 && !ex.body().empty())
      QueueError(Err(Errc::kProtocol, url_.Origin() + " answered with content type \"" +
                                            Excerpt(ex.content_type(), 60) +
                                            "\", not application/json or text/event-stream"));
  }

  bool MessagesMayCome() const override {
    return std::any_of(exchanges_.begin(), exchanges_.end(), [](const auto& ex) { return !ex->done(); });
  }

 private:
  void AddSessionHeaders(HttpRequest& request) const {
    if (!session_id_.empty()) request.headers.push_back("Mcp-Session-Id: " + session_id_);
    if (!protocol_version_.empty()) request.headers.push_back("MCP-Protocol-Version: " + protocol_version_);
  }

  std::string session_id_;
  std::string protocol_version_;
};

// The HTTP+SSE transport of 2024-11-05: a GET opens an SSE stream whose
// first event, `endpoint`, names the URL to POST messages to (relative to the
// stream's URL, and on the same origin: an endpoint elsewhere is refused, as
// it would send the session to a host nobody configured). Every answer
// comes back as a `message` event on the stream; the POSTs' own answers
// (202 "Accepted") carry nothing.
// MCP-Protocol-Version is a Streamable HTTP header; this transport predates
// it and ignores SetProtocolVersion.
class LegacySseTransport final : public CurlTransport {
 public:
  using CurlTransport::CurlTransport;
  ~LegacySseTransport() override { Close(); }

  Result<void> Send(const std::string& message, Deadline deadline) override {
    if (closed_) return Fail(Errc::kProtocol, "the HTTP transport is closed");
    Collect();
    if (!stream_)
      if (auto opened = OpenStream(deadline); !opened) return opened;
    HttpRequest request = NewRequest("POST", *endpoint_);
    request.headers.push_back("Content-Type: application/json");
    request.body = message;
    auto ex = Start(std::move(request));
    if (!ex) return tl::make_unexpected(ex.error());
    return AwaitHeaders(*ex, deadline, false);
  }

  Result<std::string> Receive(Deadline deadline) override {
    if (!stream_ && !closed_) return Fail(Errc::kProtocol, "nothing was sent to " + url_.Origin() + " yet");
    return ReceiveQueued(deadline);
  }

  void Close() override {
    if (closed_) return;
    closed_ = true;
    stream_ = nullptr;
    AbortAll();  // dropping the stream ends the session on the server
  }

 protected:
  Result<void> OnEvent(HttpExchange& ex, SseEvent event) override {
    if (&ex != stream_) return {};
    if (event.event == "endpoint") {
      if (endpoint_) return {};
      auto resolved = ResolveHttpUrl(url_, std::string(Trim(event.data)));
      if (!resolved) return Fail(Errc::kProtocol, url_.Origin() + " sent an endpoint event with an unusable URL");
      if (!resolved->SameOrigin(url_))
        return Fail(Errc::kProtocol, url_.Origin() + " named an endpoint on another origin (" +
                                         Excerpt(resolved->Origin(), 100) + "); refused");
      endpoint_ = std::move(*resolved);
      return {};
    }
    if (event.event != "message" || event.data.empty()) return {};
    return QueueJson(event.data, "an SSE message event");
  }

  void Settle(HttpExchange& ex) override {
    if (&ex != stream_) return;  // a POST's answer body says nothing
    QueueError(ex.error().value_or(Err(Errc::kProtocol, url_.Origin() + " closed the event stream")));
  }

  bool MessagesMayCome() const override { return stream_ && !stream_->done(); }

 private:
  Result<void> OpenStream(Deadline deadline) {
    HttpRequest request = NewRequest("GET", url_);
    request.headers.push_back("Accept: text/event-stream");
    request.headers.push_back("Cache-Control: no-cache");
    auto ex = Start(std::move(request));
    if (!ex) return tl::make_unexpected(ex.error());
    HttpExchange* stream = *ex;
    stream_ = stream;  // OnEvent reads events from it only
    if (auto answered = AwaitHeaders(stream, deadline, false); !answered) {
      stream_ = nullptr;
      return answered;
    }
    if (stream->body_kind() != HttpExchange::BodyKind::kSse) {
      stream_ = nullptr;
      const std::string type = Excerpt(stream->content_type(), 60);
      Abort(stream);
      return Fail(Errc::kProtocol,
                  url_.Origin() + " answered the GET with content type \"" + type + "\", not an event stream");
    }
    stream->pinned = true;  // stream_ points to it until Close
    stream->held = true;
    const bool in_time = Pump(deadline, [&] { return endpoint_.has_value() || stream->done(); });
    if (endpoint_) {
      stream->held = false;
      return {};
    }
    stream_ = nullptr;
    if (!in_time) {
      Abort(stream);
      return Fail(Errc::kTimeout, url_.Origin() + " sent no endpoint event in time");
    }
    Error error = stream->error().value_or(
        Err(Errc::kProtocol, url_.Origin() + " closed the event stream before its endpoint event"));
    Abort(stream);
    return tl::make_unexpected(std::move(error));
  }

  HttpExchange* stream_ = nullptr;
  std::optional<HttpUrl> endpoint_;
};

Result<std::vector<std::string>> CheckHeaders(const HttpTarget& target) {
  std::vector<std::string> out;
  for (const auto& [name, value] : target.headers) {
    // The value is never shown: it may be a credential.
    if (!IsToken(name)) return Fail(Errc::kInvalidArgument, "a configured HTTP header has an invalid name");
    if (!IsSafeValue(value))
      return Fail(Errc::kInvalidArgument, "the configured HTTP header " + name + " has a line break in its value");
    if (IsReservedHeader(name)) continue;
    // "Name;" is how curl is told to send a header with an empty value.
    out.push_back(value.empty() ? name + ";" : name + ": " + value);
  }
  return out;
}

template <class T>
Result<std::unique_ptr<Transport>> Build(HttpUrl url, std::vector<std::string> headers, long connect_ms) {
  auto transport = std::make_unique<T>(std::move(url), std::move(headers), connect_ms);
  if (auto ready = transport->Init(); !ready) return tl::make_unexpected(ready.error());
  return std::unique_ptr<Transport>(std::move(transport));
}

}  // namespace

Result<std::unique_ptr<Transport>> MakeHttpTransport(const HttpTarget& target, HttpFlavor flavor) {
  auto url = ParseHttpUrl(target.url);
  if (!url) return tl::make_unexpected(url.error());
  auto headers = CheckHeaders(target);
  if (!headers) return tl::make_unexpected(headers.error());
  const long connect_ms = target.connect_timeout_ms > 0 ? target.connect_timeout_ms : 5'000;
  if (flavor == HttpFlavor::kLegacySse) return Build<LegacySseTransport>(std::move(*url), std::move(*headers), connect_ms);
  return Build<StreamableTransport>(std::move(*url), std::move(*headers), connect_ms);
}

}  // namespace mcpguard::probe

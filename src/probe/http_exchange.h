// One HTTP request and its response, run on a curl multi handle that the
// transport drives (so several exchanges progress together without threads:
// the legacy transport reads its SSE stream while it POSTs).
//
// The response body is read according to what the headers say, once they
// are complete: an SSE stream (2xx, text/event-stream) is parsed as it
// arrives and each event handed to the Listener; a JSON body (2xx,
// application/json) is collected whole, capped at kMaxMessageBytes; anything
// else (error pages, 202's "Accepted") is kept only as a short excerpt for
// error messages, and reading stops there, so a never-ending error page
// costs nothing.
//
// Security choices, for every request: redirects are not followed; proxies
// from the environment are ignored (NOPROXY "*": a probe of a loopback
// server must not be sent elsewhere); only http and https; TLS peer and host
// verification on; no cookies, no netrc. The request headers may carry
// credentials (after decoy substitution, but still): they never appear in
// an error message, and neither does the URL beyond its origin.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "probe/curl_handles.h"
#include "probe/http_url.h"
#include "probe/sse.h"
#include "probe/transport.h"

namespace mcpguard::probe {

struct HttpRequest {
  std::string method;  // "GET", "POST" or "DELETE"
  HttpUrl url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // POST only
  long connect_timeout_ms = 5'000;
  long timeout_ms = 0;  // the whole exchange; 0: none, the driver enforces deadlines
};

class HttpExchange {
 public:
  enum class BodyKind { kUnknown, kSse, kJson, kOther };

  class Listener {
   public:
    virtual ~Listener() = default;
    // An error stops the exchange; it becomes the exchange's error().
    virtual Result<void> OnEvent(HttpExchange& exchange, SseEvent event) = 0;
  };

  // Builds the easy handle; the caller adds easy() to its multi handle.
  static Result<std::unique_ptr<HttpExchange>> Make(HttpRequest request, Listener* listener);
  ~HttpExchange();
  HttpExchange(const HttpExchange&) = delete;
  HttpExchange& operator=(const HttpExchange&) = delete;

  CURL* easy() const { return easy_.get(); }
  const HttpRequest& request() const { return request_; }
  // Called by the driver when curl reports the exchange over.
  void Finish(CURLcode code);

  bool headers_done() const { return headers_done_; }
  bool done() const { return done_; }
  long status() const { return status_; }
  BodyKind body_kind() const { return body_kind_; }
  const std::string& content_type() const { return content_type_; }  // media type, lower case
  const std::string& location() const { return location_; }
  const std::string& session_id() const { return session_id_; }
  // The JSON body (kJson), or the first bytes of any other body (kOther).
  const std::string& body() const { return body_; }
  // What went wrong on the wire or in the body: curl's error, a cap, bad SSE.
  const std::optional<Error>& error() const { return error_; }

  // Driver bookkeeping: whether the outcome was passed on, and whether a
  // caller is waiting on this exchange and will pass it on itself.
  bool settled = false;
  bool held = false;
  // The transport keeps a pointer to it: not to be freed before Close.
  bool pinned = false;

  // "HTTP 500 from http://h:1 (POST): <excerpt>", for a failed status.
  std::string DescribeStatus() const;

 private:
  HttpExchange(HttpRequest request, Listener* listener);
  static size_t OnHeader(char* data, size_t size, size_t count, void* self);
  static size_t OnBody(char* data, size_t size, size_t count, void* self);
  size_t Header(std::string_view line);
  size_t Body(std::string_view chunk);
  void HeadersComplete();
  size_t Stop(Error error);

  HttpRequest request_;
  Listener* listener_;
  CurlEasy easy_;
  CurlSlist header_list_;
  std::array<char, CURL_ERROR_SIZE> curl_error_{};

  bool headers_done_ = false;
  bool done_ = false;
  bool stopped_reading_ = false;  // we had all we wanted of a kOther body
  long status_ = 0;
  BodyKind body_kind_ = BodyKind::kUnknown;
  std::string content_type_;
  std::string location_;
  std::string session_id_;
  std::string body_;
  SseParser sse_;
  std::optional<Error> error_;
};

// An error for a curl failure, naming the origin and never the URL's path.
Error CurlFailure(CURLcode code, long os_errno, const char* detail, const std::string& origin);

}  // namespace mcpguard::probe

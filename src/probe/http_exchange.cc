#include "probe/http_exchange.h"

#include <cstring>
#include <utility>

#include "base/text.h"

namespace mcpguard::probe {
namespace {

// An Error with no file position: these are about a peer, not a file.
Error Err(Errc code, std::string message) { return Error{code, std::move(message), {}, 0, 0}; }


// Enough of an error page to say what went wrong.
constexpr size_t kExcerptBytes = 2048;
constexpr size_t kShownBytes = 200;

bool IsJsonMediaType(std::string_view type) {
  return type == "application/json" || (StartsWith(type, "application/") && EndsWith(type, "+json"));
}

bool IsTlsFailure(CURLcode code) {
  switch (code) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CLIENTCERT:
      return true;
    default:
      return false;
  }
}

std::string LowerFirst(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

}  // namespace

Error CurlFailure(CURLcode code, long os_errno, const char* detail, const std::string& origin) {
  std::string why = detail && *detail ? Excerpt(detail, kShownBytes) : curl_easy_strerror(code);
  if (code == CURLE_COULDNT_CONNECT && os_errno != 0) why = std::strerror(static_cast<int>(os_errno));
  why = LowerFirst(why);
  if (code == CURLE_OPERATION_TIMEDOUT) return Err(Errc::kTimeout, origin + ": timed out (" + why + ")");
  if (code == CURLE_COULDNT_CONNECT) return Err(Errc::kIo, "cannot connect to " + origin + ": " + why);
  if (code == CURLE_COULDNT_RESOLVE_HOST) return Err(Errc::kIo, "cannot resolve the host of " + origin);
  if (IsTlsFailure(code)) return Err(Errc::kIo, "TLS with " + origin + " failed: " + why);
  return Err(Errc::kIo, origin + ": " + why);
}

HttpExchange::HttpExchange(HttpRequest request, Listener* listener)
    : request_(std::move(request)), listener_(listener), sse_(kMaxMessageBytes, kMaxMessageBytes) {}

HttpExchange::~HttpExchange() = default;

Result<std::unique_ptr<HttpExchange>> HttpExchange::Make(HttpRequest request, Listener* listener) {
  CurlGlobalInitOnce();
  std::unique_ptr<HttpExchange> ex(new HttpExchange(std::move(request), listener));
  ex->easy_.reset(curl_easy_init());
  if (!ex->easy_) return Fail(Errc::kIo, "cannot start an HTTP request (curl_easy_init)");
  curl_slist* list = nullptr;
  for (const std::string& header : ex->request_.headers) {
    curl_slist* grown = curl_slist_append(list, header.c_str());
    if (!grown) {
      curl_slist_free_all(list);
      return Fail(Errc::kIo, "out of memory");
    }
    list = grown;
  }
  ex->header_list_.reset(list);

  CURL* h = ex->easy_.get();
  const HttpRequest& r = ex->request_;
  bool ok = true;
  const auto set = [&ok](CURLcode code) { ok = ok && code == CURLE_OK; };
  set(curl_easy_setopt(h, CURLOPT_URL, r.url.url.c_str()));
  set(curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https"));
  set(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L));
  set(curl_easy_setopt(h, CURLOPT_NOPROXY, "*"));
  set(curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L));
  set(curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L));
  set(curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L));
  set(curl_easy_setopt(h, CURLOPT_USERAGENT, "mcpguard-probe"));
  set(curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, r.connect_timeout_ms));
  if (r.timeout_ms > 0) set(curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, r.timeout_ms));
  set(curl_easy_setopt(h, CURLOPT_HTTPHEADER, ex->header_list_.get()));
  set(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ex->curl_error_.data()));
  set(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &HttpExchange::OnHeader));
  set(curl_easy_setopt(h, CURLOPT_HEADERDATA, ex.get()));
  set(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &HttpExchange::OnBody));
  set(curl_easy_setopt(h, CURLOPT_WRITEDATA, ex.get()));
  set(curl_easy_setopt(h, CURLOPT_PRIVATE, ex.get()));
  if (r.method == "POST") {
    set(curl_easy_setopt(h, CURLOPT_POST, 1L));
    set(curl_easy_setopt(h, CURLOPT_POSTFIELDS, r.body.data()));
    set(curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size())));
  } else if (r.method == "DELETE") {
    set(curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "DELETE"));
  }
  if (!ok) return Fail(Errc::kIo, "cannot set up an HTTP request (libcurl too old?)");
  return ex;
}

size_t HttpExchange::OnHeader(char* data, size_t size, size_t count, void* self) {
  return static_cast<HttpExchange*>(self)->Header(std::string_view(data, size * count));
}

size_t HttpExchange::OnBody(char* data, size_t size, size_t count, void* self) {
  return static_cast<HttpExchange*>(self)->Body(std::string_view(data, size * count));
}

size_t HttpExchange::Header(std::string_view line) {
  const size_t n = line.size();
  const std::string_view text = Trim(line);
  if (StartsWith(text, "HTTP/")) {
    // A new response begins (after a 1xx, say): forget the last one's headers.
    content_type_.clear();
    location_.clear();
    session_id_.clear();
    return n;
  }
  if (text.empty()) {
    long code = 0;
    curl_easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &code);
    if (code >= 200 || code == 0) {
      status_ = code;
      HeadersComplete();
    }
    return n;
  }
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) return n;
  const std::string name = ToLower(Trim(text.substr(0, colon)));
  const std::string_view value = Trim(text.substr(colon + 1));
  if (name == "content-type") {
    content_type_ = ToLower(Trim(value.substr(0, value.find(';'))));
  } else if (name == "location") {
    location_ = value;
  } else if (name == "mcp-session-id") {
    session_id_ = value;
  }
  return n;
}

void HttpExchange::HeadersComplete() {
  headers_done_ = true;
  const bool success = status_ >= 200 && status_ < 300;
  if (success && content_type_ == "text/event-stream") {
    body_kind_ = BodyKind::kSse;
  } else if (success && IsJsonMediaType(content_type_)) {
    body_kind_ = BodyKind::kJson;
  } else {
    body_kind_ = BodyKind::kOther;
  }
}

size_t HttpExchange::Stop(Error error) {
  error_ = std::move(error);
  return 0;  // curl ends the transfer with CURLE_WRITE_ERROR
}

size_t HttpExchange::Body(std::string_view chunk) {
  const std::string origin = request_.url.Origin();
  switch (body_kind_) {
    case BodyKind::kSse: {
      auto events = sse_.Feed(chunk);
      if (!events)
        return Stop(Err(events.error().code, "the event stream from " + origin + " broke its cap: " +
                                                   events.error().message));
      for (SseEvent& event : *events) {
        auto handled = listener_->OnEvent(*this, std::move(event));
        if (!handled) return Stop(handled.error());
      }
      return chunk.size();
    }
    case BodyKind::kJson:
      if (body_.size() + chunk.size() > kMaxMessageBytes)
        return Stop(Err(Errc::kTooLarge, "the response from " + origin + " is larger than " +
                                               std::to_string(kMaxMessageBytes >> 20) + " MiB"));
      body_.append(chunk);
      return chunk.size();
    case BodyKind::kUnknown:
    case BodyKind::kOther:
      break;
  }
  body_.append(chunk.substr(0, kExcerptBytes - std::min(kExcerptBytes, body_.size())));
  if (body_.size() < kExcerptBytes) return chunk.size();
  stopped_reading_ = true;
  return 0;
}

void HttpExchange::Finish(CURLcode code) {
  done_ = true;
  if (error_) return;
  if (code == CURLE_WRITE_ERROR && stopped_reading_) return;
  if (code != CURLE_OK) {
    long os_errno = 0;
    curl_easy_getinfo(easy_.get(), CURLINFO_OS_ERRNO, &os_errno);
    error_ = CurlFailure(code, os_errno, curl_error_.data(), request_.url.Origin());
    return;
  }
  if (body_kind_ == BodyKind::kSse && sse_.InsideEvent())
    error_ = Err(Errc::kProtocol,
                   "the event stream from " + request_.url.Origin() + " ended in the middle of an event");
}

std::string HttpExchange::DescribeStatus() const {
  std::string out = "HTTP " + std::to_string(status_) + " from " + request_.url.Origin() + " (" +
                    request_.method + ")";
  const std::string shown = Excerpt(body_, kShownBytes);
  if (!shown.empty()) out += ": " + shown;
  return out;
}

}  // namespace mcpguard::probe

// RAII owners for libcurl's C handles, so no path (error or early return)
// leaks an easy handle, a multi handle, a header list or a URL handle.
#pragma once

#include <curl/curl.h>

#include <memory>

namespace mcpguard::probe {

struct CurlEasyFree {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct CurlMultiFree {
  void operator()(CURLM* h) const { curl_multi_cleanup(h); }
};
struct CurlSlistFree {
  void operator()(curl_slist* h) const { curl_slist_free_all(h); }
};
struct CurlUrlFree {
  void operator()(CURLU* h) const { curl_url_cleanup(h); }
};
struct CurlStringFree {
  void operator()(char* s) const { curl_free(s); }
};

using CurlEasy = std::unique_ptr<CURL, CurlEasyFree>;
using CurlMulti = std::unique_ptr<CURLM, CurlMultiFree>;
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistFree>;
using CurlUrl = std::unique_ptr<CURLU, CurlUrlFree>;
using CurlString = std::unique_ptr<char, CurlStringFree>;

// curl_global_init, once per process, before the first handle. It is not
// thread-safe on every libcurl, and probes may run on several threads.
void CurlGlobalInitOnce();

}  // namespace mcpguard::probe

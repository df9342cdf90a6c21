// libcurl, loaded when the first HTTP probe needs it rather than when
// mcpguard starts. Linking it pulls some twenty libraries (nghttp2, ssh2,
// gnutls, krb5, ldap...) into every process, and `verify` and `exec` run
// before every server launch and never speak HTTP: their share of dynamic
// linking was about a millisecond (LD_DEBUG=statistics).
//
// The libcurl functions the probe calls are defined here, with libcurl's own
// signatures, and forward to the real ones found with dlopen/dlsym on first
// use; the rest of src/probe/ is written against <curl/curl.h> as usual.
// When libcurl cannot be loaded every call fails the way libcurl reports
// failure (a null handle, an error code), so an HTTP probe fails with a
// clear error and nothing else is affected.
#define CURL_DISABLE_TYPECHECK 1  // the real prototypes, not the type-checking macros
#include <curl/curl.h>
#include <dlfcn.h>

#include <cstdarg>
#include <mutex>

#ifndef MCPGUARD_LIBCURL_SONAME
#error "MCPGUARD_LIBCURL_SONAME must name libcurl's shared library (see src/CMakeLists.txt)"
#endif

namespace {

struct Api {
  CURLcode (*global_init)(long);
  CURL* (*easy_init)();
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  void (*easy_cleanup)(CURL*);
  const char* (*easy_strerror)(CURLcode);
  CURLM* (*multi_init)();
  CURLMcode (*multi_add_handle)(CURLM*, CURL*);
  CURLMcode (*multi_remove_handle)(CURLM*, CURL*);
  CURLMcode (*multi_perform)(CURLM*, int*);
  CURLMcode (*multi_poll)(CURLM*, struct curl_waitfd[], unsigned int, int, int*);
  CURLMsg* (*multi_info_read)(CURLM*, int*);
  CURLMcode (*multi_cleanup)(CURLM*);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
  CURLU* (*url)();
  CURLUcode (*url_set)(CURLU*, CURLUPart, const char*, unsigned int);
  CURLUcode (*url_get)(CURLU*, CURLUPart, char**, unsigned int);
  void (*url_cleanup)(CURLU*);
  void (*free)(void*);
};

template <class F>
bool Bind(void* lib, const char* name, F& out) {
  out = reinterpret_cast<F>(::dlsym(lib, name));
  return out != nullptr;
}

// Null when libcurl is missing or lacks a function we need (older than 7.66).
const Api* Load() {
  static Api api{};
  static const Api* loaded = nullptr;
  static std::once_flag once;
  std::call_once(once, [] {
    void* lib = ::dlopen(MCPGUARD_LIBCURL_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) return;
    const bool ok = Bind(lib, "curl_global_init", api.global_init) && Bind(lib, "curl_easy_init", api.easy_init) &&
                    Bind(lib, "curl_easy_setopt", api.easy_setopt) &&
                    Bind(lib, "curl_easy_getinfo", api.easy_getinfo) &&
                    Bind(lib, "curl_easy_cleanup", api.easy_cleanup) &&
                    Bind(lib, "curl_easy_strerror", api.easy_strerror) &&
                    Bind(lib, "curl_multi_init", api.multi_init) &&
                    Bind(lib, "curl_multi_add_handle", api.multi_add_handle) &&
                    Bind(lib, "curl_multi_remove_handle", api.multi_remove_handle) &&
                    Bind(lib, "curl_multi_perform", api.multi_perform) &&
                    Bind(lib, "curl_multi_poll", api.multi_poll) &&
                    Bind(lib, "curl_multi_info_read", api.multi_info_read) &&
                    Bind(lib, "curl_multi_cleanup", api.multi_cleanup) &&
                    Bind(lib, "curl_slist_append", api.slist_append) &&
                    Bind(lib, "curl_slist_free_all", api.slist_free_all) && Bind(lib, "curl_url", api.url) &&
                    Bind(lib, "curl_url_set", api.url_set) && Bind(lib, "curl_url_get", api.url_get) &&
                    Bind(lib, "curl_url_cleanup", api.url_cleanup) && Bind(lib, "curl_free", api.free);
    // Never dlclose: handles may outlive any scope we could close it in.
    if (ok) loaded = &api;
  });
  return loaded;
}

}  // namespace

extern "C" {

CURLcode curl_global_init(long flags) {
  const Api* a = Load();
  return a != nullptr ? a->global_init(flags) : CURLE_FAILED_INIT;
}

CURL* curl_easy_init(void) {
  const Api* a = Load();
  return a != nullptr ? a->easy_init() : nullptr;
}

// The option's type is encoded in its number (CURLOPTTYPE_*): read the one
// argument with that type, and pass it on with the same type.
CURLcode curl_easy_setopt(CURL* curl, CURLoption option, ...) {
  const Api* a = Load();
  if (a == nullptr) return CURLE_FAILED_INIT;
  va_list ap;
  va_start(ap, option);
  CURLcode rc;
  if (option < CURLOPTTYPE_OBJECTPOINT) {
    rc = a->easy_setopt(curl, option, va_arg(ap, long));
  } else if (option < CURLOPTTYPE_FUNCTIONPOINT) {
    rc = a->easy_setopt(curl, option, va_arg(ap, void*));
  } else if (option < CURLOPTTYPE_OFF_T) {
    using Fn = void (*)();
    rc = a->easy_setopt(curl, option, va_arg(ap, Fn));
  } else if (option < CURLOPTTYPE_BLOB) {
    rc = a->easy_setopt(curl, option, va_arg(ap, curl_off_t));
  } else {
    rc = a->easy_setopt(curl, option, va_arg(ap, void*));
  }
  va_end(ap);
  return rc;
}

// Every CURLINFO_* takes a pointer to where the answer goes.
CURLcode curl_easy_getinfo(CURL* curl, CURLINFO info, ...) {
  const Api* a = Load();
  if (a == nullptr) return CURLE_FAILED_INIT;
  va_list ap;
  va_start(ap, info);
  void* out = va_arg(ap, void*);
  va_end(ap);
  return a->easy_getinfo(curl, info, out);
}

void curl_easy_cleanup(CURL* curl) {
  if (const Api* a = Load(); a != nullptr && curl != nullptr) a->easy_cleanup(curl);
}

const char* curl_easy_strerror(CURLcode code) {
  const Api* a = Load();
  return a != nullptr ? a->easy_strerror(code) : "libcurl (" MCPGUARD_LIBCURL_SONAME ") cannot be loaded";
}

CURLM* curl_multi_init(void) {
  const Api* a = Load();
  return a != nullptr ? a->multi_init() : nullptr;
}

CURLMcode curl_multi_add_handle(CURLM* multi, CURL* easy) {
  const Api* a = Load();
  return a != nullptr ? a->multi_add_handle(multi, easy) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_remove_handle(CURLM* multi, CURL* easy) {
  const Api* a = Load();
  return a != nullptr ? a->multi_remove_handle(multi, easy) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_perform(CURLM* multi, int* running) {
  const Api* a = Load();
  return a != nullptr ? a->multi_perform(multi, running) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_poll(CURLM* multi, struct curl_waitfd extra[], unsigned int n, int timeout_ms, int* ret) {
  const Api* a = Load();
  return a != nullptr ? a->multi_poll(multi, extra, n, timeout_ms, ret) : CURLM_INTERNAL_ERROR;
}

CURLMsg* curl_multi_info_read(CURLM* multi, int* left) {
  const Api* a = Load();
  return a != nullptr ? a->multi_info_read(multi, left) : nullptr;
}

CURLMcode curl_multi_cleanup(CURLM* multi) {
  const Api* a = Load();
  return a != nullptr ? a->multi_cleanup(multi) : CURLM_INTERNAL_ERROR;
}

struct curl_slist* curl_slist_append(struct curl_slist* list, const char* text) {
  const Api* a = Load();
  return a != nullptr ? a->slist_append(list, text) : nullptr;
}

void curl_slist_free_all(struct curl_slist* list) {
  if (const Api* a = Load(); a != nullptr && list != nullptr) a->slist_free_all(list);
}

CURLU* curl_url(void) {
  const Api* a = Load();
  return a != nullptr ? a->url() : nullptr;
}

CURLUcode curl_url_set(CURLU* handle, CURLUPart what, const char* part, unsigned int flags) {
  const Api* a = Load();
  return a != nullptr && handle != nullptr ? a->url_set(handle, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}

CURLUcode curl_url_get(CURLU* handle, CURLUPart what, char** part, unsigned int flags) {
  const Api* a = Load();
  return a != nullptr && handle != nullptr ? a->url_get(handle, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}

void curl_url_cleanup(CURLU* handle) {
  if (const Api* a = Load(); a != nullptr && handle != nullptr) a->url_cleanup(handle);
}

void curl_free(void* p) {
  if (const Api* a = Load(); a != nullptr && p != nullptr) a->free(p);
}

}  // extern "C"

// OpenSSL's libcrypto, loaded when a file is first hashed rather than when
// mcpguard starts: it is built with immediate binding, and its 3,000-odd
// symbol lookups were the largest part of the dynamic loader's work in every
// `verify` and `exec`, which with a warm hash cache hash no file at all.
// The seven functions hash.cc calls are defined here with OpenSSL's own
// prototypes and forward to the real ones (dlsym on first use). If libcrypto
// cannot be loaded, mcpguard stops with a clear message, as the dynamic
// loader would have done at start.
#include <dlfcn.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <cstdio>
#include <mutex>

#ifndef MCPGUARD_LIBCRYPTO_SONAME
#error "MCPGUARD_LIBCRYPTO_SONAME must name libcrypto's shared library (see src/CMakeLists.txt)"
#endif

namespace {

template <class F>
F Resolve(const char* name) {
  static void* lib = nullptr;
  static std::once_flag once;
  std::call_once(once, [] { lib = ::dlopen(MCPGUARD_LIBCRYPTO_SONAME, RTLD_NOW | RTLD_LOCAL); });
  void* symbol = lib != nullptr ? ::dlsym(lib, name) : nullptr;
  if (symbol == nullptr) {
    std::fprintf(stderr, "mcpguard: error: cannot load %s from %s: %s\n", name, MCPGUARD_LIBCRYPTO_SONAME,
                 lib == nullptr ? ::dlerror() : "no such symbol");
    std::fflush(stderr);
    ::_exit(2);
  }
  return reinterpret_cast<F>(symbol);
}

}  // namespace

extern "C" {

int OPENSSL_init_crypto(uint64_t opts, const OPENSSL_INIT_SETTINGS* settings) {
  static const auto real = Resolve<decltype(&OPENSSL_init_crypto)>("OPENSSL_init_crypto");
  return real(opts, settings);
}

EVP_MD_CTX* EVP_MD_CTX_new(void) {
  static const auto real = Resolve<decltype(&EVP_MD_CTX_new)>("EVP_MD_CTX_new");
  return real();
}

void EVP_MD_CTX_free(EVP_MD_CTX* ctx) {
  static const auto real = Resolve<decltype(&EVP_MD_CTX_free)>("EVP_MD_CTX_free");
  real(ctx);
}

int EVP_DigestInit_ex(EVP_MD_CTX* ctx, const EVP_MD* type, ENGINE* impl) {
  static const auto real = Resolve<decltype(&EVP_DigestInit_ex)>("EVP_DigestInit_ex");
  return real(ctx, type, impl);
}

int EVP_DigestUpdate(EVP_MD_CTX* ctx, const void* d, size_t cnt) {
  static const auto real = Resolve<decltype(&EVP_DigestUpdate)>("EVP_DigestUpdate");
  return real(ctx, d, cnt);
}

int EVP_DigestFinal_ex(EVP_MD_CTX* ctx, unsigned char* md, unsigned int* s) {
  static const auto real = Resolve<decltype(&EVP_DigestFinal_ex)>("EVP_DigestFinal_ex");
  return real(ctx, md, s);
}

const EVP_MD* EVP_sha256(void) {
  static const auto real = Resolve<decltype(&EVP_sha256)>("EVP_sha256");
  return real();
}

}  // extern "C"

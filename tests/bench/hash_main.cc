// Driver for tests/bench/hash.sh: hashes one file with Sha256File and prints
// "<hex digest> <seconds>" so the script can compare it with openssl dgst.
#include <chrono>
#include <cstdio>

#include "pinning/hash.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  auto sha = mcpguard::pinning::Sha256File(argv[1]);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  if (!sha) {
    std::fprintf(stderr, "%s\n", sha.error().ToString().c_str());
    return 1;
  }
  std::printf("%s %.6f\n", sha->c_str(), elapsed.count());
  return 0;
}

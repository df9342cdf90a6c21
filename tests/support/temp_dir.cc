#include "support/temp_dir.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace mcpguard::test {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base != nullptr && base[0] != '\0' ? base : "/tmp") + "/mcpguard-test.XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  // Tests may leave unreadable directories behind; make them removable first.
  for (auto it = std::filesystem::recursive_directory_iterator(
           path_, std::filesystem::directory_options::skip_permission_denied, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec)) ::chmod(it->path().c_str(), 0755);
  }
  ::chmod(path_.c_str(), 0755);
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::Path(std::string_view rel) const { return path_ + "/" + std::string(rel); }

std::string TempDir::Write(std::string_view rel, std::string_view content) const {
  const std::string full = Path(rel);
  MakeDirs(std::filesystem::path(full).parent_path().string());
  std::ofstream out(full, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) throw std::runtime_error("cannot write " + full);
  return full;
}

std::string TempDir::Copy(const std::string& from, std::string_view rel) const {
  return Write(rel, ReadFile(from));
}

std::string TempDir::MakeDir(std::string_view rel) const {
  const std::string full = Path(rel);
  MakeDirs(full);
  return full;
}

void MakeDirs(const std::string& path) { std::filesystem::create_directories(path); }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string RealWorld(std::string_view name) {
  return std::string(MCPGUARD_SHARED_FIXTURES) + "/realworld/" + std::string(name);
}

}  // namespace mcpguard::test

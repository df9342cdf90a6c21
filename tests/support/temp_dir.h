// A temporary directory for one test, removed at the end, with helpers to lay
// out files in it. Tests never touch the real home: every path here is under
// $TMPDIR.
#pragma once

#include <string>
#include <string_view>

namespace mcpguard::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + rel
  std::string Path(std::string_view rel) const;
  // Writes `content` to path()/rel, creating parent directories; returns the full path.
  std::string Write(std::string_view rel, std::string_view content) const;
  // Copies a file (e.g. a shared fixture) to path()/rel.
  std::string Copy(const std::string& from, std::string_view rel) const;
  std::string MakeDir(std::string_view rel) const;

 private:
  std::string path_;
};

// mkdir -p
void MakeDirs(const std::string& path);
std::string ReadFile(const std::string& path);
// The absolute path of a file in the shared real-world corpus.
std::string RealWorld(std::string_view name);

}  // namespace mcpguard::test

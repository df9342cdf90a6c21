// Errors are values: anything a user's machine can cause (missing file,
// unreadable JSON, bad signature) comes back as an Error, never an exception.
#pragma once

#include <string>
#include <tl/expected.hpp>

namespace mcpguard {

enum class Errc {
  kNotFound = 1,
  kPermission,
  kParse,  // a config or state file is malformed
  kInvalidArgument,
  kIo,
  kTooLarge,
  kNotRegular,  // a directory, FIFO, device... where a file was expected
  kCorrupt,     // our own state fails an integrity check
  kUnsupported,
  kInterrupted,
  kTimeout,     // a bounded wait ran out (probe, process)
  kProtocol,    // a peer broke its protocol (MCP, JSON-RPC, HTTP framing)
};

struct Error {
  Errc code = Errc::kIo;
  std::string message;  // lower case, no trailing period: "unexpected '}'"
  std::string path;     // file the problem is in, if any
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;

  // "path:line:column: message"; a whole-file problem is reported at 1:1 so
  // every diagnostic has the same shape for editors and scripts.
  std::string ToString() const;
};

template <class T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> Fail(Errc code, std::string message, std::string path = {}, int line = 0,
                                  int column = 0) {
  return tl::make_unexpected(Error{code, std::move(message), std::move(path), line, column});
}

}  // namespace mcpguard

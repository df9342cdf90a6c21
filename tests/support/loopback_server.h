// A test HTTP server run in the background on a loopback port: the real
// server-everything in its HTTP modes, or the misbehaving fixture. It runs in
// its own process group, killed whole at the end of the test.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace mcpguard::test {

// A port nothing listens on right now (bound to 127.0.0.1:0, then released).
int FreeLoopbackPort();

class LoopbackServer {
 public:
  // Starts `argv` with PORT=<a free port> added to our environment; its
  // stdout and stderr go to `log_path`. Waits until 127.0.0.1:PORT accepts
  // connections (REQUIREs it within 15 s).
  LoopbackServer(const std::vector<std::string>& argv, const std::string& log_path);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:PORT" + path
  std::string Url(const std::string& path) const;
  // What the server has logged so far.
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_path_;
};

// node with the given script and arguments, from MCPGUARD_TEST_SERVERS.
std::vector<std::string> NodeScript(const std::string& relative_script, const std::vector<std::string>& args = {});

}  // namespace mcpguard::test

#pragma once
// A child process for end-to-end tests (api, worker, listener), started with extra
// environment variables and its output appended to a log file. The destructor
// stops it (SIGTERM, then SIGKILL), so a failing test leaves nothing running.
#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace switchyard::testing {

class ChildProcess {
 public:
  ChildProcess(std::string program, std::vector<std::string> args,
               const std::map<std::string, std::string>& env, std::string log_path);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  // SIGTERM, wait up to `grace`, then SIGKILL. Returns the exit status (or -signal).
  int stop(std::chrono::milliseconds grace = std::chrono::seconds(15));
  void kill9();
  // Waits for exit by itself; nullopt past `timeout`.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);
  const std::string& log_path() const { return log_path_; }
  std::string log() const;

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
  std::string log_path_;
};

}  // namespace switchyard::testing

#include "plugins/plugin_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>

namespace switchyard::workers::plugins {
namespace {

constexpr std::size_t kErrTail = 4096;

// A pipe whose ends close when it leaves scope.
struct Pipe {
  int fd[2] = {-1, -1};
  Pipe() {
    if (pipe2(fd, O_CLOEXEC) != 0) fd[0] = fd[1] = -1;
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  void close_read() {
    if (fd[0] >= 0) ::close(fd[0]);
    fd[0] = -1;
  }
  void close_write() {
    if (fd[1] >= 0) ::close(fd[1]);
    fd[1] = -1;
  }
  bool ok() const { return fd[0] >= 0 && fd[1] >= 0; }
};

std::vector<char*> pointers(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

void keep_tail(std::string& tail, const char* data, std::size_t n) {
  tail.append(data, n);
  if (tail.size() > kErrTail) tail.erase(0, tail.size() - kErrTail);
}

}  // namespace

ProcessRun run_process(const std::vector<std::string>& argv, const std::string& cwd,
                       const std::vector<std::string>& env, const std::string& input,
                       const ProcessLimits& limits) {
  // A command that exits without reading its stdin must not kill the worker with
  // SIGPIPE: the write fails with EPIPE instead (the command gets SIGPIPE back
  // at its default through setsigdefault below).
  static const bool sigpipe_ignored = (std::signal(SIGPIPE, SIG_IGN), true);
  (void)sigpipe_ignored;
  ProcessRun run;
  if (argv.empty()) {
    run.err_tail = "no command";
    return run;
  }
  Pipe in, out, err;
  if (!in.ok() || !out.ok() || !err.ok()) {
    run.err_tail = std::string("pipe: ") + std::strerror(errno);
    return run;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.fd[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out.fd[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err.fd[1], 2);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setpgroup(&attr, 0);  // its own group: a timeout kills its children too
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGINT);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  auto args = pointers(argv);
  auto envp = pointers(env);
  pid_t pid = -1;
  const int spawned =
      posix_spawnp(&pid, argv[0].c_str(), &actions, &attr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (spawned != 0) {
    run.err_tail = "cannot start " + argv[0] + ": " + std::strerror(spawned);
    return run;
  }
  in.close_read();
  out.close_write();
  err.close_write();
  fcntl(in.fd[1], F_SETFL, O_NONBLOCK);

  const auto deadline = std::chrono::steady_clock::now() + limits.timeout;
  std::size_t written = 0;
  if (input.empty()) in.close_write();
  char buffer[16384];
  while (out.fd[0] >= 0 || err.fd[0] >= 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      run.end = ProcessRun::End::kTimedOut;
      break;
    }
    pollfd fds[3] = {{out.fd[0], POLLIN, 0}, {err.fd[0], POLLIN, 0}, {in.fd[1], POLLOUT, 0}};
    if (poll(fds, 3, static_cast<int>(std::min<long long>(left.count(), 1000))) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) {
      const ssize_t n = ::write(in.fd[1], input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n < 0 && errno != EAGAIN) written = input.size();  // it closed its stdin: fine
      if (written >= input.size()) in.close_write();
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = ::read(out.fd[0], buffer, sizeof buffer);
      if (n <= 0) {
        out.close_read();
      } else {
        run.out.append(buffer, static_cast<std::size_t>(n));
        if (run.out.size() > limits.max_output) {
          run.out.resize(limits.max_output);
          run.end = ProcessRun::End::kOutputTooLarge;
          break;
        }
      }
    }
    if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = ::read(err.fd[0], buffer, sizeof buffer);
      if (n <= 0) {
        err.close_read();
      } else {
        keep_tail(run.err_tail, buffer, static_cast<std::size_t>(n));
      }
    }
  }
  if (run.end == ProcessRun::End::kTimedOut || run.end == ProcessRun::End::kOutputTooLarge) {
    ::kill(-pid, SIGKILL);
  }
  // A command that closed its output but goes on running still meets its timeout.
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) break;
    if (done == 0 && std::chrono::steady_clock::now() >= deadline &&
        run.end == ProcessRun::End::kNotStarted) {
      run.end = ProcessRun::End::kTimedOut;
      ::kill(-pid, SIGKILL);
    }
    if (done == 0) ::usleep(2000);
  }
  // Whatever the command left behind in its group goes with it.
  ::kill(-pid, SIGKILL);
  if (run.end == ProcessRun::End::kNotStarted) {
    if (WIFEXITED(status)) {
      run.end = ProcessRun::End::kExited;
      run.exit_code = WEXITSTATUS(status);
    } else {
      run.end = ProcessRun::End::kSignaled;
      run.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    }
  }
  return run;
}

}  // namespace switchyard::workers::plugins

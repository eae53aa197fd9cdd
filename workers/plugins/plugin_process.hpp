#pragma once
// PluginProcess: runs one command of an exec plugin (docs/plugins.md#exec-runtime)
// and collects what it said. No shell: argv is executed as given (posix_spawnp,
// PATH searched), in `cwd`, with exactly `env`, in a process group of its own,
// with every other file descriptor of the worker closed. `input` is written to its
// stdin, then stdin is closed. Past `timeout` or past `max_output` bytes of stdout
// the whole group is killed (SIGKILL) and the run says which. stderr is kept up to
// its last 4 KiB. Blocks the calling thread (a handler thread of the plugins pool),
// never the worker's consumer loop.
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace switchyard::workers::plugins {

struct ProcessLimits {
  std::chrono::milliseconds timeout{30'000};
  std::size_t max_output = 1 << 20;
};

struct ProcessRun {
  enum class End { kExited, kSignaled, kTimedOut, kOutputTooLarge, kNotStarted };
  End end = End::kNotStarted;
  int exit_code = -1;    // kExited
  int signal = 0;        // kSignaled
  std::string out;       // stdout, at most max_output bytes
  std::string err_tail;  // the last 4 KiB of stderr (or why it did not start)
};

ProcessRun run_process(const std::vector<std::string>& argv, const std::string& cwd,
                       const std::vector<std::string>& env, const std::string& input,
                       const ProcessLimits& limits);

}  // namespace switchyard::workers::plugins

#pragma once
// Turns SIGTERM and SIGINT into a call on an ordinary thread, so that shutdown code
// may lock, log and join (none of which is allowed in a signal handler). Construct it
// first in main(), before any other thread starts: the signals are blocked in every
// thread and received by sigwait() in this one.
#include <csignal>
#include <functional>
#include <thread>

namespace switchyard::process {

class ShutdownSignal {
 public:
  ShutdownSignal();
  ~ShutdownSignal();
  ShutdownSignal(const ShutdownSignal&) = delete;
  ShutdownSignal& operator=(const ShutdownSignal&) = delete;

  // Blocks the caller until SIGTERM or SIGINT arrives (or trigger() is called).
  void wait();
  // Lets wait() return as if a signal came (tests, fatal errors).
  void trigger();

 private:
  sigset_t set_{};
};

}  // namespace switchyard::process

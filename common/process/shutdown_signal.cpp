#include "process/shutdown_signal.hpp"

#include <pthread.h>
#include <unistd.h>

namespace switchyard::process {

ShutdownSignal::ShutdownSignal() {
  sigemptyset(&set_);
  sigaddset(&set_, SIGTERM);
  sigaddset(&set_, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set_, nullptr);  // inherited by every thread started later
  ::signal(SIGPIPE, SIG_IGN);                  // a closed socket is an error code, not a death
}

ShutdownSignal::~ShutdownSignal() { pthread_sigmask(SIG_UNBLOCK, &set_, nullptr); }

void ShutdownSignal::wait() {
  int received = 0;
  sigwait(&set_, &received);
}

void ShutdownSignal::trigger() { ::kill(::getpid(), SIGTERM); }

}  // namespace switchyard::process

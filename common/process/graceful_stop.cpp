#include "process/graceful_stop.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>

namespace switchyard::process {

void await_or_exit(std::future<void>& done, std::chrono::seconds grace, std::string_view who) {
  if (done.wait_for(grace) == std::future_status::ready) return;
  spdlog::warn(
      "{} did not finish its work within {} s; exiting, unacked messages return to "
      "their queues",
      who, grace.count());
  spdlog::default_logger()->flush();
  std::_Exit(0);
}

}  // namespace switchyard::process

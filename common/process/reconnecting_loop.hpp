#pragma once
// The loop every consumer runs: open its connections and work (the session) until
// told to stop; when the broker or the database goes away, log it, wait with
// backoff and open them again. A lost connection is never fatal, and a process
// never spins: each failed attempt waits longer, up to the cap.
#include <atomic>
#include <chrono>
#include <functional>
#include <string_view>

namespace switchyard::process {

struct ReconnectPolicy {
  std::chrono::milliseconds base{200};
  std::chrono::milliseconds cap{5000};
};

// Runs `session` again and again while `running`; `session` returns or throws when
// its connections break. `who` names the process in logs ("worker", "listener").
void run_reconnecting(const std::atomic<bool>& running, std::string_view who,
                      ReconnectPolicy policy, const std::function<void()>& session);

}  // namespace switchyard::process

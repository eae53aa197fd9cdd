#pragma once
// Where retries wait. A failed attempt is published to the `delays` headers
// exchange with its original routing key and a header delay-step (not x-…: a
// headers exchange ignores x- headers when it matches); the delay
// queue of that step holds it for its fixed TTL, then dead-letters it (at least
// once) to the `tasks` exchange, which routes it back to its service queue. Fixed
// steps (100 ms … 1 h, in 1-2-5 steps) rather than a TTL per message: a queue
// only expires messages at its head, so one queue per step keeps every delay
// exact. The computed delay (backoff with jitter) is rounded to the nearest step.
// Delayed tasks (delay_ms, run_at) wait in the same queues, hop after hop
// (delay_hop): a worker that gets one before its run_at sends it on to the next
// hop without running it.
#include <chrono>
#include <string>
#include <vector>

namespace switchyard::amqp {

inline const std::string kDelaysExchange = "delays";
inline const std::string kDeadLettersQueue = "dead-letters";

struct DelayStep {
  std::chrono::milliseconds delay;
  std::string label;  // "100ms", "2s", "5m", "1h": the queue is delay.<label>
  std::string queue_name() const { return "delay." + label; }
};

const std::vector<DelayStep>& delay_steps();
const DelayStep& nearest_delay_step(std::chrono::milliseconds delay);
// The shortest step not under `delay` (the longest step when every one is).
const DelayStep& delay_step_at_least(std::chrono::milliseconds delay);

// The longest delay a task may ask for (docs/scheduling.md): 7 days, 168 hops of
// the 1 h queue.
inline constexpr std::chrono::milliseconds kMaxTaskDelay{7LL * 24 * 3600 * 1000};

// The next hop of a task that must wait `remaining` (> 0) more: the longest step
// not past it, so it never comes back later than it must by more than the
// shortest step (the shortest when `remaining` is below every step).
const DelayStep& delay_hop(std::chrono::milliseconds remaining);

}  // namespace switchyard::amqp

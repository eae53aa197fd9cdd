#pragma once
// Where retries wait. A failed attempt is published to the `delays` headers
// exchange with its original routing key and a header delay-step (not x-…: a
// headers exchange ignores x- headers when it matches); the delay
// queue of that step holds it for its fixed TTL, then dead-letters it (at least
// once) to the `tasks` exchange, which routes it back to its service queue. Fixed
// steps (100 ms … 1 h, in 1-2-5 steps) rather than a TTL per message: a queue
// only expires messages at its head, so one queue per step keeps every delay
// exact. The computed delay (backoff with jitter) is rounded to the nearest step.
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

}  // namespace switchyard::amqp

#pragma once
// The retry policy, one formula in one place. After a failed attempt n of a task
// whose policy allows max_attempts (services.yaml, or the task's own max_attempts):
//   - an error no retry can fix (bad payload, no handler)  → failed
//   - n < max_attempts                                     → retrying, after
//       delay(n) = min(backoff_max_ms, backoff_base_ms · 2^(n-1)) ± jitter,
//       rounded to the nearest delay queue step (amqp/delay_queues.hpp);
//       when the failure asked for a longer wait (retry_after, a service's
//       Retry-After), the shortest step not under it (at most the longest step)
//   - otherwise (attempts exhausted)                       → dead, dead-lettered
#include <chrono>
#include <optional>
#include <random>

#include "amqp/delay_queues.hpp"
#include "config/services_config.hpp"
#include "domain/task_status.hpp"
#include "envelope/task_envelope.hpp"

namespace switchyard::workers {

struct RetryDecision {
  domain::TaskStatus status;
  const amqp::DelayStep* delay = nullptr;  // set for kRetrying
};

RetryDecision decide_after_failure(
    const envelope::TaskEnvelope& task, const config::RetryPolicy& policy, bool retryable,
    std::mt19937_64& rng, std::chrono::milliseconds retry_after = std::chrono::milliseconds(0));

}  // namespace switchyard::workers

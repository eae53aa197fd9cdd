#include "retry_policy.hpp"

#include "domain/backoff.hpp"

namespace switchyard::workers {

RetryDecision decide_after_failure(const envelope::TaskEnvelope& task,
                                   const config::RetryPolicy& policy, bool retryable,
                                   std::mt19937_64& rng, std::chrono::milliseconds retry_after) {
  if (!retryable) return {domain::TaskStatus::kFailed};
  if (task.attempt >= task.max_attempts) return {domain::TaskStatus::kDead};
  const auto delay =
      domain::backoff_delay(task.attempt, std::chrono::milliseconds(policy.backoff_base_ms),
                            std::chrono::milliseconds(policy.backoff_max_ms), policy.jitter, rng);
  if (retry_after > delay)
    return {domain::TaskStatus::kRetrying, &amqp::delay_step_at_least(retry_after)};
  return {domain::TaskStatus::kRetrying, &amqp::nearest_delay_step(delay)};
}

}  // namespace switchyard::workers

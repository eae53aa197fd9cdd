#include "outcome_messages.hpp"

#include "amqp/topology.hpp"
#include "envelope/timestamp.hpp"
#include "retry_policy.hpp"

namespace switchyard::workers {

amqp::OutgoingMessage retry_message(const WindowTask& item, const amqp::DelayStep& delay) {
  envelope::TaskEnvelope next = item.task;
  ++next.attempt;
  amqp::OutgoingMessage message;
  message.exchange = amqp::kDelaysExchange;
  message.routing_key = next.routing_key();
  message.body = envelope::to_json(next);
  message.message_id = next.id;
  message.delay_step = delay.label;
  message.attempt = next.attempt;
  message.reply_to = item.reply_to;  // the last attempt answers a caller still waiting
  if (!item.reply_to.empty()) message.correlation_id = next.id;
  return message;
}

amqp::OutgoingMessage delay_hop_message(const WindowTask& item, const amqp::DelayStep& hop) {
  amqp::OutgoingMessage message;
  message.exchange = amqp::kDelaysExchange;
  message.routing_key = item.task.routing_key();
  message.body = item.body;
  message.message_id = item.task.id;
  message.delay_step = hop.label;
  message.attempt = item.task.attempt;
  message.reply_to = item.reply_to;
  if (!item.reply_to.empty()) message.correlation_id = item.task.id;
  return message;
}

amqp::OutgoingMessage follow_up_message(const envelope::TaskEnvelope& task, std::string body,
                                        std::chrono::system_clock::time_point now) {
  amqp::OutgoingMessage message;
  message.exchange = amqp::kTasksExchange;
  message.routing_key = task.routing_key();
  message.body = std::move(body);
  message.message_id = task.id;
  message.attempt = task.attempt;
  const auto run_at = task.run_at ? envelope::parse_timestamp(*task.run_at) : std::nullopt;
  if (run_at && *run_at > now) {
    message.exchange = amqp::kDelaysExchange;
    message.delay_step =
        amqp::delay_hop(std::chrono::duration_cast<std::chrono::milliseconds>(*run_at - now)).label;
  }
  return message;
}

amqp::OutgoingMessage dead_letter(const std::string& id, std::string task_view) {
  amqp::OutgoingMessage message;
  message.routing_key = amqp::kDeadLettersQueue;  // default exchange
  message.body = std::move(task_view);
  message.message_id = id;
  return message;
}

void settle_failure(envelope::TaskOutcome& outcome, const WindowTask& source,
                    const config::RetryPolicy& policy, std::mt19937_64& rng,
                    std::vector<amqp::OutgoingMessage>& follow_ups) {
  if (outcome.status != domain::TaskStatus::kFailed) return;
  const auto decision =
      decide_after_failure(outcome.task, policy, outcome.retryable, rng, outcome.retry_after);
  outcome.status = decision.status;
  if (decision.status == domain::TaskStatus::kRetrying) {
    outcome.finished_at.clear();
    outcome.retry_delay = decision.delay->delay;
    follow_ups.push_back(retry_message(source, *decision.delay));
  } else if (decision.status == domain::TaskStatus::kDead) {
    follow_ups.push_back(dead_letter(outcome.task.id, envelope::to_reply_json(outcome)));
  }
}

void announce_outcome(const WindowTask& source, const envelope::TaskOutcome& outcome, bool written,
                      bool wants_events, std::vector<Announcement>& announcements) {
  const bool reply = domain::is_final(outcome.status) && !source.reply_to.empty();
  const bool event = written && wants_events;
  if (!reply && !event) return;
  const std::string body = envelope::to_reply_json(outcome);
  if (reply) announcements.push_back({"", source.reply_to, outcome.task.id, body, false});
  if (event) {
    announcements.push_back({amqp::kEventsExchange,
                             "task." + std::string(domain::to_string(outcome.status)),
                             outcome.task.id, body, true});
    // One key for every end, for the live stream: whatever the final state.
    if (domain::is_final(outcome.status) || outcome.status == domain::TaskStatus::kDead) {
      announcements.push_back({amqp::kEventsExchange, std::string(amqp::kTaskCompletedEvent),
                               outcome.task.id, body, true});
    }
  }
}

}  // namespace switchyard::workers

// What a task's outcome sends (workers/outcome_messages.hpp), without a broker or
// a database: a failure's status and its retry or dead letter, the reply to a
// waiting caller only once the task is final, and the lifecycle event only when
// the outcome was written and someone wants events.
#include "outcome_messages.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "amqp/delay_queues.hpp"
#include "amqp/topology.hpp"
#include "support/function_handler.hpp"

namespace switchyard::workers {
namespace {

using domain::TaskStatus;
using switchyard::testing::sample_task;

constexpr const char* kReplyTo = "amq.rabbitmq.reply-to.caller";

config::RetryPolicy no_jitter() {
  config::RetryPolicy policy;
  policy.jitter = 0;
  return policy;
}

envelope::TaskOutcome failed(const WindowTask& item, bool retryable = true) {
  envelope::TaskOutcome outcome;
  outcome.task = item.task;
  outcome.status = TaskStatus::kFailed;
  outcome.error_json = envelope::error_json("flaky", "try again");
  outcome.started_at = "2026-01-01T00:00:00Z";
  outcome.finished_at = "2026-01-01T00:00:01Z";
  outcome.retryable = retryable;
  return outcome;
}

WindowTask delivered(int attempt = 1, const std::string& reply_to = "") {
  auto task = sample_task();
  task.attempt = attempt;
  return {task, envelope::to_json(task), reply_to};
}

TEST(OutcomeMessages, RetriesAFailureWithAttemptsLeftAsItsNextAttemptThroughTheDelays) {
  const auto item = delivered(1, kReplyTo);
  auto outcome = failed(item);
  std::mt19937_64 rng(1);
  std::vector<amqp::OutgoingMessage> follow_ups;
  settle_failure(outcome, item, no_jitter(), rng, follow_ups);
  EXPECT_EQ(outcome.status, TaskStatus::kRetrying);
  EXPECT_TRUE(outcome.finished_at.empty()) << "a retrying task has not finished";
  ASSERT_EQ(follow_ups.size(), 1u);
  const auto& retry = follow_ups[0];
  EXPECT_EQ(retry.exchange, amqp::kDelaysExchange);
  EXPECT_EQ(retry.routing_key, item.task.routing_key());
  EXPECT_EQ(retry.delay_step, amqp::nearest_delay_step(std::chrono::milliseconds(1000)).label);
  // The ledger keeps the wait with the attempt's error (the task's timeline).
  EXPECT_EQ(outcome.retry_delay, amqp::nearest_delay_step(std::chrono::milliseconds(1000)).delay);
  EXPECT_EQ(retry.message_id, item.task.id);
  EXPECT_EQ(retry.attempt, 2);
  EXPECT_EQ(envelope::parse_task_envelope(retry.body).attempt, 2);
  EXPECT_EQ(retry.reply_to, kReplyTo);
  EXPECT_EQ(retry.correlation_id, item.task.id);
}

TEST(OutcomeMessages, GivesARetryNoCorrelationWhenNobodyWaits) {
  const auto retry = retry_message(delivered(), amqp::nearest_delay_step(std::chrono::seconds(1)));
  EXPECT_TRUE(retry.reply_to.empty());
  EXPECT_TRUE(retry.correlation_id.empty());
}

TEST(OutcomeMessages, DeadLettersTheLastAttemptsFailureAsTheTaskShows) {
  const auto item = delivered(3);
  auto outcome = failed(item);
  std::mt19937_64 rng(1);
  std::vector<amqp::OutgoingMessage> follow_ups;
  settle_failure(outcome, item, no_jitter(), rng, follow_ups);
  EXPECT_EQ(outcome.status, TaskStatus::kDead);
  EXPECT_FALSE(outcome.finished_at.empty());
  EXPECT_EQ(outcome.retry_delay.count(), 0) << "no attempt follows a dead one";
  ASSERT_EQ(follow_ups.size(), 1u);
  EXPECT_EQ(follow_ups[0].exchange, "");
  EXPECT_EQ(follow_ups[0].routing_key, amqp::kDeadLettersQueue);
  EXPECT_EQ(follow_ups[0].message_id, item.task.id);
  EXPECT_EQ(follow_ups[0].body, envelope::to_reply_json(outcome));
}

TEST(OutcomeMessages, FailsAFailureNoRetryCanFixWithoutAFollowUp) {
  const auto item = delivered(1);
  auto outcome = failed(item, /*retryable=*/false);
  std::mt19937_64 rng(1);
  std::vector<amqp::OutgoingMessage> follow_ups;
  settle_failure(outcome, item, no_jitter(), rng, follow_ups);
  EXPECT_EQ(outcome.status, TaskStatus::kFailed);
  EXPECT_TRUE(follow_ups.empty());
}

TEST(OutcomeMessages, LeavesASuccessAsItIs) {
  const auto item = delivered(3);
  auto outcome = failed(item);
  outcome.status = TaskStatus::kSucceeded;
  std::mt19937_64 rng(1);
  std::vector<amqp::OutgoingMessage> follow_ups;
  settle_failure(outcome, item, no_jitter(), rng, follow_ups);
  EXPECT_EQ(outcome.status, TaskStatus::kSucceeded);
  EXPECT_TRUE(follow_ups.empty());
}

TEST(OutcomeMessages, AnswersAWaitingCallerOnceTheTaskIsFinal) {
  const auto item = delivered(1, kReplyTo);
  auto outcome = failed(item);
  outcome.status = TaskStatus::kSucceeded;
  std::vector<Announcement> announcements;
  announce_outcome(item, outcome, /*written=*/true, /*wants_events=*/false, announcements);
  ASSERT_EQ(announcements.size(), 1u);
  EXPECT_EQ(announcements[0].exchange, "");
  EXPECT_EQ(announcements[0].routing_key, kReplyTo);
  EXPECT_EQ(announcements[0].correlation_id, item.task.id);
  EXPECT_EQ(announcements[0].body, envelope::to_reply_json(outcome));
  EXPECT_FALSE(announcements[0].persistent);
}

TEST(OutcomeMessages, LetsARetryingTaskAnswerFromItsLastAttempt) {
  const auto item = delivered(1, kReplyTo);
  auto outcome = failed(item);
  outcome.status = TaskStatus::kRetrying;
  std::vector<Announcement> announcements;
  announce_outcome(item, outcome, true, false, announcements);
  EXPECT_TRUE(announcements.empty());
}

TEST(OutcomeMessages, SendsALifecycleEventOnlyForAWrittenOutcomeSomeoneWants) {
  const auto item = delivered();
  auto outcome = failed(item);
  outcome.status = TaskStatus::kDead;
  std::vector<Announcement> announcements;
  announce_outcome(item, outcome, /*written=*/false, /*wants_events=*/true, announcements);
  announce_outcome(item, outcome, /*written=*/true, /*wants_events=*/false, announcements);
  EXPECT_TRUE(announcements.empty()) << "no caller waits, and no event is due";
  announce_outcome(item, outcome, /*written=*/true, /*wants_events=*/true, announcements);
  ASSERT_EQ(announcements.size(), 2u);
  EXPECT_EQ(announcements[0].exchange, amqp::kEventsExchange);
  EXPECT_EQ(announcements[0].routing_key, "task.dead");
  EXPECT_EQ(announcements[0].correlation_id, item.task.id);
  EXPECT_TRUE(announcements[0].persistent);
  EXPECT_EQ(announcements[1].routing_key, "task.completed") << "an end, for the live stream";
  EXPECT_EQ(announcements[1].body, announcements[0].body);
}

TEST(OutcomeMessages, SendsTaskCompletedOnlyAfterAFinalState) {
  const auto item = delivered();
  auto outcome = failed(item);
  outcome.status = TaskStatus::kRetrying;
  std::vector<Announcement> announcements;
  announce_outcome(item, outcome, /*written=*/true, /*wants_events=*/true, announcements);
  ASSERT_EQ(announcements.size(), 1u);
  EXPECT_EQ(announcements[0].routing_key, "task.retrying");
}

TEST(OutcomeMessages, SendsAnEarlyDelayedTaskOnToItsNextHopAtTheSameAttempt) {
  const auto item = delivered(2, kReplyTo);
  const auto hop = delay_hop_message(item, amqp::delay_hop(std::chrono::milliseconds(2700)));
  EXPECT_EQ(hop.exchange, amqp::kDelaysExchange);
  EXPECT_EQ(hop.delay_step, "2s");
  EXPECT_EQ(hop.attempt, 2) << "a hop is no attempt";
  EXPECT_EQ(hop.body, item.body);
  EXPECT_EQ(hop.routing_key, item.task.routing_key());
  EXPECT_EQ(hop.reply_to, kReplyTo);
}

}  // namespace
}  // namespace switchyard::workers

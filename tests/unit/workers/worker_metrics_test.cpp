// The worker's series: every configured action of the served services is there
// from the start, outcomes count by status, and nothing a message says can add a
// label value.
#include "worker_metrics.hpp"

#include <gtest/gtest.h>

#include "envelope/timestamp.hpp"

namespace switchyard::workers {
namespace {

using domain::TaskStatus;

config::ServicesConfig services() {
  config::ServicesConfig config;
  config.services["system"].name = "system";
  config.services["system"].actions["noop"].name = "noop";
  config.services["system"].actions["fail"].name = "fail";
  config.services["other"].name = "other";
  config.services["other"].actions["x"].name = "x";
  return config;
}

envelope::TaskOutcome outcome(const std::string& action, TaskStatus status) {
  envelope::TaskOutcome o;
  o.task.service = "system";
  o.task.action = action;
  o.task.submitted_at =
      envelope::format_timestamp(std::chrono::system_clock::now() - std::chrono::seconds(2));
  o.status = status;
  return o;
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

TEST(WorkerMetrics, ServedActionsHaveZeroSeriesFromTheStart) {
  const WorkerMetrics metrics(services(), {"system"});
  const std::string text = metrics.render(0);
  EXPECT_TRUE(has_line(
      text,
      R"(switchyard_tasks_finished_total{service="system",action="noop",status="succeeded"} 0)"));
  EXPECT_TRUE(has_line(text, R"(switchyard_task_retries_total{service="system",action="fail"} 0)"));
  EXPECT_EQ(text.find("service=\"other\""), std::string::npos);  // not served here
}

TEST(WorkerMetrics, OutcomesCountByStatusAndFinalOnesHaveALatency) {
  WorkerMetrics metrics(services(), {"system"});
  metrics.task_recorded(outcome("noop", TaskStatus::kSucceeded));
  metrics.task_recorded(outcome("fail", TaskStatus::kRetrying));
  metrics.task_recorded(outcome("fail", TaskStatus::kDead));
  const std::string text = metrics.render(3);
  EXPECT_TRUE(has_line(
      text,
      R"(switchyard_tasks_finished_total{service="system",action="noop",status="succeeded"} 1)"));
  EXPECT_TRUE(has_line(
      text, R"(switchyard_tasks_finished_total{service="system",action="fail",status="dead"} 1)"));
  EXPECT_TRUE(has_line(text, R"(switchyard_task_retries_total{service="system",action="fail"} 1)"));
  EXPECT_TRUE(has_line(text, R"(switchyard_tasks_dead_total{service="system",action="fail"} 1)"));
  EXPECT_TRUE(
      has_line(text, R"(switchyard_task_latency_seconds_count{service="system",action="noop"} 1)"));
  EXPECT_TRUE(has_line(
      text, R"(switchyard_task_latency_seconds_bucket{service="system",action="noop",le="1"} 0)"));
  EXPECT_TRUE(has_line(
      text,
      R"(switchyard_task_latency_seconds_bucket{service="system",action="noop",le="2.5"} 1)"));
  EXPECT_TRUE(has_line(text, "switchyard_worker_in_flight 3"));
}

TEST(WorkerMetrics, ActionsServicesYamlDoesNotNameAddNoSeries) {
  WorkerMetrics metrics(services(), {"system"});
  metrics.task_recorded(outcome("made-up-by-a-caller", TaskStatus::kSucceeded));
  envelope::TaskEnvelope task;
  task.service = "nope";
  task.action = "noop";
  metrics.task_ran(task, std::chrono::milliseconds(1));
  const std::string text = metrics.render(0);
  EXPECT_EQ(text.find("made-up"), std::string::npos);
  EXPECT_EQ(text.find("nope"), std::string::npos);
}

TEST(WorkerMetrics, PoisonCountsByReason) {
  WorkerMetrics metrics(services(), {"system"});
  metrics.poison(PoisonReason::kStrikes);
  const std::string text = metrics.render(0);
  EXPECT_TRUE(has_line(text, R"(switchyard_poison_messages_total{reason="strikes"} 1)"));
  EXPECT_TRUE(has_line(text, R"(switchyard_poison_messages_total{reason="undecodable"} 0)"));
}

TEST(Timestamp, ParsesWhatItFormats) {
  const auto now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  EXPECT_EQ(envelope::parse_timestamp(envelope::format_timestamp(now)), now);
  EXPECT_FALSE(envelope::parse_timestamp("2024-13-01T00:00:00.000Z"));
  EXPECT_FALSE(envelope::parse_timestamp("2024-01-01 00:00:00"));
}

}  // namespace
}  // namespace switchyard::workers

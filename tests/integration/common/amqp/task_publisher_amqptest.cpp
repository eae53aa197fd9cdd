// TaskPublisher (common/amqp/task_publisher.hpp) against the test RabbitMQ: every
// task is resolved exactly once — confirmed, replied, timed out waiting or failed —
// and the broker holds what a confirm promises. Each test gets a fresh vhost.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <future>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "amqp/connection.hpp"
#include "amqp/delivery_window.hpp"
#include "amqp/task_publisher.hpp"
#include "amqp/topology.hpp"
#include "config/services_config.hpp"
#include "config/yaml_document.hpp"
#include "envelope/task_envelope.hpp"
#include "envelope/task_id.hpp"
#include "envelope/timestamp.hpp"
#include "support/test_servers.hpp"

namespace switchyard::amqp {
namespace {

using namespace std::chrono_literals;
using Kind = PublishOutcome::Kind;
using Clock = std::chrono::steady_clock;

std::string kind_name(Kind kind) {
  switch (kind) {
    case Kind::kConfirmed:
      return "confirmed";
    case Kind::kReply:
      return "reply";
    case Kind::kWaitTimeout:
      return "wait_timeout";
    case Kind::kFailed:
      return "failed";
  }
  return "?";
}

// The outcome of one publish, delivered on the publisher thread.
struct Expected {
  std::shared_ptr<std::promise<PublishOutcome>> promise =
      std::make_shared<std::promise<PublishOutcome>>();
  std::future<PublishOutcome> future = promise->get_future();

  PublishCallback callback() {
    return [promise = promise](PublishOutcome outcome) { promise->set_value(std::move(outcome)); };
  }

  // The outcome, or a test failure when none comes within `deadline`.
  std::optional<PublishOutcome> get(std::chrono::milliseconds deadline) {
    if (future.wait_for(deadline) != std::future_status::ready) {
      ADD_FAILURE() << "no outcome within " << deadline.count() << " ms";
      return std::nullopt;
    }
    return future.get();
  }
};

envelope::TaskEnvelope make_task(const std::string& service = "system",
                                 const std::string& action = "noop") {
  envelope::TaskEnvelope task;
  task.id = envelope::new_task_id();
  task.service = service;
  task.action = action;
  task.payload_json = R"({"hello":"world"})";
  task.submitted_at = envelope::now_timestamp();
  task.submitted_by = "tester";
  return task;
}

class TaskPublisherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = testing::fresh_vhost("task_publisher_amqptest");
    services_ = config::ServicesConfig::parse(config::YamlDocument::load_string(
        "services:\n  system:\n    actions:\n      noop: {}\n", "services.yaml"));
  }

  TaskPublisherOptions options_for(const std::string& url) const {
    TaskPublisherOptions options;
    options.connection.url = url;
    options.connection.name = "task_publisher_amqptest";
    options.connection.timeout = 2000ms;
    return options;
  }

  // A started publisher connected to the test vhost.
  std::unique_ptr<TaskPublisher> connected_publisher() {
    auto publisher = std::make_unique<TaskPublisher>(options_for(url_), services_);
    publisher->start();
    EXPECT_TRUE(testing::eventually([&] { return publisher->connected(); }, 10s))
        << "the publisher never connected";
    return publisher;
  }

  // A second, independent connection to inspect and consume queues.
  Connection inspector() const {
    ConnectionOptions options;
    options.url = url_;
    options.name = "task_publisher_amqptest-inspector";
    return Connection(options);
  }

  std::string url_;
  config::ServicesConfig services_;
};

TEST_F(TaskPublisherTest, ConfirmsATaskThatIsThenInItsServiceQueue) {
  auto publisher = connected_publisher();
  Expected expected;
  const auto task = make_task();
  publisher->publish(task, std::nullopt, expected.callback());
  const auto outcome = expected.get(5s);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(kind_name(outcome->kind), "confirmed") << outcome->reason;

  Connection broker = inspector();
  EXPECT_EQ(broker.queue_depth("tasks.system"), 1u);
  broker.consume("tasks.system", /*no_ack=*/false);
  std::vector<Delivery> deliveries;
  ASSERT_TRUE(receive_window(broker, 10, 5000ms, deliveries));
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].routing_key, "system.noop");
  const auto received = envelope::parse_task_envelope(deliveries[0].body);
  EXPECT_EQ(received.id, task.id);
  EXPECT_EQ(received.payload_json, task.payload_json);
  EXPECT_TRUE(deliveries[0].reply_to.empty());  // nobody waits
}

TEST_F(TaskPublisherTest, SendsTheLedgerABatchCarryingTheTask) {
  auto publisher = connected_publisher();
  Expected expected;
  const auto task = make_task();
  publisher->publish(task, std::nullopt, expected.callback());
  ASSERT_TRUE(expected.get(5s));

  Connection broker = inspector();
  EXPECT_TRUE(testing::eventually([&] { return broker.queue_depth(kLedgerQueue) == 1; }, 5s));
  broker.consume(kLedgerQueue, /*no_ack=*/false);
  std::vector<Delivery> deliveries;
  ASSERT_TRUE(receive_window(broker, 10, 5000ms, deliveries));
  rapidjson::Document batch;
  batch.Parse(deliveries[0].body.c_str());
  ASSERT_TRUE(batch.IsArray()) << deliveries[0].body;
  ASSERT_EQ(batch.Size(), 1u);
  EXPECT_EQ(std::string(batch[0]["id"].GetString()), task.id);
  EXPECT_STREQ(batch[0]["service"].GetString(), "system");
}

TEST_F(TaskPublisherTest, ConfirmsEveryTaskOfABurstExactlyOnce) {
  auto publisher = connected_publisher();
  constexpr int kTasks = 200;
  std::vector<Expected> expected(kTasks);
  std::set<std::string> ids;
  for (auto& e : expected) {
    const auto task = make_task();
    ids.insert(task.id);
    publisher->publish(task, std::nullopt, e.callback());
  }
  int confirmed = 0;
  for (auto& e : expected) {
    const auto outcome = e.get(10s);
    if (outcome && outcome->kind == Kind::kConfirmed) ++confirmed;
  }
  EXPECT_EQ(confirmed, kTasks);

  Connection broker = inspector();
  EXPECT_EQ(broker.queue_depth("tasks.system"), static_cast<std::uint32_t>(kTasks));
  // The ledger batches, however the turns split them, carry each task once.
  std::multiset<std::string> in_ledger;
  broker.consume(kLedgerQueue, /*no_ack=*/true);
  std::vector<Delivery> deliveries;
  ASSERT_TRUE(testing::eventually(
      [&] {
        if (receive_window(broker, 1000, 100ms, deliveries)) {
          for (const auto& d : deliveries) {
            rapidjson::Document batch;
            batch.Parse(d.body.c_str());
            for (const auto& item : batch.GetArray()) in_ledger.insert(item["id"].GetString());
          }
        }
        return in_ledger.size() >= ids.size();
      },
      10s));
  EXPECT_EQ(std::set<std::string>(in_ledger.begin(), in_ledger.end()), ids);
  EXPECT_EQ(in_ledger.size(), ids.size());
}

TEST_F(TaskPublisherTest, FailsATaskNoQueueIsBoundForAsUnroutable) {
  auto publisher = connected_publisher();
  Expected expected;
  publisher->publish(make_task("ghost", "noop"), std::nullopt, expected.callback());
  const auto outcome = expected.get(5s);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(kind_name(outcome->kind), "failed");
  EXPECT_EQ(outcome->reason, "unroutable");

  Expected after;  // the publisher stays usable
  publisher->publish(make_task(), std::nullopt, after.callback());
  const auto next = after.get(5s);
  ASSERT_TRUE(next);
  EXPECT_EQ(kind_name(next->kind), "confirmed") << next->reason;
}

// The ledger is the listener's copy of every accepted task: a task the broker
// refused (the caller got kFailed, so a 503) must not appear there, or the listener
// records a `queued` task that will never run.
TEST_F(TaskPublisherTest, LeavesAnUnroutableTaskOutOfTheLedger) {
  auto publisher = connected_publisher();
  Expected refused;
  const auto ghost = make_task("ghost", "noop");
  publisher->publish(ghost, std::nullopt, refused.callback());
  const auto refused_outcome = refused.get(5s);
  ASSERT_TRUE(refused_outcome);
  ASSERT_EQ(refused_outcome->reason, "unroutable");

  Expected accepted;  // published in a later turn, so its ledger batch comes later
  const auto task = make_task();
  publisher->publish(task, std::nullopt, accepted.callback());
  ASSERT_TRUE(accepted.get(5s));

  Connection broker = inspector();
  broker.consume(kLedgerQueue, /*no_ack=*/true);
  std::set<std::string> in_ledger;
  std::vector<Delivery> deliveries;
  ASSERT_TRUE(testing::eventually(
      [&] {
        if (receive_window(broker, 100, 100ms, deliveries)) {
          for (const auto& d : deliveries) {
            rapidjson::Document batch;
            batch.Parse(d.body.c_str());
            for (const auto& item : batch.GetArray()) in_ledger.insert(item["id"].GetString());
          }
        }
        return in_ledger.count(task.id) == 1;
      },
      10s));
  EXPECT_EQ(in_ledger.count(ghost.id), 0u) << "the ledger carries the refused task " << ghost.id;
}

TEST_F(TaskPublisherTest, FailsFastWhenTheBrokerIsUnreachable) {
  const std::string closed =
      "amqp://guest:guest@127.0.0.1:" + std::to_string(testing::free_port()) +
      "/task_publisher_amqptest";
  TaskPublisher publisher(options_for(closed), services_);
  publisher.start();
  Expected expected;
  const auto started = Clock::now();
  publisher.publish(make_task(), std::nullopt, expected.callback());
  const auto outcome = expected.get(1s);
  ASSERT_TRUE(outcome);
  EXPECT_LT(Clock::now() - started, 1s);
  EXPECT_EQ(kind_name(outcome->kind), "failed");
  EXPECT_EQ(outcome->reason, "broker_unavailable");
  EXPECT_FALSE(publisher.connected());
}

TEST_F(TaskPublisherTest, DeliversTheWorkersReplyToAWaitingCaller) {
  auto publisher = connected_publisher();
  Expected expected;
  const auto task = make_task();
  publisher->publish(task, 10000ms, expected.callback());

  Connection worker = inspector();
  worker.consume("tasks.system", /*no_ack=*/false);
  std::vector<Delivery> deliveries;
  ASSERT_TRUE(receive_window(worker, 1, 5000ms, deliveries));
  const Delivery& delivery = deliveries[0];
  EXPECT_EQ(delivery.correlation_id, task.id);
  ASSERT_TRUE(delivery.reply_to.starts_with("amq.rabbitmq.reply-to")) << delivery.reply_to;

  const std::string reply = R"({"id":")" + task.id + R"(","status":"succeeded","result":7})";
  MessageProperties properties;
  properties.correlation_id = delivery.correlation_id;
  properties.persistent = false;
  worker.publish("", delivery.reply_to, reply, properties);
  worker.ack(delivery.tag, false);

  const auto outcome = expected.get(5s);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(kind_name(outcome->kind), "reply") << outcome->reason;
  EXPECT_EQ(outcome->reply_body, reply);
}

TEST_F(TaskPublisherTest, TimesOutAWaitWithoutAReplyOnlyAfterTheWait) {
  auto publisher = connected_publisher();
  Expected expected;
  const auto started = Clock::now();
  publisher->publish(make_task(), 400ms, expected.callback());
  const auto outcome = expected.get(5s);
  const auto elapsed = Clock::now() - started;
  ASSERT_TRUE(outcome);
  EXPECT_EQ(kind_name(outcome->kind), "wait_timeout") << outcome->reason;
  EXPECT_GE(elapsed, 400ms);
  EXPECT_EQ(inspector().queue_depth("tasks.system"), 1u);  // confirmed before the wait
}

TEST_F(TaskPublisherTest, StopsSafelyBeforeStartAndTwice) {
  TaskPublisher never_started(options_for(url_), services_);
  never_started.stop();
  never_started.stop();

  auto publisher = connected_publisher();
  publisher->stop();
  publisher->stop();
  EXPECT_FALSE(publisher->connected());
  Expected expected;
  publisher->publish(make_task(), std::nullopt, expected.callback());
  const auto outcome = expected.get(1s);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(kind_name(outcome->kind), "failed");
}

}  // namespace
}  // namespace switchyard::amqp

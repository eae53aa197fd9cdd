// Poison messages are contained (docs/guarantees.md#poison-messages): among 2,000
// good tasks, messages that fail the same way on every delivery — text PostgreSQL
// cannot hold, nesting past any sane depth, a payload the handler refuses, an
// envelope that does not decode, a number out of a column's range — each end in a
// visible final state with the reason, while every good task succeeds with exactly
// one effect and no consumer retries a message without bound. The poison is
// published straight to the broker, as a producer other than the API could (the
// API refuses most of it up front), together with ledger batches that mix it with
// good records. A second test kills the worker while it runs one task, again and
// again: after three strikes the task is set aside as dead instead of run again.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <atomic>
#include <iostream>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>

#include "amqp/connection.hpp"
#include "amqp/delay_queues.hpp"
#include "amqp/topology.hpp"
#include "envelope/task_envelope.hpp"
#include "envelope/task_id.hpp"
#include "envelope/timestamp.hpp"
#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

envelope::TaskEnvelope task_of(const std::string& action, std::string payload) {
  envelope::TaskEnvelope task;
  task.id = envelope::new_task_id();
  task.service = "system";
  task.action = action;
  task.payload_json = std::move(payload);
  task.submitted_at = envelope::now_timestamp();
  task.submitted_by = "poison-test";
  task.max_attempts = 3;
  return task;
}

std::string nested_objects(int depth) {
  std::string text;
  for (int i = 0; i < depth; ++i) text += "{\"a\":";
  text += "1";
  for (int i = 0; i < depth; ++i) text += "}";
  return text;
}

// Publishes like the API: the envelope to the tasks exchange, and the ledger a batch
// of records (here each poison record between two good ones).
class RawProducer {
 public:
  explicit RawProducer(const std::string& broker_url)
      : connection_({broker_url, "poison-test", std::chrono::seconds(5), 0}) {}

  void task(const std::string& id, const std::string& routing_key, const std::string& body) {
    amqp::MessageProperties props;
    props.message_id = id;
    connection_.publish(amqp::kTasksExchange, routing_key, body, props);
  }
  void ledger(const std::vector<std::string>& records) {
    std::string batch = "[";
    for (const auto& record : records) batch += (batch.size() > 1 ? "," : "") + record;
    connection_.publish("", amqp::kLedgerQueue, batch + "]", {});
  }

 private:
  amqp::Connection connection_;
};

struct Poison {
  std::string what;
  std::string id;
  std::string expected_error_type;
};

TEST(PoisonMessages, EachIsSetAsideInAFinalStateWhileGoodTasksAllSucceedOnce) {
  TestStack stack({"poison_e2e", 1, {}});
  constexpr int kGood = 2000;
  constexpr int kThreads = 8;
  std::atomic<int> next{0};
  std::mutex mutex;
  std::vector<std::string> good_ids;
  std::vector<std::thread> submitters;
  for (int t = 0; t < kThreads; ++t) {
    submitters.emplace_back([&] {
      HttpClient client(stack.base_url());
      for (int i = next++; i < kGood; i = next++) {
        const auto response = client.request(
            "POST", "/api/v1/tasks", R"({"service":"system","action":"record","payload":{}})",
            admin_headers());
        ASSERT_EQ(response.status, 202) << response.body;
        std::lock_guard lock(mutex);
        good_ids.emplace_back(parse_json(response.body)["id"].GetString());
      }
    });
  }

  // The poison, sent while the good tasks flow.
  RawProducer producer(stack.broker_url());
  std::vector<Poison> poison;
  std::vector<envelope::TaskEnvelope> neighbours;
  auto neighbour = [&] {
    neighbours.push_back(task_of("record", "{}"));
    producer.task(neighbours.back().id, "system.record", envelope::to_json(neighbours.back()));
    return envelope::to_json(neighbours.back());
  };
  auto send = [&](const std::string& what, const std::string& id, const std::string& routing_key,
                  const std::string& body, const std::string& error_type) {
    producer.task(id, routing_key, body);
    producer.ledger({neighbour(), body, neighbour()});
    poison.push_back({what, id, error_type});
  };
  {
    const auto nul = task_of("record", R"({"note":"a\u0000b"})");
    send("NUL in text", nul.id, "system.record", envelope::to_json(nul), "validation");
    const auto deep = task_of("record", nested_objects(20000));
    send("nesting 20,000 deep", deep.id, "system.record", envelope::to_json(deep), "poison");
    auto out_of_range = task_of("record", "{}");
    out_of_range.priority = 99999;  // a smallint column
    send("number out of range", out_of_range.id, "system.record", envelope::to_json(out_of_range),
         "validation");
    const std::string broken_id = envelope::new_task_id();
    send("envelope that does not decode", broken_id, "system.noop",
         R"({"id":")" + broken_id + R"(","service":5,"action":[]})", "poison");
  }
  // A payload the handler refuses, through the API like any client's.
  TaskApiClient api(stack.base_url());
  const std::string refused =
      api.submit_id(R"({"service":"system","action":"sleep","payload":{"ms":"soon"}})");
  poison.push_back({"payload the handler refuses", refused, "bad_payload"});
  // And a body with no task in it at all: only the dead-letters queue can show it.
  producer.task("", "system.noop", "not json");

  for (auto& thread : submitters) thread.join();
  ASSERT_EQ(good_ids.size(), static_cast<std::size_t>(kGood));
  for (const auto& n : neighbours) good_ids.push_back(n.id);

  pqxx::connection db(stack.database_url());
  std::string id_array = "{";
  for (const auto& id : good_ids) id_array += (id_array.size() > 1 ? "," : "") + id;
  id_array += "}";
  auto count_ids = [&](const std::string& table, const std::string& column,
                       const std::string& where) {
    pqxx::nontransaction tx(db);
    return tx
        .exec_params("SELECT count(*) FROM " + table + " WHERE " + column +
                         " = ANY($1::uuid[]) AND " + where,
                     id_array)[0][0]
        .as<std::size_t>();
  };
  EXPECT_TRUE(eventually(
      [&] { return count_ids("tasks", "id", "status = 'succeeded'") == good_ids.size(); },
      std::chrono::seconds(120)));
  const std::size_t succeeded = count_ids("tasks", "id", "status = 'succeeded'");
  const std::size_t effects = count_ids("system_executions", "task_id", "true");
  std::size_t effects_distinct = 0;
  {
    pqxx::nontransaction tx(db);
    effects_distinct = tx.exec_params(
                             "SELECT count(DISTINCT task_id) FROM system_executions "
                             " WHERE task_id = ANY($1::uuid[])",
                             id_array)[0][0]
                           .as<std::size_t>();
  }

  std::size_t poison_final = 0;
  for (const auto& p : poison) {
    std::string status;
    std::string error_type;
    EXPECT_TRUE(eventually([&] {
      const auto response = api.get("/api/v1/tasks/" + p.id);
      if (response.status != 200) return false;
      const auto task = parse_json(response.body);
      status = task["status"].GetString();
      error_type = task["error"].IsObject() ? task["error"]["type"].GetString() : "";
      return status == "failed" || status == "dead";
    })) << p.what
        << ": " << status;
    EXPECT_EQ(error_type, p.expected_error_type) << p.what;
    if (status == "failed" || status == "dead") ++poison_final;
  }
  // Nothing retried without bound: no poison is still queued or awaiting a retry,
  // and the service queue is empty.
  {
    amqp::Connection broker(
        {stack.broker_url(), "poison-test-inspect", std::chrono::seconds(5), 0});
    EXPECT_TRUE(eventually([&] { return broker.queue_state("tasks.system").messages == 0; }));
    // The undecodable envelope's copy and the body with no task in it.
    EXPECT_GE(broker.queue_state(amqp::kDeadLettersQueue).messages, 2u);
  }
  std::cout << "good: " << good_ids.size() << " accepted, " << succeeded << " succeeded, "
            << effects << " effects (" << effects_distinct
            << " distinct); poison: " << poison.size() << " sent, " << poison_final
            << " in a final state\n";
  EXPECT_EQ(succeeded, good_ids.size());
  EXPECT_EQ(effects, good_ids.size());
  EXPECT_EQ(effects_distinct, good_ids.size());
  EXPECT_EQ(poison_final, poison.size());
}

TEST(PoisonMessages, ATaskThatKeepsKillingItsWorkerIsSetAsideDeadAfterThreeStrikes) {
  TestStack stack({"poison_strikes_e2e", 1, {}});
  TaskApiClient api(stack.base_url());
  const std::string id =
      api.submit_id(R"({"service":"system","action":"sleep","payload":{"ms":60000}})");
  pqxx::connection db(stack.database_url());
  auto strikes = [&] {
    pqxx::nontransaction tx(db);
    const auto rows = tx.exec_params(
        "SELECT coalesce(sum(strikes), 0) FROM delivery_strikes WHERE task_id = $1::uuid", id);
    return rows[0][0].as<int>();
  };
  // The first delivery runs in a window; each redelivery runs alone under a strike.
  ASSERT_TRUE(api.reaches(id, "running"));
  for (int kill = 1; kill <= 4; ++kill) {
    if (kill > 1) {
      ASSERT_TRUE(eventually([&] { return strikes() == kill - 1; })) << kill;
    }
    auto& worker = stack.workers()[0];
    worker->kill9();
    worker = stack.start_process("switchyard-worker", "worker-" + std::to_string(kill));
  }
  ASSERT_TRUE(api.reaches(id, "dead"));
  const auto task = parse_json(api.get("/api/v1/tasks/" + id).body);
  EXPECT_STREQ(task["error"]["type"].GetString(), "poison");
  EXPECT_NE(std::string(task["error"]["message"].GetString()).find("3 deliveries"),
            std::string::npos)
      << task["error"]["message"].GetString();
  EXPECT_EQ(strikes(), 0);
  // The worker goes on serving.
  const std::string after = api.submit_id(R"({"service":"system","action":"noop"})");
  EXPECT_TRUE(api.reaches(after, "succeeded"));
}

}  // namespace
}  // namespace switchyard::testing

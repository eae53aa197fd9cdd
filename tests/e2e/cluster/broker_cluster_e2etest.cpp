// A three-node RabbitMQ cluster (scripts/test-cluster.sh, fixture test_cluster,
// label `cluster`) under a load of system.record tasks, with the stack's
// BROKER_URL listing all three nodes. One node is lost per test: killed (-9)
// under the api's publisher, killed under a worker's consumer, or stopped
// gracefully and started again. Each asserts that every task answered 202 ends
// `succeeded` with exactly one effect, that refusals are 503 and stop once the
// clients have failed over (never a hang: requests time out in the client), and
// prints the time from the loss to the next accepted write.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>

#include "record_load.hpp"
#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kNodes = 3;

int management_port(int node) { return 27681 + node; }
int amqp_port(int node) { return 27671 + node; }

bool cluster(const std::string& command) {
  return std::system((source_dir() + "/scripts/test-cluster.sh " + command + " >>" + build_dir() +
                      "/test-logs/test-cluster.log 2>&1")
                         .c_str()) == 0;
}

// A management request to the first node that answers it with success (a node
// that is down or still booting does not).
HttpResponse management(const std::string& method, const std::string& path,
                        const std::string& body = {}) {
  HttpResponse last;
  for (int node = 1; node <= kNodes; ++node) {
    HttpClient client(fmt::format("http://guest:guest@127.0.0.1:{}", management_port(node)));
    last = client.request(method, path, body, {{"Content-Type", "application/json"}});
    if (last.status / 100 == 2) return last;
  }
  return last;
}

// A fresh vhost on the cluster; returns BROKER_URL listing every node.
std::string fresh_cluster_vhost(const std::string& name) {
  management("DELETE", "/api/vhosts/" + name);
  EXPECT_EQ(management("PUT", "/api/vhosts/" + name, "{}").status / 100, 2);
  EXPECT_EQ(management("PUT", "/api/permissions/" + name + "/guest",
                       R"({"configure":".*","write":".*","read":".*"})")
                    .status /
                100,
            2);
  std::string urls;
  for (int node = 1; node <= kNodes; ++node) {
    urls += fmt::format("{}amqp://guest:guest@127.0.0.1:{}/{}", node > 1 ? "," : "",
                        amqp_port(node), name);
  }
  return urls;
}

// The node (1..3) of the first connection named `connection_name` in `vhost`, 0 if none.
int node_of(const std::string& vhost, const std::string& connection_name) {
  const auto response = management("GET", "/api/vhosts/" + vhost + "/connections");
  if (response.status != 200) return 0;
  const auto connections = parse_json(response.body);
  for (const auto& c : connections.GetArray()) {
    const auto& properties = c["client_properties"];
    if (!properties.HasMember("connection_name") ||
        properties["connection_name"].GetString() != connection_name) {
      continue;
    }
    const std::string node = c["node"].GetString();  // switchyard-tc-N@localhost
    return node[node.find('@') - 1] - '0';
  }
  return 0;
}

// Every accepted id succeeded with exactly one effect; every refusal is a 503.
void expect_each_done_once(TestStack& stack, const RecordLoad& load, const std::string& what) {
  expect_each_recorded_once(stack, load, what, {503}, std::chrono::seconds(180));
}

// Refusals happen only while the clients fail over: from the first refusal after
// the loss to the first 202 after that one (printed as the time to recover), plus
// a second for answers already on their way; after that, every answer is a 202.
void expect_refusals_only_while_failing_over(const RecordLoad& load, Clock::time_point lost,
                                             const std::string& what) {
  std::optional<Clock::time_point> first_refusal;
  std::optional<Clock::time_point> recovered;
  for (const auto& a : load.answers()) {
    if (a.at > lost && a.status != 202 && (!first_refusal || a.at < *first_refusal)) {
      first_refusal = a.at;
    }
  }
  if (!first_refusal) {
    std::printf("%s: no write refused, time to recover 0 ms\n", what.c_str());
    return;
  }
  for (const auto& a : load.answers()) {
    if (a.at > *first_refusal && a.status == 202 && (!recovered || a.at < *recovered)) {
      recovered = a.at;
    }
  }
  ASSERT_TRUE(recovered) << what << ": no write accepted after the loss";
  std::printf("%s: time to recover %lld ms (first refusal to next 202)\n", what.c_str(),
              static_cast<long long>(
                  std::chrono::duration_cast<std::chrono::milliseconds>(*recovered - *first_refusal)
                      .count()));
  int late = 0;
  for (const auto& a : load.answers()) {
    if (a.at > *recovered + std::chrono::seconds(1) && a.status != 202) ++late;
  }
  EXPECT_EQ(late, 0) << what << ": refusals after the clients had failed over";
}

class BrokerCluster : public ::testing::Test {
 protected:
  void TearDown() override {
    // The next test needs all three nodes back (a restarted node rejoins by itself).
    for (int node = 1; node <= kNodes; ++node) cluster(fmt::format("start-node {}", node));
  }

  std::unique_ptr<TestStack> start_stack(const std::string& name) {
    vhost_ = name;
    const std::string urls = fresh_cluster_vhost(name);
    auto stack = std::make_unique<TestStack>(TestStackOptions{name, 2, {{"BROKER_URL", urls}}});
    // The service queue has a member on every node (quorum group size 3).
    const auto queue = management("GET", "/api/queues/" + name + "/tasks.system");
    EXPECT_EQ(queue.status, 200) << queue.body;
    if (queue.status == 200) {
      const auto state = parse_json(queue.body);
      EXPECT_EQ(state["members"].Size(), 3u) << queue.body;
    }
    return stack;
  }

  // Loads, loses the node of `connection_name` by `how`, loads on, then checks the
  // outcome. Returns the node lost.
  int lose_node_under_load(TestStack& stack, const std::string& connection_name,
                           const std::string& how, const std::string& what) {
    RecordLoad load(stack.base_url(), 6);
    EXPECT_TRUE(eventually([&] { return load.accepted() > 500; }, std::chrono::seconds(60)));
    // The management API lists a new connection after its next statistics round.
    int node = 0;
    EXPECT_TRUE(eventually([&] { return (node = node_of(vhost_, connection_name)) != 0; }))
        << "no connection named " << connection_name;
    const auto lost = Clock::now();
    EXPECT_TRUE(cluster(fmt::format("{} {}", how, node))) << how << " " << node;
    const std::size_t after = load.accepted();
    EXPECT_TRUE(
        eventually([&] { return load.accepted() > after + 1500; }, std::chrono::seconds(90)))
        << what << ": writes were not accepted again on the remaining nodes";
    load.stop();
    int moved = 0;
    EXPECT_TRUE(eventually([&] {
      moved = node_of(vhost_, connection_name);
      return moved != 0 && moved != node;
    })) << connection_name
        << " did not move off node " << node << " (on " << moved << ")";
    expect_refusals_only_while_failing_over(load, lost, what);
    expect_each_done_once(stack, load, what);
    return node;
  }

  std::string vhost_;
};

TEST_F(BrokerCluster, KillingTheNodeTheApiPublishesToLosesAndDoublesNothing) {
  auto stack = start_stack("cluster_kill_publish");
  lose_node_under_load(*stack, "switchyard-api", "kill-node", "kill -9 of the api's node");
}

TEST_F(BrokerCluster, KillingTheNodeAWorkerConsumesFromLosesAndDoublesNothing) {
  auto stack = start_stack("cluster_kill_consume");
  lose_node_under_load(*stack, "switchyard-worker", "kill-node", "kill -9 of a worker's node");
}

TEST_F(BrokerCluster, AGracefulNodeRestartLosesAndDoublesNothing) {
  auto stack = start_stack("cluster_restart");
  const int node = lose_node_under_load(*stack, "switchyard-api", "stop-node",
                                        "graceful stop of the api's node");
  ASSERT_TRUE(cluster(fmt::format("start-node {}", node)));
  // Back in the cluster by itself, and the stack still takes writes.
  EXPECT_TRUE(eventually(
      [] {
        const auto nodes = management("GET", "/api/nodes");
        if (nodes.status != 200) return false;
        int running = 0;
        const auto list = parse_json(nodes.body);
        for (const auto& n : list.GetArray()) running += n["running"].GetBool();
        return running == kNodes;
      },
      std::chrono::seconds(120)));
  TaskApiClient client(stack->base_url());
  EXPECT_EQ(client.submit(R"({"service":"system","action":"record","payload":{}})").status, 202);
}

}  // namespace
}  // namespace switchyard::testing

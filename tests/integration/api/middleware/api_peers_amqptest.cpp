// ApiPeers (api/middleware/api_peers.hpp) against the test RabbitMQ: the consumers
// of api.instances are the live API processes, and the count reaches the rate
// limiter. Each ApiPeers here stands for one API process; the binary has its own
// vhost.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "amqp/connection.hpp"
#include "amqp/queue_inspector.hpp"
#include "middleware/api_peers.hpp"
#include "middleware/rate_limiter.hpp"
#include "support/http_client.hpp"
#include "support/test_servers.hpp"

namespace switchyard::api {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr const char* kVhost = "api_peers_amqptest";
constexpr std::chrono::milliseconds kRefresh = 100ms;

class ApiPeersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = testing::fresh_vhost(kVhost);
    inspector_ = std::make_unique<amqp::QueueInspector>(options("api_peers_amqptest-inspector"));
  }

  amqp::ConnectionOptions options_for(const std::string& url, const std::string& name) const {
    amqp::ConnectionOptions options;
    options.url = url;
    options.name = name;
    options.timeout = 2000ms;
    return options;
  }

  amqp::ConnectionOptions options(const std::string& name) const { return options_for(url_, name); }

  // The queue as the broker sees it, over a connection of the test's own; nullopt
  // while there is no queue (or no vhost).
  std::optional<amqp::Connection::QueueState> instances() {
    return inspector_->inspect(ApiPeers::kQueue);
  }

  std::uint32_t consumers() {
    const auto state = instances();
    return state ? state->consumers : 0;
  }

  std::string url_;
  std::unique_ptr<amqp::QueueInspector> inspector_;
};

TEST_F(ApiPeersTest, CountsEveryLiveProcessAndForgetsAStoppedOne) {
  RateLimiter first_limiter;
  RateLimiter second_limiter;
  ApiPeers first(options("api-1"), first_limiter, kRefresh);
  ApiPeers second(options("api-2"), second_limiter, kRefresh);
  first.start();
  second.start();
  EXPECT_TRUE(testing::eventually([&] { return first.peers() == 2 && second.peers() == 2; }, 5s))
      << first.peers() << " and " << second.peers();
  EXPECT_EQ(first_limiter.peers(), 2u);
  EXPECT_EQ(second_limiter.peers(), 2u);

  second.stop();
  EXPECT_TRUE(testing::eventually([&] { return first.peers() == 1; }, 5s)) << first.peers();
  EXPECT_EQ(first_limiter.peers(), 1u);
  EXPECT_EQ(second.peers(), 2u);  // a stopped process keeps what it last read
}

// Neither exclusive nor auto-delete: other connections can use the queue, and it
// outlives its consumers, so the next process to start joins the same count.
TEST_F(ApiPeersTest, SharesAQueueThatOutlivesItsConsumers) {
  RateLimiter limiter;
  {
    ApiPeers only(options("api-1"), limiter, kRefresh);
    only.start();
    EXPECT_TRUE(testing::eventually([&] { return consumers() == 1; }, 5s));
  }
  const auto after = instances();
  ASSERT_TRUE(after) << "the queue went with its last consumer";
  EXPECT_EQ(after->consumers, 0u);
  EXPECT_EQ(after->messages, 0u);
}

TEST_F(ApiPeersTest, KeepsTheLastCountWhileTheBrokerIsGoneAndRejoinsAfter) {
  RateLimiter first_limiter;
  RateLimiter second_limiter;
  ApiPeers first(options("api-1"), first_limiter, kRefresh);
  ApiPeers second(options("api-2"), second_limiter, kRefresh);
  first.start();
  second.start();
  ASSERT_TRUE(testing::eventually([&] { return first.peers() == 2 && second.peers() == 2; }, 5s));

  // Deleting the vhost closes both connections and refuses new ones, as an outage
  // would, without touching the broker other test binaries share.
  testing::HttpClient management(testing::test_management_url());
  ASSERT_EQ(management.request("DELETE", std::string("/api/vhosts/") + kVhost).status / 100, 2);
  EXPECT_FALSE(testing::eventually(
      [&] { return first.peers() != 2 || first_limiter.peers() != 2 || second.peers() != 2; }, 2s));

  testing::fresh_vhost(kVhost);
  EXPECT_TRUE(testing::eventually([&] { return consumers() == 2; }, 15s));
  second.stop();
  EXPECT_TRUE(testing::eventually([&] { return first_limiter.peers() == 1; }, 5s));
}

TEST_F(ApiPeersTest, StopsPromptlyWhileTheBrokerIsUnreachable) {
  const std::string closed =
      "amqp://guest:guest@127.0.0.1:" + std::to_string(testing::free_port()) + "/" + kVhost;
  RateLimiter limiter;
  limiter.set_peers(3);
  ApiPeers peers(options_for(closed, "api-1"), limiter, kRefresh);
  peers.start();
  EXPECT_FALSE(testing::eventually([&] { return limiter.peers() != 3; }, 1s));
  EXPECT_EQ(peers.peers(), 1u);
  const auto started = Clock::now();
  peers.stop();
  EXPECT_LT(Clock::now() - started, 1s);
}

TEST_F(ApiPeersTest, StopsSafelyBeforeStartAndTwice) {
  RateLimiter limiter;
  ApiPeers never_started(options("api-1"), limiter, kRefresh);
  never_started.stop();
  never_started.stop();

  ApiPeers peers(options("api-2"), limiter, kRefresh);
  peers.start();
  EXPECT_TRUE(testing::eventually([&] { return consumers() == 1; }, 5s));
  peers.stop();
  peers.stop();
  const auto after = instances();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->consumers, 0u);
}

}  // namespace
}  // namespace switchyard::api

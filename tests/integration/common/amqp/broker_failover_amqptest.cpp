// Connection over a BROKER_URL list (common/amqp/broker_addresses.hpp): a node
// that refuses is skipped at once and the connection opens on one that answers;
// a list where no node answers fails with every node's reason.
#include <gtest/gtest.h>

#include <string>

#include "amqp/amqp_error.hpp"
#include "amqp/connection.hpp"
#include "test_servers.hpp"

namespace switchyard::amqp {
namespace {

// Nothing listens on these low ports of the loopback.
constexpr const char* kDeadNodeA = "amqp://guest:guest@127.0.0.1:1/";
constexpr const char* kDeadNodeB = "amqp://guest:guest@127.0.0.1:2/";

std::string dead_node(int port) {
  return "amqp://guest:guest@127.0.0.1:" + std::to_string(port) + "/";
}

TEST(BrokerFailover, OpensOnTheNodeThatAnswersWhateverTheShuffledOrder) {
  // Ten lists, ten rotations shuffled independently: in nearly all of them a dead
  // node comes first somewhere.
  for (int list_index = 1; list_index <= 10; ++list_index) {
    const std::string list = dead_node(list_index) + " , " + testing::test_broker_url() + "," +
                             dead_node(100 + list_index);
    // The first connection and the ones after it (which start on the live node).
    for (int i = 0; i < 2; ++i) {
      Connection connection({list, "failover-test", std::chrono::seconds(5), 0});
      EXPECT_NO_THROW(connection.declare_exchange("failover-test", "topic")) << list;
    }
  }
}

TEST(BrokerFailover, FailsNamingEveryNodeWhenNoneAnswers) {
  try {
    Connection connection(
        {std::string(kDeadNodeA) + "," + kDeadNodeB, "failover-test", std::chrono::seconds(2), 0});
    FAIL() << "connected to no broker";
  } catch (const AmqpError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("BROKER_URL"), std::string::npos) << message;
    EXPECT_NE(message.find("127.0.0.1:1"), std::string::npos) << message;
    EXPECT_NE(message.find("127.0.0.1:2"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace switchyard::amqp

// BrokerAddresses and BrokerRotation (common/amqp/broker_addresses.hpp): the one
// parser of BROKER_URL's node list, and the order in which a process tries nodes.
#include "amqp/broker_addresses.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

namespace switchyard::amqp {
namespace {

std::string error_of(std::string_view list) {
  try {
    BrokerAddresses::parse(list);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for " << list;
  return "";
}

TEST(BrokerAddresses, OneUrlIsAListOfOneNode) {
  const auto a = BrokerAddresses::parse("amqp://guest:guest@localhost:5672/");
  ASSERT_EQ(a.nodes().size(), 1u);
  EXPECT_EQ(a.nodes()[0].url, "amqp://guest:guest@localhost:5672/");
  EXPECT_EQ(a.nodes()[0].host, "localhost");
  EXPECT_EQ(a.nodes()[0].port, 5672);
}

TEST(BrokerAddresses, SplitsOnCommasAndTrimsBlanksKeepingEachNodesCredentialsAndVhost) {
  const auto a = BrokerAddresses::parse(
      " amqp://a:pa@mq-0:5672/prod ,\tamqp://b:pb@mq-1:5673/other,\namqp://mq-2 ");
  ASSERT_EQ(a.nodes().size(), 3u);
  EXPECT_EQ(a.nodes()[0].url, "amqp://a:pa@mq-0:5672/prod");
  EXPECT_EQ(a.nodes()[1].url, "amqp://b:pb@mq-1:5673/other");
  EXPECT_EQ(a.nodes()[1].port, 5673);
  EXPECT_EQ(a.nodes()[2].url, "amqp://mq-2");
  EXPECT_EQ(a.nodes()[2].port, 5672);
}

TEST(BrokerAddresses, RefusesAnEmptyItemNamingBrokerUrl) {
  for (const char* list : {"", "amqp://a/,", ",amqp://a/", "amqp://a/, ,amqp://b/"}) {
    const auto message = error_of(list);
    EXPECT_NE(message.find("BROKER_URL"), std::string::npos) << list;
    EXPECT_NE(message.find("empty"), std::string::npos) << list << ": " << message;
  }
}

TEST(BrokerAddresses, RefusesAnotherSchemeOrAnUnparsableUrlNamingBrokerUrlAndTheItem) {
  const auto scheme = error_of("amqp://a/,redis://b:6379");
  EXPECT_NE(scheme.find("BROKER_URL"), std::string::npos) << scheme;
  EXPECT_NE(scheme.find("item 2"), std::string::npos) << scheme;
  const auto port = error_of("amqp://a:notaport/");
  EXPECT_NE(port.find("BROKER_URL"), std::string::npos) << port;
  EXPECT_NE(port.find("item 1"), std::string::npos) << port;
}

TEST(BrokerAddresses, NeverPutsCredentialsInItsMessages) {
  const auto message = error_of("amqp://svc:s3cret@mq:bad/");
  EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
}

TEST(BrokerAddresses, ShuffleKeepsEveryNodeAndDependsOnTheSeed) {
  std::string list;
  for (int i = 0; i < 8; ++i) list += (i ? "," : "") + std::string("amqp://n") + std::to_string(i);
  std::set<std::string> orders;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    auto a = BrokerAddresses::parse(list);
    a.shuffle(seed);
    std::set<std::string> urls;
    std::string order;
    for (const auto& node : a.nodes()) {
      urls.insert(node.url);
      order += node.host;
    }
    EXPECT_EQ(urls.size(), 8u);
    orders.insert(order);
    auto again = BrokerAddresses::parse(list);
    again.shuffle(seed);
    EXPECT_EQ(again.nodes()[0].url, a.nodes()[0].url) << "seed " << seed;
  }
  EXPECT_GT(orders.size(), 10u);  // 20 seeds over 8! orders: nearly all distinct
}

TEST(BrokerRotation, AnUnreachableNodeHandsNewConnectionsToTheNextAndWrapsAround) {
  BrokerRotation rotation(BrokerAddresses::parse("amqp://a,amqp://b,amqp://c"), 7);
  const std::size_t first = rotation.current();
  rotation.failed(first);
  EXPECT_EQ(rotation.current(), (first + 1) % 3);
  rotation.failed((first + 1) % 3);
  rotation.failed((first + 2) % 3);
  EXPECT_EQ(rotation.current(), first);
}

TEST(BrokerRotation, TwoFailuresOfTheSameNodeMoveOnOnlyOnce) {
  BrokerRotation rotation(BrokerAddresses::parse("amqp://a,amqp://b,amqp://c"), 7);
  const std::size_t first = rotation.current();
  rotation.failed(first);
  rotation.failed(first);  // a second connection that tried the same node meanwhile
  EXPECT_EQ(rotation.current(), (first + 1) % 3);
}

TEST(BrokerRotation, OneProcessSharesOneRotationPerList) {
  auto& a = BrokerRotation::of("amqp://x1,amqp://x2");
  auto& b = BrokerRotation::of("amqp://x1,amqp://x2");
  EXPECT_EQ(&a, &b);
  EXPECT_THROW(BrokerRotation::of("amqp://x1,"), std::invalid_argument);
}

}  // namespace
}  // namespace switchyard::amqp

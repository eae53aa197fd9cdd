#pragma once
// BROKER_URL as a list of nodes: one or more amqp:// URLs separated by commas (the
// nodes of a RabbitMQ cluster), each with its own credentials and vhost. This is
// the one place that parses it; Settings validates with it at startup and every
// Connection opens through the process's BrokerRotation of it.
//
// Contract:
//   - parse() trims blanks around each URL and refuses an empty item, a scheme
//     other than amqp:// or amqps:// and a URL that rabbitmq-c cannot parse, with
//     a message naming BROKER_URL; one URL is a list of one.
//   - A rotation holds the list shuffled once per process (so that the processes
//     of a deployment spread over the nodes) and a current node: connections start
//     there, and a node that cannot be reached moves it to the next, so that after a
//     node is lost every later connection goes to a node that answered.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace switchyard::amqp {

struct BrokerAddress {
  std::string url;   // as given, without surrounding blanks
  std::string host;  // for messages and logs (never the credentials)
  int port = 0;
};

class BrokerAddresses {
 public:
  // Throws std::invalid_argument("BROKER_URL ...") on a bad list.
  static BrokerAddresses parse(std::string_view list);

  const std::vector<BrokerAddress>& nodes() const { return nodes_; }
  // Reorders the nodes at random, deterministically for one seed.
  void shuffle(std::uint64_t seed);

 private:
  std::vector<BrokerAddress> nodes_;
};

class BrokerRotation {
 public:
  // The process-wide rotation of `list` (parsed and shuffled on first use; later
  // calls with the same text share it). Throws like BrokerAddresses::parse.
  static BrokerRotation& of(const std::string& list);

  BrokerRotation(BrokerAddresses addresses, std::uint64_t seed);

  std::size_t size() const { return addresses_.nodes().size(); }
  const BrokerAddress& node(std::size_t index) const { return addresses_.nodes()[index]; }
  // The node new connections try first.
  std::size_t current() const { return current_.load(std::memory_order_relaxed); }
  // `index` could not be reached: if it is still the current node, the next one
  // becomes current (a concurrent failure of the same node moves it only once).
  void failed(std::size_t index);

 private:
  BrokerAddresses addresses_;
  std::atomic<std::size_t> current_{0};
};

}  // namespace switchyard::amqp

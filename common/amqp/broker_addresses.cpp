#include "amqp/broker_addresses.hpp"

#include <amqp.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <random>
#include <stdexcept>

namespace switchyard::amqp {
namespace {

std::string_view trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

BrokerAddress parse_one(std::string_view text, std::size_t position) {
  if (text.empty()) {
    throw std::invalid_argument(
        fmt::format("BROKER_URL: item {} of the comma-separated list is empty", position));
  }
  if (!text.starts_with("amqp://") && !text.starts_with("amqps://")) {
    throw std::invalid_argument(fmt::format(
        "BROKER_URL: item {} is not an amqp:// or amqps:// URL (unsupported scheme)", position));
  }
  std::string buffer(text);  // amqp_parse_url writes into its argument
  amqp_connection_info info{};
  amqp_default_connection_info(&info);
  if (amqp_parse_url(buffer.data(), &info) != AMQP_STATUS_OK) {
    throw std::invalid_argument(
        fmt::format("BROKER_URL: item {} is not a valid amqp:// URL", position));
  }
  return BrokerAddress{std::string(text), info.host, info.port};
}

}  // namespace

BrokerAddresses BrokerAddresses::parse(std::string_view list) {
  BrokerAddresses addresses;
  std::size_t position = 1;
  while (true) {
    const auto comma = list.find(',');
    addresses.nodes_.push_back(parse_one(trim(list.substr(0, comma)), position));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
    ++position;
  }
  return addresses;
}

void BrokerAddresses::shuffle(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::shuffle(nodes_.begin(), nodes_.end(), rng);
}

BrokerRotation::BrokerRotation(BrokerAddresses addresses, std::uint64_t seed)
    : addresses_(std::move(addresses)) {
  addresses_.shuffle(seed);
}

void BrokerRotation::failed(std::size_t index) {
  std::size_t expected = index;
  current_.compare_exchange_strong(expected, (index + 1) % size(), std::memory_order_relaxed);
}

BrokerRotation& BrokerRotation::of(const std::string& list) {
  static std::mutex mutex;
  // Never freed: connections of every thread use them until the process exits.
  static auto* rotations = new std::map<std::string, std::unique_ptr<BrokerRotation>>;
  std::lock_guard lock(mutex);
  auto& rotation = (*rotations)[list];
  if (!rotation) {
    // Per process, not per connection: a process's connections share one node order.
    const auto seed =
        static_cast<std::uint64_t>(::getpid()) ^
        static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    rotation = std::make_unique<BrokerRotation>(BrokerAddresses::parse(list), seed);
  }
  return *rotation;
}

}  // namespace switchyard::amqp

#pragma once
// Gathers a window of deliveries for consumers that complete work in batches: it
// waits (up to a deadline) for the first delivery only, then takes whatever else
// has already arrived, up to a limit. So a window never waits for more messages
// than are there: latency stays low at light load and batches grow under load.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "amqp/connection.hpp"

namespace switchyard::amqp {

struct Delivery {
  std::uint64_t tag = 0;
  std::string routing_key;
  std::string body;
  std::string reply_to;
  std::string correlation_id;
  std::string message_id;
  bool redelivered = false;
  // Earlier deliveries of this message (quorum queues' x-delivery-count header,
  // 0 when absent: a first delivery, or a classic queue).
  std::int64_t delivery_count = 0;
};

// Fills `out` (cleared first) with at most `limit` deliveries; returns false when
// nothing arrived within `first_wait`. With a `linger`, it keeps taking deliveries
// that arrive within that time after the first one (callers linger only under load,
// when a few hundred microseconds buy a much larger batch). Throws AmqpError when
// the broker closes the channel or connection.
bool receive_window(Connection& connection, std::size_t limit, std::chrono::milliseconds first_wait,
                    std::vector<Delivery>& out,
                    std::chrono::microseconds linger = std::chrono::microseconds(0));

}  // namespace switchyard::amqp

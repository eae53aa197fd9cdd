#include "middleware/api_peers.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "amqp/amqp_error.hpp"
#include "process/reconnecting_loop.hpp"

namespace switchyard::api {
namespace {

// Between two passive declares the connection carries nothing and this thread does
// not read its socket. RabbitMQ takes any frame as a heartbeat, so a timeout of at
// least two refreshes keeps a healthy connection open, while heartbeats still let
// the broker drop the consumer of a host that vanished without closing its socket.
amqp::ConnectionOptions with_heartbeat_over(amqp::ConnectionOptions options,
                                            std::chrono::milliseconds refresh) {
  if (options.heartbeat_seconds > 0) {
    const auto floor = std::chrono::ceil<std::chrono::seconds>(2 * refresh).count();
    options.heartbeat_seconds = std::max(options.heartbeat_seconds, static_cast<int>(floor));
  }
  return options;
}

}  // namespace

ApiPeers::ApiPeers(amqp::ConnectionOptions options, RateLimiter& limiter,
                   std::chrono::milliseconds refresh)
    : options_(with_heartbeat_over(std::move(options), refresh)),
      limiter_(limiter),
      refresh_(refresh),
      loop_("api peers", [this] { run(); }) {
  if (refresh <= std::chrono::milliseconds::zero()) {
    throw std::invalid_argument("ApiPeers: the refresh interval must be positive");
  }
}

ApiPeers::~ApiPeers() { stop(); }

void ApiPeers::run() {
  process::run_reconnecting(loop_.running(), "api peers", process::ReconnectPolicy{},
                            [this] { session(); });
}

// One connection's life: join the count, then read it until stop() or a failure
// (which run_reconnecting answers with a new session after a backoff).
void ApiPeers::session() {
  amqp::Connection connection(options_);
  // Shared by every API process and kept when the last one leaves, so neither
  // exclusive nor auto-delete; not durable, as it never holds a message.
  amqp::QueueOptions queue;
  queue.durable = false;
  connection.declare_queue(kQueue, queue);
  // Nothing is published to the queue; should something be by mistake, a prefetch
  // of one keeps it from piling up unread in this connection's buffers.
  connection.set_prefetch(1);
  connection.consume(kQueue, /*no_ack=*/false);
  do {
    const std::uint32_t consumers = connection.queue_state(kQueue).consumers;
    // Our own consumer is one of them. None means the queue was deleted and declared
    // again behind our back: start over to consume from the new one.
    if (consumers == 0) throw amqp::AmqpError("the consumer on api.instances is gone");
    if (peers_.exchange(consumers, std::memory_order_relaxed) != consumers) {
      spdlog::info("api peers: live API processes: {}", consumers);
    }
    limiter_.set_peers(consumers);
  } while (loop_.wait_for(refresh_));
}

}  // namespace switchyard::api

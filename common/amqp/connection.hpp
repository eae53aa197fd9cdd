#pragma once
// One AMQP connection with one channel, opened from a broker URL. Not thread-safe:
// the thread that uses it owns it. A URL that lists several nodes (BROKER_URL of a
// cluster, see broker_addresses.hpp) opens on the process's current node and, when
// that one cannot be reached, on the next ones in turn; only when none answers does
// the constructor throw. Every blocking call is bounded by the RPC
// timeout given at open; any failure throws AmqpError and the connection must be
// dropped and opened again (see Reconnector users in the worker and publisher).
#include <amqp.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace switchyard::amqp {

struct ConnectionOptions {
  std::string url;   // one amqp:// URL or a comma-separated list of a cluster's nodes
  std::string name;  // shown in the RabbitMQ console as the connection name
  std::chrono::milliseconds timeout{5000};
  int heartbeat_seconds = 30;
};

struct QueueOptions {
  bool durable = true;
  bool exclusive = false;
  bool auto_delete = false;
  bool quorum = false;
  int max_priority = 0;
  std::optional<int> message_ttl_ms;
  std::string dead_letter_exchange;
  // Quorum queues only: dead-letter at least once (the broker keeps a message until
  // the dead-letter target confirmed it), which needs reject-publish overflow.
  bool at_least_once_dead_letters = false;
};

struct MessageProperties {
  std::string_view message_id;
  std::string_view correlation_id;
  std::string_view reply_to;
  std::string_view content_type = "application/json";
  bool persistent = true;
  int priority = -1;            // unset when negative
  int attempt = -1;             // header x-attempt when non-negative
  std::string_view delay_step;  // header delay-step when set (routes a retry to its delay queue)
  std::string_view set_aside_reason;  // header x-set-aside-reason (a poison message's copy)
};

class Connection {
 public:
  static constexpr amqp_channel_t kChannel = 1;

  explicit Connection(const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;

  amqp_connection_state_t raw() const { return state_; }
  int fd() const;

  void declare_exchange(const std::string& name, const std::string& type);
  void declare_queue(const std::string& name, const QueueOptions& options);
  void bind_queue(const std::string& queue, const std::string& exchange, const std::string& key);
  // Binds to a headers exchange: messages whose header `name` equals `value`.
  void bind_queue_on_header(const std::string& queue, const std::string& exchange,
                            const std::string& name, const std::string& value);
  void delete_queue(const std::string& name);
  // Messages ready in `name` and consumers on it (passive declare).
  struct QueueState {
    std::uint32_t messages = 0;
    std::uint32_t consumers = 0;
  };
  QueueState queue_state(const std::string& name);
  std::uint32_t queue_depth(const std::string& name) { return queue_state(name).messages; }
  void set_prefetch(std::uint16_t count);
  void enable_confirms();
  // Starts a consumer; `no_ack` for direct reply-to. Returns the consumer tag.
  std::string consume(const std::string& queue, bool no_ack);
  // Stops a consumer: the broker pushes it nothing more. Deliveries that arrive
  // while waiting for the answer stay queued for the next receive.
  void cancel(const std::string& consumer_tag);

  void publish(std::string_view exchange, std::string_view routing_key, std::string_view body,
               const MessageProperties& properties, bool mandatory = false);
  // TCP_CORK on the socket: while corked, publishes collect in full segments
  // instead of one send per message (rabbitmq-c writes each publish's frames
  // with their own send calls). Uncorking sends what is held. See CorkedPublishes.
  void cork(bool on);
  void ack(std::uint64_t delivery_tag, bool multiple);
  void reject(std::uint64_t delivery_tag, bool requeue);

 private:
  void open(const std::string& node_url, const ConnectionOptions& options);
  void close() noexcept;

  amqp_connection_state_t state_ = nullptr;
};

// A run of publishes sent as full TCP segments: corks the connection for its
// lifetime when there is more than one message (a single publish already
// leaves in one segment), and uncorks it, sending what is held, when it ends.
class CorkedPublishes {
 public:
  CorkedPublishes(Connection& connection, std::size_t count)
      : connection_(count > 1 ? &connection : nullptr) {
    if (connection_ != nullptr) connection_->cork(true);
  }
  ~CorkedPublishes() {
    if (connection_ != nullptr) connection_->cork(false);
  }
  CorkedPublishes(const CorkedPublishes&) = delete;
  CorkedPublishes& operator=(const CorkedPublishes&) = delete;

 private:
  Connection* connection_;
};

}  // namespace switchyard::amqp

#include "amqp/connection.hpp"

#include <amqp_tcp_socket.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <stdexcept>
#include <utility>
#include <vector>

#include "amqp/amqp_error.hpp"
#include "amqp/broker_addresses.hpp"

namespace switchyard::amqp {
namespace {

amqp_bytes_t bytes(std::string_view s) {
  return amqp_bytes_t{s.size(), const_cast<char*>(s.data())};
}

timeval to_timeval(std::chrono::milliseconds ms) {
  return timeval{static_cast<time_t>(ms.count() / 1000),
                 static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
}

}  // namespace

Connection::Connection(const ConnectionOptions& options) {
  BrokerRotation& rotation = [&]() -> BrokerRotation& {
    try {
      return BrokerRotation::of(options.url);
    } catch (const std::invalid_argument& e) {
      throw AmqpError(e.what());
    }
  }();
  std::string failures;
  for (std::size_t tried = 0; tried < rotation.size(); ++tried) {
    const std::size_t index = rotation.current();
    try {
      open(rotation.node(index).url, options);
      return;
    } catch (const AmqpError& e) {
      rotation.failed(index);
      if (rotation.size() == 1) throw;
      failures += fmt::format("{}{}", failures.empty() ? "" : "; ", e.what());
    }
  }
  throw AmqpError(fmt::format("no broker node of BROKER_URL answered: {}", failures));
}

void Connection::open(const std::string& node_url, const ConnectionOptions& options) {
  std::string url = node_url;  // amqp_parse_url writes into its argument
  amqp_connection_info info{};
  amqp_default_connection_info(&info);
  if (amqp_parse_url(url.data(), &info) != AMQP_STATUS_OK) {
    throw AmqpError("BROKER_URL is not a valid amqp:// URL");
  }
  // amqp://host:5672/ names the vhost "" by the AMQP URI spec, but every client of
  // this field (Celery, kombu, our docs) means the default vhost "/" by it.
  std::string vhost = info.vhost;
  if (vhost.empty()) vhost = "/";
  state_ = amqp_new_connection();
  if (state_ == nullptr) throw AmqpError("cannot allocate an AMQP connection");
  try {
    amqp_socket_t* socket = amqp_tcp_socket_new(state_);
    if (socket == nullptr) throw AmqpError("cannot create a TCP socket");
    timeval timeout = to_timeval(options.timeout);
    check_status(amqp_socket_open_noblock(socket, info.host, info.port, &timeout),
                 fmt::format("connecting to the broker at {}:{}", info.host, info.port));
    check_status(amqp_set_handshake_timeout(state_, &timeout), "setting the handshake timeout");
    check_status(amqp_set_rpc_timeout(state_, &timeout), "setting the RPC timeout");

    amqp_table_entry_t property;
    property.key = amqp_cstring_bytes("connection_name");
    property.value.kind = AMQP_FIELD_KIND_UTF8;
    property.value.value.bytes = bytes(options.name);
    amqp_table_t client_properties{1, &property};
    check_reply(amqp_login_with_properties(state_, vhost.c_str(), 0, 131072,
                                           options.heartbeat_seconds, &client_properties,
                                           AMQP_SASL_METHOD_PLAIN, info.user, info.password),
                fmt::format("logging in to the broker at {}:{}", info.host, info.port));
    amqp_channel_open(state_, kChannel);
    check_reply(amqp_get_rpc_reply(state_), "opening a channel");
  } catch (...) {
    close();
    throw;
  }
}

Connection::~Connection() { close(); }

Connection::Connection(Connection&& other) noexcept
    : state_(std::exchange(other.state_, nullptr)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    close();
    state_ = std::exchange(other.state_, nullptr);
  }
  return *this;
}

void Connection::close() noexcept {
  if (state_ == nullptr) return;
  // A broken socket makes these fail; the destroy below frees everything anyway.
  amqp_channel_close(state_, kChannel, AMQP_REPLY_SUCCESS);
  amqp_connection_close(state_, AMQP_REPLY_SUCCESS);
  amqp_destroy_connection(state_);
  state_ = nullptr;
}

int Connection::fd() const { return amqp_get_sockfd(state_); }

void Connection::cork(bool on) {
  const int value = on ? 1 : 0;
  // Best effort: a socket that refuses only costs the extra segments.
  ::setsockopt(fd(), IPPROTO_TCP, TCP_CORK, &value, sizeof value);
}

void Connection::declare_exchange(const std::string& name, const std::string& type) {
  amqp_exchange_declare(state_, kChannel, bytes(name), bytes(type), 0, 1, 0, 0, amqp_empty_table);
  check_reply(amqp_get_rpc_reply(state_), fmt::format("declaring exchange {}", name));
}

void Connection::declare_queue(const std::string& name, const QueueOptions& options) {
  std::vector<amqp_table_entry_t> args;
  auto add_string = [&](const char* key, std::string_view value) {
    amqp_table_entry_t e;
    e.key = amqp_cstring_bytes(key);
    e.value.kind = AMQP_FIELD_KIND_UTF8;
    e.value.value.bytes = bytes(value);
    args.push_back(e);
  };
  auto add_int = [&](const char* key, int value) {
    amqp_table_entry_t e;
    e.key = amqp_cstring_bytes(key);
    e.value.kind = AMQP_FIELD_KIND_I32;
    e.value.value.i32 = value;
    args.push_back(e);
  };
  if (options.quorum) add_string("x-queue-type", "quorum");
  if (options.max_priority > 0) add_int("x-max-priority", options.max_priority);
  if (options.message_ttl_ms) add_int("x-message-ttl", *options.message_ttl_ms);
  if (!options.dead_letter_exchange.empty()) {
    add_string("x-dead-letter-exchange", options.dead_letter_exchange);
  }
  if (options.at_least_once_dead_letters) {
    add_string("x-dead-letter-strategy", "at-least-once");
    add_string("x-overflow", "reject-publish");
  }
  amqp_table_t table{static_cast<int>(args.size()), args.data()};
  amqp_queue_declare(state_, kChannel, bytes(name), 0, options.durable ? 1 : 0,
                     options.exclusive ? 1 : 0, options.auto_delete ? 1 : 0, table);
  check_reply(amqp_get_rpc_reply(state_), fmt::format("declaring queue {}", name));
}

void Connection::bind_queue(const std::string& queue, const std::string& exchange,
                            const std::string& key) {
  amqp_queue_bind(state_, kChannel, bytes(queue), bytes(exchange), bytes(key), amqp_empty_table);
  check_reply(amqp_get_rpc_reply(state_),
              fmt::format("binding queue {} to {} with {}", queue, exchange, key));
}

void Connection::bind_queue_on_header(const std::string& queue, const std::string& exchange,
                                      const std::string& name, const std::string& value) {
  amqp_table_entry_t args[2];
  args[0].key = amqp_cstring_bytes("x-match");
  args[0].value.kind = AMQP_FIELD_KIND_UTF8;
  args[0].value.value.bytes = amqp_cstring_bytes("all");
  args[1].key = bytes(name);
  args[1].value.kind = AMQP_FIELD_KIND_UTF8;
  args[1].value.value.bytes = bytes(value);
  amqp_queue_bind(state_, kChannel, bytes(queue), bytes(exchange), amqp_empty_bytes,
                  amqp_table_t{2, args});
  check_reply(amqp_get_rpc_reply(state_),
              fmt::format("binding queue {} to {} on {}={}", queue, exchange, name, value));
}

void Connection::delete_queue(const std::string& name) {
  amqp_queue_delete(state_, kChannel, bytes(name), 0, 0);
  check_reply(amqp_get_rpc_reply(state_), fmt::format("deleting queue {}", name));
}

Connection::QueueState Connection::queue_state(const std::string& name) {
  auto* ok = amqp_queue_declare(state_, kChannel, bytes(name), 1, 0, 0, 0, amqp_empty_table);
  check_reply(amqp_get_rpc_reply(state_), fmt::format("inspecting queue {}", name));
  return {ok->message_count, ok->consumer_count};
}

void Connection::set_prefetch(std::uint16_t count) {
  amqp_basic_qos(state_, kChannel, 0, count, 0);
  check_reply(amqp_get_rpc_reply(state_), "setting the prefetch");
}

void Connection::enable_confirms() {
  amqp_confirm_select(state_, kChannel);
  check_reply(amqp_get_rpc_reply(state_), "enabling publisher confirms");
}

std::string Connection::consume(const std::string& queue, bool no_ack) {
  auto* ok = amqp_basic_consume(state_, kChannel, bytes(queue), amqp_empty_bytes, 0, no_ack ? 1 : 0,
                                0, amqp_empty_table);
  check_reply(amqp_get_rpc_reply(state_), fmt::format("consuming from {}", queue));
  return {static_cast<const char*>(ok->consumer_tag.bytes), ok->consumer_tag.len};
}

void Connection::cancel(const std::string& consumer_tag) {
  amqp_basic_cancel(state_, kChannel, bytes(consumer_tag));
  check_reply(amqp_get_rpc_reply(state_), "cancelling a consumer");
}

void Connection::publish(std::string_view exchange, std::string_view routing_key,
                         std::string_view body, const MessageProperties& p, bool mandatory) {
  amqp_basic_properties_t props{};
  props._flags = AMQP_BASIC_CONTENT_TYPE_FLAG | AMQP_BASIC_DELIVERY_MODE_FLAG;
  props.content_type = bytes(p.content_type);
  props.delivery_mode = p.persistent ? 2 : 1;
  if (!p.message_id.empty()) {
    props._flags |= AMQP_BASIC_MESSAGE_ID_FLAG;
    props.message_id = bytes(p.message_id);
  }
  if (!p.correlation_id.empty()) {
    props._flags |= AMQP_BASIC_CORRELATION_ID_FLAG;
    props.correlation_id = bytes(p.correlation_id);
  }
  if (!p.reply_to.empty()) {
    props._flags |= AMQP_BASIC_REPLY_TO_FLAG;
    props.reply_to = bytes(p.reply_to);
  }
  if (p.priority >= 0) {
    props._flags |= AMQP_BASIC_PRIORITY_FLAG;
    props.priority = static_cast<std::uint8_t>(p.priority);
  }
  amqp_table_entry_t headers[3];
  int header_count = 0;
  if (p.attempt >= 0) {
    headers[header_count].key = amqp_cstring_bytes("x-attempt");
    headers[header_count].value.kind = AMQP_FIELD_KIND_I32;
    headers[header_count].value.value.i32 = p.attempt;
    ++header_count;
  }
  if (!p.delay_step.empty()) {
    headers[header_count].key = amqp_cstring_bytes("delay-step");
    headers[header_count].value.kind = AMQP_FIELD_KIND_UTF8;
    headers[header_count].value.value.bytes = bytes(p.delay_step);
    ++header_count;
  }
  if (!p.set_aside_reason.empty()) {
    headers[header_count].key = amqp_cstring_bytes("x-set-aside-reason");
    headers[header_count].value.kind = AMQP_FIELD_KIND_UTF8;
    headers[header_count].value.value.bytes = bytes(p.set_aside_reason);
    ++header_count;
  }
  if (header_count > 0) {
    props._flags |= AMQP_BASIC_HEADERS_FLAG;
    props.headers = amqp_table_t{header_count, headers};
  }
  check_status(amqp_basic_publish(state_, kChannel, bytes(exchange), bytes(routing_key),
                                  mandatory ? 1 : 0, 0, &props, bytes(body)),
               "publishing");
}

void Connection::ack(std::uint64_t delivery_tag, bool multiple) {
  check_status(amqp_basic_ack(state_, kChannel, delivery_tag, multiple ? 1 : 0), "acking");
}

void Connection::reject(std::uint64_t delivery_tag, bool requeue) {
  check_status(amqp_basic_reject(state_, kChannel, delivery_tag, requeue ? 1 : 0), "rejecting");
}

}  // namespace switchyard::amqp

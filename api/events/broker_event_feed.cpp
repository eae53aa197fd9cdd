#include "events/broker_event_feed.hpp"

#include <amqp.h>
#include <spdlog/spdlog.h>

#include "amqp/amqp_error.hpp"
#include "amqp/connection.hpp"
#include "amqp/topology.hpp"

namespace switchyard::api::events {
namespace {

using namespace std::chrono_literals;

// What the stream serves; docs/console.md "Live events".
constexpr const char* kBindings[] = {"task.#", "incident.#", "plugin.#", "user.#"};
// How long the queue outlives the last subscriber.
constexpr auto kGrace = 5s;

std::string text(const amqp_bytes_t& bytes) {
  return {static_cast<const char*>(bytes.bytes), bytes.len};
}

// Declares the server-named, exclusive, auto-delete queue; returns its name.
std::string declare_private_queue(amqp::Connection& connection) {
  auto* ok = amqp_queue_declare(connection.raw(), amqp::Connection::kChannel, amqp_empty_bytes, 0,
                                0, 1, 1, amqp_empty_table);
  amqp::check_reply(amqp_get_rpc_reply(connection.raw()), "declaring the event stream's queue");
  return text(ok->queue);
}

}  // namespace

BrokerEventFeed::BrokerEventFeed(EventHub& hub, std::string broker_url)
    : hub_(hub), broker_url_(std::move(broker_url)) {}

BrokerEventFeed::~BrokerEventFeed() { stop(); }

void BrokerEventFeed::start() {
  thread_ = std::thread([this] { run(); });
}

void BrokerEventFeed::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void BrokerEventFeed::run() {
  auto backoff = 500ms;
  while (!stopping_) {
    if (!hub_.wait_for_subscribers(250ms)) continue;
    try {
      consume_while_watched();
      backoff = 500ms;
    } catch (const std::exception& error) {
      spdlog::warn("event stream: broker feed lost ({}); retrying in {} ms", error.what(),
                   backoff.count());
      for (auto waited = 0ms; waited < backoff && !stopping_; waited += 100ms) {
        std::this_thread::sleep_for(100ms);
      }
      backoff = std::min(backoff * 2, std::chrono::milliseconds(10s));
    }
  }
}

void BrokerEventFeed::consume_while_watched() {
  amqp::Connection connection({broker_url_, "switchyard-api event stream"});
  connection.declare_exchange(amqp::kEventsExchange, "topic");
  const std::string queue = declare_private_queue(connection);
  for (const char* key : kBindings) connection.bind_queue(queue, amqp::kEventsExchange, key);
  connection.consume(queue, true);
  spdlog::info("event stream: consuming the events exchange (queue {})", queue);
  // From here on nothing published is missed; streams waiting for it open.
  struct Live {
    EventHub& hub;
    explicit Live(EventHub& h) : hub(h) { hub.set_feed_live(true); }
    ~Live() { hub.set_feed_live(false); }
  } live(hub_);
  auto last_watched = std::chrono::steady_clock::now();
  while (!stopping_) {
    const auto now = std::chrono::steady_clock::now();
    if (hub_.subscribers() > 0) {
      last_watched = now;
    } else if (now - last_watched > kGrace) {
      break;
    }
    amqp_maybe_release_buffers(connection.raw());
    amqp_envelope_t envelope;
    timeval timeout{0, 200000};
    const amqp_rpc_reply_t reply = amqp_consume_message(connection.raw(), &envelope, &timeout, 0);
    if (reply.reply_type == AMQP_RESPONSE_NORMAL) {
      auto event = event_from_message(text(envelope.routing_key), text(envelope.message.body));
      amqp_destroy_envelope(&envelope);
      if (event) hub_.publish(std::move(*event));
      continue;
    }
    if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
        reply.library_error == AMQP_STATUS_TIMEOUT) {
      continue;
    }
    amqp::check_reply(reply, "consuming the events exchange");
    throw amqp::AmqpError("the broker sent an unexpected frame to the event stream");
  }
  spdlog::info("event stream: nobody subscribed; the queue is released");
}

}  // namespace switchyard::api::events

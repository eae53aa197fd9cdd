#pragma once
// ApiPeers: counts the live API processes, so that RateLimiter can give each one
// its share of a deployment-wide limit. Every API process keeps one consumer on the
// shared queue api.instances (nothing is ever published to it); the broker's
// consumer count for that queue is then the number of live processes, and a
// process that dies loses its connection and with it its consumer. A background
// thread owns the connection and re-reads the count with a passive declare every
// `refresh`, so request threads never wait on the broker.
//
// While the broker is unreachable the thread reconnects with backoff and the last
// known count stays in force: limits stay split the way they last were rather than
// jumping to the whole limit per process.
#include <atomic>
#include <chrono>
#include <cstdint>

#include "amqp/connection.hpp"
#include "middleware/rate_limiter.hpp"
#include "process/background_loop.hpp"

namespace switchyard::api {

class ApiPeers {
 public:
  static constexpr const char* kQueue = "api.instances";

  // `limiter` must outlive this object; it gets every count read.
  ApiPeers(amqp::ConnectionOptions options, RateLimiter& limiter,
           std::chrono::milliseconds refresh = std::chrono::seconds(5));
  ~ApiPeers();
  ApiPeers(const ApiPeers&) = delete;
  ApiPeers& operator=(const ApiPeers&) = delete;

  // stop() is idempotent, safe before start(), and returns once the consumer is
  // gone.
  void start() { loop_.start(); }
  void stop() { loop_.stop(); }

  // The last count read from the broker; 1 until the first read.
  std::uint32_t peers() const { return peers_.load(std::memory_order_relaxed); }

 private:
  void run();
  void session();

  amqp::ConnectionOptions options_;
  RateLimiter& limiter_;
  std::chrono::milliseconds refresh_;
  std::atomic<std::uint32_t> peers_{1};
  process::BackgroundLoop loop_;  // last: stops before the members it uses go
};

}  // namespace switchyard::api

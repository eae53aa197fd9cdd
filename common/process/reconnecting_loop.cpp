#include "process/reconnecting_loop.hpp"

#include <spdlog/spdlog.h>

#include <pqxx/pqxx>
#include <thread>

#include "amqp/amqp_error.hpp"
#include "domain/backoff.hpp"

namespace switchyard::process {

void run_reconnecting(const std::atomic<bool>& running, std::string_view who,
                      ReconnectPolicy policy, const std::function<void()>& session) {
  domain::Backoff backoff(policy.base, policy.cap);
  bool failed = false;
  while (running) {
    try {
      session();
      failed = false;
    } catch (const pqxx::broken_connection& e) {
      spdlog::warn("{}: database unavailable: {}; unacked messages return to their queue", who,
                   e.what());
      failed = true;
    } catch (const amqp::AmqpError& e) {
      spdlog::warn("{}: broker unavailable: {}", who, e.what());
      failed = true;
    } catch (const pqxx::sql_error& e) {
      spdlog::error("{}: database error: {} (query: {})", who, e.what(), e.query().substr(0, 200));
      failed = true;
    }
    if (!failed) backoff.reset();
    const auto until = std::chrono::steady_clock::now() + backoff.next();
    while (running && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
}

}  // namespace switchyard::process

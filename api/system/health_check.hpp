#pragma once
// GET /health — public. Answers the union of the documented health fields
// (xcore, release tracker, AsyncTaskAPI): status, checks {database, broker, disk},
// timestamp, version, uptime, mode. 200 when healthy, 503 when a dependency is down.
//
// The probes run at most once per `cache_for` (a second) whatever the request
// rate, so /health cannot be used to load the database. What failed is told in
// database_error / broker_error only to callers holding metrics:read (the
// driver's message names hosts and users); anyone else gets the booleans.
#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "amqp/task_publisher.hpp"
#include "db/connection_pool.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class HealthCheck {
 public:
  HealthCheck(db::ConnectionPool& pool, const amqp::TaskPublisher& publisher, std::string mode,
              std::string data_dir,
              std::chrono::milliseconds cache_for = std::chrono::milliseconds(1000))
      : pool_(pool),
        publisher_(publisher),
        mode_(std::move(mode)),
        data_dir_(std::move(data_dir)),
        cache_for_(cache_for),
        started_(std::chrono::steady_clock::now()) {}

  void handle(RequestContext& context);

 private:
  struct Probes {
    std::string database_error;  // empty: the database answered
    bool broker = false;
    bool disk = false;
    std::chrono::steady_clock::time_point at;
  };
  // The last probes, run again when older than cache_for_. One caller probes
  // while the others wait for its answer (a second's worth at most).
  Probes probes();
  Probes run_probes();

  db::ConnectionPool& pool_;
  const amqp::TaskPublisher& publisher_;
  std::string mode_;
  std::string data_dir_;
  std::chrono::milliseconds cache_for_;
  std::chrono::steady_clock::time_point started_;
  std::mutex mutex_;
  std::optional<Probes> last_;
};

}  // namespace switchyard::api

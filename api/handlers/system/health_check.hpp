#pragma once
// GET /health — public. Answers the union of the documented health fields
// (xcore, release tracker, AsyncTaskAPI): status, checks {database, broker, disk},
// timestamp, version, uptime, mode, and database_error / broker_error naming what
// is down. 200 when healthy, 503 when a dependency is down.
#include <chrono>
#include <string>

#include "amqp/task_publisher.hpp"
#include "db/connection_pool.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class HealthCheck {
 public:
  HealthCheck(db::ConnectionPool& pool, const amqp::TaskPublisher& publisher, std::string mode,
              std::string data_dir)
      : pool_(pool),
        publisher_(publisher),
        mode_(std::move(mode)),
        data_dir_(std::move(data_dir)),
        started_(std::chrono::steady_clock::now()) {}

  void handle(RequestContext& context);

 private:
  db::ConnectionPool& pool_;
  const amqp::TaskPublisher& publisher_;
  std::string mode_;
  std::string data_dir_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace switchyard::api

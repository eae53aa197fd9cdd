#pragma once
// POST /api/v1/tasks — the write path: parse → validate → envelope → publish with
// confirm → answer. No SQL writes. Answers 202 once the broker confirmed (the task is
// on disk), or with `Prefer: wait=N` the worker's result (200) if it comes within N
// seconds, else 202. A broker that is down or refuses the task gives 503 with
// Retry-After, never a 202. With an idempotency key the task id derives from the
// client and key; an earlier request with that key is answered from what it made
// (one read), without publishing again. What a caller may submit is
// check_submission_policy's (submission_policy.hpp). A delayed task (delay_ms,
// run_at: task_delay.hpp) goes to its first delay hop and answers `scheduled`;
// a completion callback is task_callback.hpp's.
#include <chrono>

#include "amqp/task_publisher.hpp"
#include "config/clients_config.hpp"
#include "config/services_config.hpp"
#include "db/connection_pool.hpp"
#include "http/json_schema.hpp"
#include "metrics/http_metrics.hpp"
#include "request_context.hpp"

namespace switchyard::api {

class TaskSubmission {
 public:
  TaskSubmission(const config::ServicesConfig& services, const config::ClientsConfig& clients,
                 amqp::TaskPublisher& publisher, db::ConnectionPool& pool, HttpMetrics& metrics,
                 std::string_view schema, std::chrono::seconds max_wait, bool production = false,
                 bool callback_allow_private = true)
      : services_(services),
        clients_(clients),
        publisher_(publisher),
        pool_(pool),
        metrics_(metrics),
        schema_(schema),
        max_wait_(max_wait),
        production_(production),
        callback_allow_private_(callback_allow_private) {}

  void handle(RequestContext& context);

 private:
  // Answers with the task an earlier request with the same key made (409 if that was
  // a different request); false when there is none to see (or no database).
  bool answer_from_earlier_request(RequestContext& context, const envelope::TaskEnvelope& task);

  const config::ServicesConfig& services_;
  const config::ClientsConfig& clients_;
  amqp::TaskPublisher& publisher_;
  db::ConnectionPool& pool_;
  HttpMetrics& metrics_;
  JsonSchema schema_;
  std::chrono::seconds max_wait_;
  bool production_;  // ENV=production
  bool callback_allow_private_;
};

// The key of `Idempotency-Key` or of the body's idempotency_key (400 if they
// differ), for every write that takes one (tasks, workflows).
std::optional<std::string> idempotency_key(const RequestContext& context,
                                           const rapidjson::Document& body);

// The wait asked for with RFC 7240 `Prefer: wait=N` (seconds), capped at `max`.
std::optional<std::chrono::milliseconds> preferred_wait(const std::optional<std::string>& prefer,
                                                        std::chrono::seconds max);

}  // namespace switchyard::api

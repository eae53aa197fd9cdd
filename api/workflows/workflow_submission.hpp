#pragma once
// POST /api/v1/workflows: the body is checked as a runnable DAG
// (workflow_definition.hpp) and published as one workflows.start task whose id
// is the workflow's; the worker that records it publishes the first steps. No
// SQL writes. Answers 202 with the workflow's links once the broker confirmed,
// or with `Prefer: wait=N` the finished workflow (200) when it ends within N
// seconds. An Idempotency-Key names the workflow as it names a task: a repeat
// is answered from what the first request made, a different request under the
// same key is 409.
#include <chrono>

#include "amqp/task_publisher.hpp"
#include "config/services_config.hpp"
#include "db/connection_pool.hpp"
#include "http/json_schema.hpp"
#include "metrics/http_metrics.hpp"
#include "request_context.hpp"
#include "workflows/workflow_definition.hpp"

namespace switchyard::api {

struct WorkflowSubmissionOptions {
  std::chrono::seconds max_wait{30};
  bool production = false;
  int max_steps = 500;
};

class WorkflowSubmission {
 public:
  WorkflowSubmission(const config::ServicesConfig& services, amqp::TaskPublisher& publisher,
                     db::ConnectionPool& pool, HttpMetrics& metrics, std::string_view schema,
                     WorkflowSubmissionOptions options)
      : services_(services),
        publisher_(publisher),
        pool_(pool),
        metrics_(metrics),
        schema_(schema),
        options_(options) {}

  void handle(RequestContext& context);

 private:
  // Answers with the workflow an earlier request with the same key made (409 if
  // that was a different request); false when there is none to see yet.
  bool answer_from_earlier_request(RequestContext& context, const envelope::TaskEnvelope& start);

  const config::ServicesConfig& services_;
  amqp::TaskPublisher& publisher_;
  db::ConnectionPool& pool_;
  HttpMetrics& metrics_;
  JsonSchema schema_;
  WorkflowSubmissionOptions options_;
};

}  // namespace switchyard::api

#pragma once
// AwaitedWriter: a write the documents answer synchronously (an identity change,
// a tracker event, a lock) is a task of an internal service, published with
// confirm and awaited (direct reply-to), as DESIGN.md describes. On the worker's
// success `before_answer` runs (the identity cache reloads, so the client reads
// its own write), then `on_success` answers — both on a BlockingWork thread, as
// they may read the database. Past the wait: 202 with the task's link. Failures
// map by their kind (domain::FailureKind): not_found 404, forbidden 403, conflict
// and not_configured 409, validation 422, upstream_* (a remote service the
// handler called failed) 502, anything else 500; a broker that is down, 503.
// submit() is the same without HTTP, for a door that answers in its own protocol
// (the tracker's gRPC services): write() is submit() answering through a Responder.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "amqp/task_publisher.hpp"
#include "config/services_config.hpp"
#include "domain/task_kind.hpp"
#include "http/blocking_work.hpp"
#include "http/responder.hpp"

namespace switchyard::api {

// How one API module's writes are published and answered (whatever their service).
struct AwaitedService {
  bool redact_payload = false;          // the payload holds secrets: stored as {"redacted": true}
  std::function<void()> before_answer;  // optional
};

// How an awaited write ends, whatever answers it: exactly one of the three runs.
struct WriteCallbacks {
  // The worker succeeded; `result_json` is its result. Runs on a BlockingWork
  // thread (it may read the database); what it throws goes to `failed`.
  std::function<void(const std::string& result_json)> stored;
  // Accepted but not done within the wait: task `task_id` will do it.
  std::function<void(const std::string& task_id)> queued;
  // The worker's failure mapped by its kind, or a broker that is down (503).
  std::function<void(const AppError& error)> failed;
};

class AwaitedWriter {
 public:
  // `result_json` is the worker's result.
  using OnSuccess = std::function<void(Responder& responder, const std::string& result_json)>;

  AwaitedWriter(amqp::TaskPublisher& publisher, BlockingWork& blocking,
                const config::ServicesConfig& services, std::chrono::seconds wait,
                AwaitedService service)
      : publisher_(publisher),
        blocking_(blocking),
        services_(services),
        wait_(wait),
        service_(std::move(service)) {}

  void write(const std::shared_ptr<Responder>& responder, domain::TaskKind kind,
             std::string payload_json, const std::string& submitted_by, OnSuccess on_success);
  void submit(domain::TaskKind kind, std::string payload_json, const std::string& submitted_by,
              WriteCallbacks callbacks);
  // The same for a task the caller completed (task_for, then e.g. the workflow an
  // incident's creation starts: envelope `workflow_id`).
  void submit(const envelope::TaskEnvelope& task, WriteCallbacks callbacks);
  envelope::TaskEnvelope task_for(domain::TaskKind kind, std::string payload_json,
                                  const std::string& submitted_by) const;

  // A write nobody waits for (e.g. the last-login time); failures are logged.
  void write_detached(domain::TaskKind kind, std::string payload_json,
                      const std::string& submitted_by);

 private:
  amqp::TaskPublisher& publisher_;
  BlockingWork& blocking_;
  const config::ServicesConfig& services_;
  std::chrono::seconds wait_;
  AwaitedService service_;
};

// The 202 of a write accepted but not done within the wait: the task's link, in
// the body and in Location.
void answer_queued(Responder& responder, const std::string& task_id);

}  // namespace switchyard::api

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

  // A write nobody waits for (e.g. the last-login time); failures are logged.
  void write_detached(domain::TaskKind kind, std::string payload_json,
                      const std::string& submitted_by);

 private:
  envelope::TaskEnvelope envelope_for(domain::TaskKind kind, std::string payload_json,
                                      const std::string& submitted_by) const;

  amqp::TaskPublisher& publisher_;
  BlockingWork& blocking_;
  const config::ServicesConfig& services_;
  std::chrono::seconds wait_;
  AwaitedService service_;
};

}  // namespace switchyard::api

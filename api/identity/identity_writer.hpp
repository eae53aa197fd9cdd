#pragma once
// IdentityWriter: every identity write (registration, roles, users, tokens, API
// keys) is a task of the internal service `identity`, published with confirm and
// awaited (direct reply-to), as DESIGN.md asks of the writes the documents answer
// synchronously. On the worker's success the identity cache reloads first, then
// the caller's `on_success` answers — so the client reads its own write. Past the
// wait: 202 with the task's link. Failures map by their type: not_found 404,
// conflict 409, validation 422, anything else 500; a broker that is down, 503.
// The payload is published redacted (stored as {"redacted": true}): it may hold a
// password hash or a token digest.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "amqp/task_publisher.hpp"
#include "config/services_config.hpp"
#include "http/blocking_work.hpp"
#include "http/responder.hpp"
#include "identity/identity_cache.hpp"

namespace switchyard::api {

class IdentityWriter {
 public:
  // `result_json` is the worker's result.
  using OnSuccess = std::function<void(Responder& responder, const std::string& result_json)>;

  IdentityWriter(amqp::TaskPublisher& publisher, IdentityCache& cache, BlockingWork& blocking,
                 const config::ServicesConfig& services, std::chrono::seconds wait)
      : publisher_(publisher),
        cache_(cache),
        blocking_(blocking),
        services_(services),
        wait_(wait) {}

  void write(std::shared_ptr<Responder> responder, const std::string& action,
             std::string payload_json, const std::string& submitted_by, OnSuccess on_success);

  // A write nobody waits for (e.g. the last-login time); failures are logged.
  void write_detached(const std::string& action, std::string payload_json,
                      const std::string& submitted_by);

 private:
  envelope::TaskEnvelope envelope_for(const std::string& action, std::string payload_json,
                                      const std::string& submitted_by) const;

  amqp::TaskPublisher& publisher_;
  IdentityCache& cache_;
  BlockingWork& blocking_;
  const config::ServicesConfig& services_;
  std::chrono::seconds wait_;
};

}  // namespace switchyard::api

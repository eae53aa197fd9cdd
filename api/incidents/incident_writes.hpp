#pragma once
// The writes of incidents, each a task of the internal `incidents` service,
// published once the request is fully checked (every bad field answered at once,
// 400) and awaited: the answer comes after the worker committed.
//   POST /api/v1/incidents/                    201, orchestration started
//   POST /api/v1/incidents/{id}/acknowledge/   200; 409 when the status forbids it
//   POST /api/v1/incidents/{id}/mitigate/
//   POST /api/v1/incidents/{id}/resolve/
//   POST /api/v1/incidents/{id}/comments/      201
//   POST /api/v1/incidents/{id}/tags/          200; unknown tag names are created
// Creation takes an Idempotency-Key: the same key (per caller) is the same
// incident, answered again.
#include <initializer_list>
#include <string>

#include "config/services_config.hpp"
#include "db/connection_pool.hpp"
#include "http/awaited_writer.hpp"
#include "request_context.hpp"

namespace switchyard::api::incidents {

class IncidentWrites {
 public:
  IncidentWrites(AwaitedWriter& writer, db::ConnectionPool& pool,
                 const config::ServicesConfig& services)
      : writer_(writer), pool_(pool), services_(services) {}

  void create(RequestContext& context);
  void acknowledge(RequestContext& context);
  void mitigate(RequestContext& context);
  void resolve(RequestContext& context);
  void comment(RequestContext& context);
  void tag(RequestContext& context);

 private:
  // An optional text field of a lifecycle move's body.
  struct NoteField {
    const char* name;
    std::size_t max_length;
  };
  // A lifecycle move: its optional notes checked, then `kind` published.
  void move(RequestContext& context, domain::TaskKind kind,
            std::initializer_list<NoteField> fields);
  // Publishes `kind` with `payload` and answers the worker's result with `status`.
  void publish(RequestContext& context, domain::TaskKind kind, const std::string& payload,
               Pistache::Http::Code status);

  AwaitedWriter& writer_;
  db::ConnectionPool& pool_;
  const config::ServicesConfig& services_;
};

}  // namespace switchyard::api::incidents

#pragma once
// The read side of incidents, straight from PostgreSQL:
//   GET /api/v1/incidents/                 filters status, severity, service, search;
//                                          ordering; page, page_size (as_of keeps later
//                                          pages put while incidents are created)
//   GET /api/v1/incidents/{id}/            the detail, timeline included
//   GET /api/v1/incidents/{id}/comments/   oldest first, paged
// {id} is the UUID or the short id (INC-A1B2C3, any case).
#include <string>

#include "db/connection_pool.hpp"
#include "request_context.hpp"

namespace switchyard::api::incidents {

class IncidentReads {
 public:
  IncidentReads(db::ConnectionPool& pool, std::string public_url)
      : pool_(pool), public_url_(std::move(public_url)) {}

  void list(RequestContext& context);
  void get(RequestContext& context);
  void comments(RequestContext& context);

 private:
  db::ConnectionPool& pool_;
  std::string public_url_;
};

// The UUID of the incident the path's :id names; 404 {"error": "Incident not
// found."} when none does.
std::string incident_id_of(const RequestContext& context, db::ConnectionPool& pool);

}  // namespace switchyard::api::incidents

#pragma once
// The catalog's runbooks (imas-incidents-api.md, "Runbooks"): GET/POST
// /api/v1/runbooks/, GET/PATCH/PUT/DELETE /api/v1/runbooks/{id}/. The detail is
// the document's ({id, title, description, service: {id, name} | null, steps,
// created_at, updated_at}); a list item has `steps_count` instead of `steps`, and
// the list filters by `service` and `search` (in the title). A write's `steps`
// (at most 200) replace them all: each {title (required), description, command,
// expected_duration_minutes, is_critical, requires_confirmation, order (default
// its 1-based position; unique within the runbook)}.
#include "incidents/catalog_writes.hpp"

namespace switchyard::api::incidents {

class Runbooks {
 public:
  explicit Runbooks(CatalogWrites& writes) : writes_(writes) {}

  void list(RequestContext& context);
  void get(RequestContext& context);
  void create(RequestContext& context) { write(context, WriteMode::kCreate); }
  void replace(RequestContext& context) { write(context, WriteMode::kReplace); }
  void patch(RequestContext& context) { write(context, WriteMode::kPatch); }
  void remove(RequestContext& context);

 private:
  void write(RequestContext& context, WriteMode mode);

  CatalogWrites& writes_;
};

}  // namespace switchyard::api::incidents

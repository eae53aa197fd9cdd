#pragma once
// The catalog's teams and their on-call rotation (imas-incidents-api.md,
// "Services & Teams"): GET/POST /api/v1/teams/, GET/PATCH/PUT/DELETE
// /api/v1/teams/{id}/. A team: {id, name (unique without case: 409),
// description, slack_channel_id (C… or G…, or null), current_on_call,
// created_at, updated_at}; the detail adds `on_call` (storage/incidents/
// teams_repository.hpp). A write's `on_call` (on_call_input.hpp) names a time
// zone PostgreSQL knows and existing users, else 400 naming the field.
#include "incidents/catalog_writes.hpp"

namespace switchyard::api::incidents {

class Teams {
 public:
  explicit Teams(CatalogWrites& writes) : writes_(writes) {}

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

#pragma once
// A team's on-call beyond its rotation: overrides (POST
// /api/v1/teams/{id}/overrides/ {user, starts_at, ends_at} → 201, DELETE
// /api/v1/teams/{id}/overrides/{override_id}/ → 204), where the latest created
// override covering a time wins over the rotation; and who is on call at a time
// (GET /api/v1/teams/{id}/on-call/?at=<ISO 8601>, now by default).
#include "incidents/catalog_writes.hpp"

namespace switchyard::api::incidents {

class OnCall {
 public:
  explicit OnCall(CatalogWrites& writes) : writes_(writes) {}

  void create_override(RequestContext& context);
  void remove_override(RequestContext& context);
  void at(RequestContext& context);

 private:
  CatalogWrites& writes_;
};

}  // namespace switchyard::api::incidents

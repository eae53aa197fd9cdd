#pragma once
// The catalog's services (imas-incidents-api.md, "Services & Teams"):
// GET/POST /api/v1/services/, GET/PATCH/PUT/DELETE /api/v1/services/{id}/.
// A service: {id, name, description, owner_team: {id, name} | null, criticality
// (TIER_1_CRITICAL..TIER_4_LOW, default TIER_3_MEDIUM), runbook_url (http(s),
// or null), created_at, updated_at}. Names are unique without case (409); a
// service incidents name cannot be deleted (409). The list filters by `search`
// (in the name), `criticality` and `owner_team`.
// (GET /api/v1/services without the slash is the task platform's service list.)
#include "incidents/catalog_writes.hpp"

namespace switchyard::api::incidents {

class ServicesCatalog {
 public:
  explicit ServicesCatalog(CatalogWrites& writes) : writes_(writes) {}

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

#pragma once
// The catalog's impact scopes, which an incident names in `impacted_scopes`
// (the IMAS document gives them no path; this is Switchyard's):
// GET/POST /api/v1/impact-scopes/, GET/PATCH/PUT/DELETE /api/v1/impact-scopes/{id}/.
// A scope: {id, name (unique without case: 409), description, created_at,
// updated_at}. The list filters by `search` in the name.
#include "incidents/catalog_writes.hpp"

namespace switchyard::api::incidents {

class ImpactScopes {
 public:
  explicit ImpactScopes(CatalogWrites& writes) : writes_(writes) {}

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

#pragma once
// A service's escalation policy (docs/incidents.md, "Escalation"):
// GET, PUT and DELETE /api/v1/services/{id}/escalation-policy/. The policy is one
// resource of its service: PUT creates or replaces it whole (200 with it),
// DELETE removes it (204), GET shows it, and each answers 404 for an unknown
// service, GET and DELETE also for a service without a policy. Writes are
// incidents.* tasks like the rest of the catalog (CatalogWrites).
#include "incidents/catalog_writes.hpp"

namespace switchyard::api::incidents {

class EscalationPolicies {
 public:
  explicit EscalationPolicies(CatalogWrites& writes) : writes_(writes) {}

  void get(RequestContext& context);
  void replace(RequestContext& context);
  void remove(RequestContext& context);

 private:
  CatalogWrites& writes_;
};

}  // namespace switchyard::api::incidents

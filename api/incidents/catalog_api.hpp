#pragma once
// The incident manager's catalog (docs/incidents.md, "Catalog"): services and
// their escalation policies, teams
// with their on-call rotation and overrides, impact scopes, runbooks and tags, as
// the IMAS document's Django REST framework API serves them (list and detail,
// POST on a collection, PATCH/PUT/DELETE on an item). Reads need incidents:read,
// writes incidents:admin; writes are incidents.* tasks, awaited (CatalogWrites).
// Errors in the IMAS format.
#include "incidents/catalog_writes.hpp"
#include "incidents/escalation_policies.hpp"
#include "incidents/impact_scopes.hpp"
#include "incidents/on_call.hpp"
#include "incidents/runbooks.hpp"
#include "incidents/services_catalog.hpp"
#include "incidents/tag_catalog.hpp"
#include "incidents/teams.hpp"
#include "module.hpp"

namespace switchyard::api::incidents {

class CatalogApi final : public ApiModuleOf<CatalogApi> {
 public:
  static constexpr std::string_view kName = "incident_catalog";
  static OpenapiFragment openapi();
  static std::vector<RouteRow<CatalogApi>> route_rows(const RouteOptions& options);

  explicit CatalogApi(ModuleContext& context);

 private:
  AwaitedWriter writer_;
  CatalogWrites writes_;
  ServicesCatalog services_;
  EscalationPolicies escalation_policies_;
  Teams teams_;
  OnCall on_call_;
  ImpactScopes impact_scopes_;
  Runbooks runbooks_;
  TagCatalog tags_;
};

}  // namespace switchyard::api::incidents

#pragma once
// The incident catalog's worker module: the catalog writes of the internal
// service `incidents` (teams and on-call overrides, services and their
// escalation policies, impact scopes, runbooks, tags), published by the API
// (api/incidents/catalog_api) from validated requests and awaited. Payloads are the rows as JSON
// with the ids the API chose, so a redelivered create finds its task already done. A unique
// violation is a conflict (a taken name); so is a foreign-key violation (a row
// the write refers to went away, or one still refers to the row it deletes).
#include <memory>
#include <string>

#include "database_handler.hpp"
#include "domain/incidents/incidents_kinds.hpp"
#include "worker_module.hpp"

namespace switchyard::workers::incidents {

class CatalogTasks {
 public:
  static constexpr auto& kKinds = kinds::incidents::kCatalogKinds;
  static void add_to(Dispatcher& dispatcher, const WorkerContext& context);
};

// A catalog write: `body` in the window's transaction, a unique violation
// answering `taken`, a foreign-key violation `dangling` (both conflicts).
std::unique_ptr<TaskHandler> catalog_write(std::string taken, std::string dangling,
                                           DatabaseHandler::Body body);

// The handlers of each file.
void register_service_handlers(Dispatcher& dispatcher);
void register_team_handlers(Dispatcher& dispatcher);
void register_impact_scope_handlers(Dispatcher& dispatcher);
void register_runbook_handlers(Dispatcher& dispatcher);
void register_tag_handlers(Dispatcher& dispatcher);
void register_escalation_policy_handlers(Dispatcher& dispatcher);

}  // namespace switchyard::workers::incidents

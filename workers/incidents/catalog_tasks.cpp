#include "incidents/catalog_tasks.hpp"

namespace switchyard::workers::incidents {

void CatalogTasks::add_to(Dispatcher& dispatcher, const WorkerContext& /*context*/) {
  register_service_handlers(dispatcher);
  register_team_handlers(dispatcher);
  register_impact_scope_handlers(dispatcher);
  register_runbook_handlers(dispatcher);
  register_tag_handlers(dispatcher);
  register_escalation_policy_handlers(dispatcher);
}

std::unique_ptr<TaskHandler> catalog_write(std::string taken, std::string dangling,
                                           DatabaseHandler::Body body) {
  return handler(std::move(taken),
                 [dangling = std::move(dangling), body = std::move(body)](
                     const rapidjson::Value& payload, pqxx::transaction_base& tx) {
                   try {
                     return body(payload, tx);
                   } catch (const pqxx::foreign_key_violation&) {
                     throw caller_error(FailureKind::kConflict, dangling);
                   }
                 });
}

}  // namespace switchyard::workers::incidents

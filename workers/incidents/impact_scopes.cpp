// incidents.create_impact_scope, update_impact_scope, delete_impact_scope.
#include "incidents/catalog_tasks.hpp"
#include "payload_fields.hpp"
#include "storage/incidents/impact_scopes_repository.hpp"

namespace switchyard::workers::incidents {

namespace repo = storage::incidents;
namespace kinds = switchyard::kinds::incidents;

namespace {

constexpr const char* kTaken = "An impact scope with this name already exists.";
constexpr const char* kGone = "Impact scope not found.";

}  // namespace

void register_impact_scope_handlers(Dispatcher& dispatcher) {
  dispatcher.add(
      kinds::kCreateImpactScope,
      catalog_write(kTaken, kGone, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        repo::insert_impact_scope(tx, to_text(p));
        return std::string("{}");
      }));
  dispatcher.add(
      kinds::kUpdateImpactScope,
      catalog_write(kTaken, kGone, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        if (!repo::update_impact_scope(tx, required_string(p, "id"), to_text(p))) {
          throw caller_error(FailureKind::kNotFound, kGone);
        }
        return std::string("{}");
      }));
  dispatcher.add(
      kinds::kDeleteImpactScope,
      catalog_write(kTaken, kGone, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        if (!repo::delete_impact_scope(tx, required_string(p, "id"))) {
          throw caller_error(FailureKind::kNotFound, kGone);
        }
        return std::string("{}");
      }));
}

}  // namespace switchyard::workers::incidents

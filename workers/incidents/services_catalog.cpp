// incidents.create_service, update_service, delete_service.
#include "incidents/catalog_tasks.hpp"
#include "payload_fields.hpp"
#include "storage/incidents/services_repository.hpp"

namespace switchyard::workers::incidents {

namespace repo = storage::incidents;
namespace kinds = switchyard::kinds::incidents;

namespace {

constexpr const char* kTaken = "A service with this name already exists.";
constexpr const char* kNoTeam = "The owner team no longer exists.";
constexpr const char* kNamed = "This service is named by incidents and cannot be deleted.";

}  // namespace

void register_service_handlers(Dispatcher& dispatcher) {
  dispatcher.add(
      kinds::kCreateService,
      catalog_write(kTaken, kNoTeam, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        repo::insert_service(tx, to_text(p));
        return std::string("{}");
      }));
  dispatcher.add(
      kinds::kUpdateService,
      catalog_write(kTaken, kNoTeam, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        if (!repo::update_service(tx, required_string(p, "id"), to_text(p))) {
          throw caller_error(FailureKind::kNotFound, "Service not found.");
        }
        return std::string("{}");
      }));
  // incidents.service_id has no ON DELETE: an incident naming the service keeps
  // it. Checked first for the answer's sake; the foreign key holds against a race.
  dispatcher.add(
      kinds::kDeleteService,
      catalog_write(kTaken, kNamed, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        const std::string id = required_string(p, "id");
        if (repo::service_has_incidents(tx, id)) {
          throw caller_error(FailureKind::kConflict, kNamed);
        }
        if (!repo::delete_service(tx, id)) {
          throw caller_error(FailureKind::kNotFound, "Service not found.");
        }
        return std::string("{}");
      }));
}

}  // namespace switchyard::workers::incidents

// incidents.create_runbook, update_runbook (steps given: all replaced), delete_runbook.
#include "incidents/catalog_tasks.hpp"
#include "payload_fields.hpp"
#include "storage/incidents/runbooks_repository.hpp"

namespace switchyard::workers::incidents {

namespace repo = storage::incidents;
namespace kinds = switchyard::kinds::incidents;

namespace {

constexpr const char* kTaken = "Two steps have the same order.";
constexpr const char* kNoService = "The runbook's service no longer exists.";
constexpr const char* kGone = "Runbook not found.";

}  // namespace

void register_runbook_handlers(Dispatcher& dispatcher) {
  dispatcher.add(
      kinds::kCreateRunbook,
      catalog_write(kTaken, kNoService, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        repo::insert_runbook(tx, to_text(p));
        return std::string("{}");
      }));
  dispatcher.add(
      kinds::kUpdateRunbook,
      catalog_write(kTaken, kNoService, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        if (!repo::update_runbook(tx, required_string(p, "id"), to_text(p), p.HasMember("steps"))) {
          throw caller_error(FailureKind::kNotFound, kGone);
        }
        return std::string("{}");
      }));
  dispatcher.add(
      kinds::kDeleteRunbook,
      catalog_write(kTaken, kGone, [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        if (!repo::delete_runbook(tx, required_string(p, "id"))) {
          throw caller_error(FailureKind::kNotFound, kGone);
        }
        return std::string("{}");
      }));
}

}  // namespace switchyard::workers::incidents

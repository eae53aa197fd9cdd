// tracker.put_catalog (create or replace by name), delete_catalog.
#include "database_handler.hpp"
#include "payload_fields.hpp"
#include "storage/tracker/catalog_repository.hpp"
#include "tracker/payload_rows.hpp"
#include "tracker/tracker_tasks.hpp"

namespace switchyard::workers::tracker {

namespace repo = storage::tracker;

void register_catalog_handlers(Dispatcher& dispatcher) {
  dispatcher.add(kinds::tracker::kPutCatalog,
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   repo::upsert_catalog(
                       tx, read_payload([&] {
                         return ::switchyard::domain::tracker::catalog_entry_from_row(p);
                       }));
                   return std::string("{}");
                 }));
  dispatcher.add(kinds::tracker::kDeleteCatalog,
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   const std::string name = required_string(p, "name");
                   if (!repo::delete_catalog(tx, name)) {
                     throw caller_error(FailureKind::kNotFound, "No catalog entry named " + name);
                   }
                   return std::string("{}");
                 }));
}

}  // namespace switchyard::workers::tracker

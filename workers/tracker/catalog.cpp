// tracker.put_catalog (create or replace by name), delete_catalog.
#include "database_handler.hpp"
#include "payload_fields.hpp"
#include "storage/tracker/catalog_repository.hpp"
#include "tracker/payload_rows.hpp"
#include "tracker/tracker_handlers.hpp"

namespace switchyard::workers::tracker {

namespace repo = storage::tracker;

void register_catalog_handlers(Dispatcher& dispatcher) {
  dispatcher.add("tracker", "put_catalog",
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   repo::upsert_catalog(
                       tx, read_payload([&] {
                         return ::switchyard::domain::tracker::catalog_entry_from_row(p);
                       }));
                   return std::string("{}");
                 }));
  dispatcher.add("tracker", "delete_catalog",
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   const std::string name = required_string(p, "name");
                   if (!repo::delete_catalog(tx, name)) {
                     throw caller_error("not_found", "No catalog entry named " + name);
                   }
                   return std::string("{}");
                 }));
}

}  // namespace switchyard::workers::tracker

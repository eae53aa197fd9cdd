// tracker.create_event, update_event, delete_event.
#include "database_handler.hpp"
#include "payload_fields.hpp"
#include "tracker/tracker_handlers.hpp"
#include "storage/tracker/events_repository.hpp"

namespace switchyard::workers::tracker {
namespace {

namespace repo = storage::tracker;

std::string id_result(const std::string& id) { return "{\"id\":\"" + id + "\"}"; }

}  // namespace

void register_event_handlers(Dispatcher& dispatcher) {
  dispatcher.add("tracker", "create_event",
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   // A redelivery finds its row already there: the same answer.
                   repo::insert_event(tx, to_text(p));
                   return id_result(required_string(p, "id"));
                 }));
  dispatcher.add("tracker", "update_event",
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   const std::string id = required_string(p, "id");
                   const auto changes = p.FindMember("changes");
                   if (changes == p.MemberEnd() || !changes->value.IsObject()) {
                     throw bad_payload("changes", "an object");
                   }
                   if (!repo::update_event(tx, id, to_text(changes->value))) {
                     throw caller_error("not_found", "No event " + id);
                   }
                   return id_result(id);
                 }));
  dispatcher.add("tracker", "delete_event",
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   const std::string id = required_string(p, "id");
                   if (!repo::delete_event(tx, id))
                     throw caller_error("not_found", "No event " + id);
                   return id_result(id);
                 }));
}

}  // namespace switchyard::workers::tracker

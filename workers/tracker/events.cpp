// tracker.create_event, update_event, delete_event.
#include "database_handler.hpp"
#include "payload_fields.hpp"
#include "storage/tracker/events_repository.hpp"
#include "tracker/payload_rows.hpp"
#include "tracker/tracker_tasks.hpp"

namespace switchyard::workers::tracker {
namespace {

namespace repo = storage::tracker;
namespace records = ::switchyard::domain::tracker;

std::string id_result(const std::string& id) { return "{\"id\":\"" + id + "\"}"; }

}  // namespace

void register_event_handlers(Dispatcher& dispatcher) {
  dispatcher.add(kinds::tracker::kCreateEvent,
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   const auto event = read_payload([&] { return records::event_from_row(p); });
                   // A redelivery finds its row already there: the same answer.
                   repo::insert_event(tx, event);
                   return id_result(event.id);
                 }));
  dispatcher.add(
      kinds::tracker::kUpdateEvent,
      handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
        const std::string id = required_string(p, "id");
        const auto changes = p.FindMember("changes");
        if (changes == p.MemberEnd() || !changes->value.IsObject()) {
          throw bad_payload("changes", "an object");
        }
        auto event = repo::find_event_for_update(tx, id);
        if (!event) throw caller_error(FailureKind::kNotFound, "No event " + id);
        read_payload([&] { return records::apply_event_changes(changes->value, *event); });
        repo::update_event(tx, *event);
        return id_result(id);
      }));
  dispatcher.add(kinds::tracker::kDeleteEvent,
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   const std::string id = required_string(p, "id");
                   if (!repo::delete_event(tx, id))
                     throw caller_error(FailureKind::kNotFound, "No event " + id);
                   return id_result(id);
                 }));
}

}  // namespace switchyard::workers::tracker

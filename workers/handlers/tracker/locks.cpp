// tracker.take_lock, release_lock. A lock that is held is not a failure of the
// task: it succeeds with {"taken": false, "lock": <the holder>} and the API
// answers 409 with the holder.
#include "handlers/database_handler.hpp"
#include "handlers/payload_fields.hpp"
#include "handlers/tracker/tracker_handlers.hpp"
#include "storage/tracker/locks_repository.hpp"

namespace switchyard::workers::tracker {

namespace repo = storage::tracker;

void register_lock_handlers(Dispatcher& dispatcher) {
  dispatcher.add("tracker", "take_lock",
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   const auto result = repo::take_lock(tx, to_text(p));
                   return std::string(R"({"taken":)") + (result.taken ? "true" : "false") +
                          R"(,"lock":)" + result.row_json + "}";
                 }));
  dispatcher.add("tracker", "release_lock",
                 handler("", [](const rapidjson::Value& p, pqxx::transaction_base& tx) {
                   const std::string id = required_string(p, "id");
                   if (!repo::release_lock(tx, id))
                     throw caller_error("not_found", "No lock " + id);
                   return "{\"id\":\"" + id + "\"}";
                 }));
}

}  // namespace switchyard::workers::tracker

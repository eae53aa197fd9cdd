// tracker.take_lock, release_lock. A lock that is held is not a failure of the
// task: it succeeds with {"taken": false, "lock": <the holder>} and the API
// answers 409 with the holder.
//
// A lock records who took it (taken_by: the task's submitted_by — `user:<id>`, an
// API key's name, or `anonymous`), and only that caller or an admin releases it;
// anyone else's release fails as `forbidden` (403). `who` is not the holder: it
// is free text any caller may write.
#include "database_handler.hpp"
#include "identity/caller_authority.hpp"
#include "payload_fields.hpp"
#include "storage/tracker/locks_repository.hpp"
#include "tracker/payload_rows.hpp"
#include "tracker/tracker_tasks.hpp"

namespace switchyard::workers::tracker {

namespace repo = storage::tracker;
using identity::caller_handler;

void register_lock_handlers(Dispatcher& dispatcher) {
  dispatcher.add(
      kinds::tracker::kTakeLock,
      caller_handler("", [](const std::string& caller, const rapidjson::Value& p,
                            pqxx::transaction_base& tx) {
        auto lock = read_payload([&] { return ::switchyard::domain::tracker::lock_from_row(p); });
        lock.taken_by = caller;
        const auto result = repo::take_lock(tx, lock);
        // The task's result is read by its submitter: it names the lock, not
        // who holds it.
        return std::string(R"({"taken":)") + (result.taken ? "true" : "false") + R"(,"lock":)" +
               ::switchyard::domain::tracker::lock_result_row(result.lock) + "}";
      }));
  dispatcher.add(kinds::tracker::kReleaseLock,
                 caller_handler("", [](const std::string& caller, const rapidjson::Value& p,
                                       pqxx::transaction_base& tx) {
                   const std::string id = required_string(p, "id");
                   const auto holder = repo::lock_holder(tx, id);
                   if (!holder) throw caller_error(FailureKind::kNotFound, "No lock " + id);
                   if (*holder != caller && !identity::grantor_of(caller, p, tx).admin) {
                     throw caller_error(FailureKind::kForbidden,
                                        "lock " + id +
                                            " was taken by another caller: only its holder "
                                            "(the same credentials) or an admin releases it");
                   }
                   if (!repo::release_lock(tx, id)) {
                     throw caller_error(FailureKind::kNotFound, "No lock " + id);
                   }
                   return "{\"id\":\"" + id + "\"}";
                 }));
}

}  // namespace switchyard::workers::tracker

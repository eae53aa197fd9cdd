#include "schedules/schedules_tasks.hpp"

#include <chrono>

#include "database_handler.hpp"
#include "payload_fields.hpp"
#include "storage/schedules/schedules_repository.hpp"

namespace switchyard::workers::schedules {
namespace {

namespace repo = storage::schedules;
using domain::schedules::FieldError;
using domain::schedules::ScheduleDefinition;
using domain::schedules::Seconds;

Seconds now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

ScheduleDefinition definition_of(const rapidjson::Value& payload) {
  try {
    return domain::schedules::parse_schedule_definition(payload);
  } catch (const FieldError& e) {
    throw caller_error(FailureKind::kValidation, e.field() + ": " + e.what());
  }
}

// The schedule `id`, locked for this task; refuses a missing or built-in one.
void require_user_schedule(pqxx::transaction_base& tx, const std::string& id) {
  const auto state = repo::schedule_state(tx, id);
  if (!state) throw caller_error(FailureKind::kNotFound, "No such scheduled task");
  if (state->builtin) {
    throw caller_error(FailureKind::kConflict, "A built-in task of the platform cannot be changed");
  }
}

constexpr const char* kTaken = "A scheduled task with this id already exists";

}  // namespace

void SchedulesTasks::add_to(Dispatcher& dispatcher, const WorkerContext& /*context*/) {
  dispatcher.add(kinds::schedules::kCreate, context_handler(kTaken, [](TaskContext& context) {
                   const ScheduleDefinition d = definition_of(context.payload);
                   return repo::insert_schedule(*context.transaction, d,
                                                d.timing().first_fire(now()),
                                                context.task.submitted_by);
                 }));
  dispatcher.add(kinds::schedules::kUpdate,
                 handler(kTaken, [](const rapidjson::Value& payload, pqxx::transaction_base& tx) {
                   const ScheduleDefinition d = definition_of(payload);
                   require_user_schedule(tx, d.id);
                   return *repo::replace_schedule(tx, d, d.timing().first_fire(now()));
                 }));
  dispatcher.add(kinds::schedules::kDelete,
                 handler(kTaken, [](const rapidjson::Value& payload, pqxx::transaction_base& tx) {
                   const std::string id = required_string(payload, "id");
                   require_user_schedule(tx, id);
                   repo::delete_schedule(tx, id);
                   return std::string("{}");
                 }));
  dispatcher.add(kinds::schedules::kPause,
                 handler(kTaken, [](const rapidjson::Value& payload, pqxx::transaction_base& tx) {
                   const std::string id = required_string(payload, "id");
                   require_user_schedule(tx, id);
                   return *repo::set_enabled(tx, id, false, std::nullopt);
                 }));
  dispatcher.add(kinds::schedules::kResume,
                 handler(kTaken, [](const rapidjson::Value& payload, pqxx::transaction_base& tx) {
                   const std::string id = required_string(payload, "id");
                   require_user_schedule(tx, id);
                   // The stored item is a definition too; fires missed while paused
                   // are not misfires: the next one counts from now.
                   rapidjson::Document stored;
                   stored.Parse(repo::find_schedule(tx, id).value_or("{}").c_str());
                   const ScheduleDefinition d = definition_of(stored);
                   return *repo::set_enabled(tx, id, true, d.timing().first_fire(now()));
                 }));
}

}  // namespace switchyard::workers::schedules

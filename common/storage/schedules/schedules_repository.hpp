#pragma once
// The `schedules` table (migration 0019): the xcore items of /system/tasks
// (schedule_json: status, counts and last_run from the ledger), the writes of the
// `schedules` worker, and the leader listener's due schedules and fires.
#include <chrono>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/schedules/schedule_definition.hpp"

namespace switchyard::storage::schedules {

using domain::schedules::ScheduleDefinition;
using domain::schedules::Seconds;

// {"total","skip","limit","has_more","items"}, by id.
std::string list_schedules(pqxx::transaction_base& tx, int skip, int limit);
std::optional<std::string> find_schedule(pqxx::transaction_base& tx, const std::string& id);

struct ScheduleState {
  bool builtin = false;
  bool enabled = true;
};
std::optional<ScheduleState> schedule_state(pqxx::transaction_base& tx, const std::string& id);

// Throws pqxx::unique_violation when the id is taken.
std::string insert_schedule(pqxx::transaction_base& tx, const ScheduleDefinition& definition,
                            std::optional<Seconds> next_run, const std::string& created_by);
// Replaces the definition of a user schedule; nullopt when there is none.
std::optional<std::string> replace_schedule(pqxx::transaction_base& tx,
                                            const ScheduleDefinition& definition,
                                            std::optional<Seconds> next_run);
bool delete_schedule(pqxx::transaction_base& tx, const std::string& id);
// Pauses (enabled false) or resumes with its next fire (a `once` keeps its own:
// its run_at, or none once fired); the item, nullopt when none.
std::optional<std::string> set_enabled(pqxx::transaction_base& tx, const std::string& id,
                                       bool enabled, std::optional<Seconds> next_run);

// What the leader needs of a due schedule.
struct DueSchedule {
  std::string id;
  std::string type;
  std::string schedule;
  std::string timezone;
  std::int64_t interval_seconds = 0;
  Seconds run_at{};
  std::string service;
  std::string action;
  std::string payload_json;
  std::string misfire_policy;
  std::string fire_key;
  Seconds next_run{};
};
std::vector<DueSchedule> due_schedules(pqxx::transaction_base& tx, Seconds now, int limit);
// Moves a schedule past its fires, unless someone changed it meanwhile (its
// next_run is no longer `fired_from`): false then.
bool advance_schedule(pqxx::transaction_base& tx, const std::string& id, Seconds fired_from,
                      std::optional<Seconds> next_run);

// The listener's own periodic jobs, listed read-only: sets the built-in rows to
// exactly `jobs` (id, name, interval in seconds).
struct BuiltinJob {
  std::string id;
  std::string name;
  std::int64_t interval_seconds = 0;
};
void sync_builtin_jobs(pqxx::transaction_base& tx, const std::vector<BuiltinJob>& jobs);
void record_builtin_run(pqxx::transaction_base& tx, const std::string& id, bool succeeded,
                        Seconds at, Seconds next_run);

}  // namespace switchyard::storage::schedules

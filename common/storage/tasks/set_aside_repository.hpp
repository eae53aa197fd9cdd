#pragma once
// Writes for poison-message containment (docs/guarantees.md#poison-messages):
// the final state of a task whose message can never be completed normally, and
// the strikes that count how often a worker died while running one attempt.
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "domain/task_status.hpp"

namespace switchyard::storage {

// A task set aside instead of run (again). Its text fields may come from a hostile
// message: they are made storable (no NUL, valid UTF-8, bounded) before writing.
struct SetAsideTask {
  std::string id;  // a UUID (the caller checked it)
  std::string service;
  std::string action;
  std::string submitted_by;
  int attempt = 1;
  domain::TaskStatus status = domain::TaskStatus::kFailed;  // kFailed or kDead
  std::string error_type;                                   // validation, poison
  std::string reason;                                       // shown as the error's message
};

// Records the task in its final state with {"type","message"} as its error; the
// payload (which may be what the database refused) is stored as
// {"set_aside": true}. A task already at or past that state is left alone.
// Returns true when the row was written.
bool record_set_aside(pqxx::transaction_base& tx, const SetAsideTask& task);

// Adds a strike to (task, attempt) and returns how many it had before this one.
int add_strike(pqxx::transaction_base& tx, const std::string& task_id, int attempt);
// The error of the last try, kept for the set-aside reason; best effort.
void note_strike_error(pqxx::transaction_base& tx, const std::string& task_id, int attempt,
                       const std::string& error);
std::optional<std::string> last_strike_error(pqxx::transaction_base& tx, const std::string& task_id,
                                             int attempt);
void clear_strikes(pqxx::transaction_base& tx, const std::string& task_id);
// Strikes untouched for `older_than_hours`; returns how many went.
std::int64_t purge_strikes(pqxx::transaction_base& tx, int older_than_hours);

// `text` with NUL characters dropped, invalid UTF-8 bytes replaced by U+FFFD and at
// most `max_bytes` kept (never cutting a character): what PostgreSQL's text and
// jsonb accept.
std::string storable_text(std::string_view text, std::size_t max_bytes = 1000);

}  // namespace switchyard::storage

#pragma once
// SQL of follow-up tasks (migrations/0028, task_follow_ups): the tasks a handler
// asks to publish once its success is committed, kept with that outcome so that a
// redelivered copy of the task (its first worker died between the commit and the
// broker's confirms) publishes them again instead of losing them.
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace switchyard::storage {

// Writes `envelopes_json` (a JSON array of task envelopes) as the follow-ups of
// `task_id`, once: a follow-up already kept is left as it is.
void store_follow_ups(pqxx::transaction_base& tx, const std::string& task_id,
                      const std::string& envelopes_json);

// The kept follow-ups of these tasks, as envelope JSON texts.
std::vector<std::string> find_follow_ups(pqxx::transaction_base& tx,
                                         const std::vector<std::string>& task_ids);

}  // namespace switchyard::storage

#include "storage/tasks/follow_ups_repository.hpp"

namespace switchyard::storage {

void store_follow_ups(pqxx::transaction_base& tx, const std::string& task_id,
                      const std::string& envelopes_json) {
  tx.exec_params(R"(
INSERT INTO task_follow_ups (task_id, id, envelope)
SELECT $1::uuid, (e ->> 'id')::uuid, e FROM jsonb_array_elements($2::jsonb) e
ON CONFLICT DO NOTHING)",
                 task_id, envelopes_json);
}

std::vector<std::string> find_follow_ups(pqxx::transaction_base& tx,
                                         const std::vector<std::string>& task_ids) {
  std::vector<std::string> envelopes;
  if (task_ids.empty()) return envelopes;
  std::string array = "{";  // ids are UUIDs: no quoting needed
  for (const auto& id : task_ids) {
    if (array.size() > 1) array.push_back(',');
    array += id;
  }
  array.push_back('}');
  const auto rows = tx.exec_params(
      "SELECT envelope::text FROM task_follow_ups WHERE task_id = ANY ($1::uuid[]) ORDER BY "
      "task_id, id",
      array);
  for (const auto& row : rows) envelopes.push_back(row[0].as<std::string>());
  return envelopes;
}

}  // namespace switchyard::storage

#include "storage/tracker/locks_repository.hpp"

namespace switchyard::storage::tracker {
namespace {

constexpr const char* kRowJson =
    "(to_jsonb(l) || jsonb_build_object('created_at', rfc3339(l.created_at)))::text";

}  // namespace

TakeResult take_lock(pqxx::transaction_base& tx, const std::string& row_json) {
  const pqxx::result inserted = tx.exec_params(
      std::string("INSERT INTO tracker_locks AS l (id, service, who, environment, resource, "
                  "event_id, taken_by) SELECT x.id, x.service, x.who, coalesce(x.environment, ''), "
                  "coalesce(x.resource, ''), coalesce(x.event_id, ''), coalesce(x.taken_by, '') "
                  "FROM jsonb_to_record($1::jsonb) AS x(id uuid, service text, who text, "
                  "environment text, resource text, event_id text, taken_by text) "
                  "ON CONFLICT DO NOTHING RETURNING ") +
          kRowJson,
      row_json);
  if (!inserted.empty()) return {true, inserted[0][0].as<std::string>()};
  // Held: by this very take (a redelivery), or by someone else.
  const pqxx::row holder =
      tx.exec_params1(std::string("SELECT l.id = ($1::jsonb->>'id')::uuid, ") + kRowJson +
                          " FROM tracker_locks l WHERE l.service = $1::jsonb->>'service' "
                          "   OR l.id = ($1::jsonb->>'id')::uuid LIMIT 1",
                      row_json);
  return {holder[0].as<bool>(), holder[1].as<std::string>()};
}

std::optional<std::string> lock_holder(pqxx::transaction_base& tx, const std::string& id) {
  const pqxx::result rows =
      tx.exec_params("SELECT taken_by FROM tracker_locks WHERE id = $1::uuid FOR UPDATE", id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

bool release_lock(pqxx::transaction_base& tx, const std::string& id) {
  return tx.exec_params("DELETE FROM tracker_locks WHERE id = $1::uuid", id).affected_rows() == 1;
}

std::optional<std::string> find_lock(pqxx::transaction_base& tx, const std::string& id) {
  const pqxx::result rows = tx.exec_params(
      std::string("SELECT ") + kRowJson + " FROM tracker_locks l WHERE id = $1::uuid", id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

LockPage list_locks(pqxx::transaction_base& tx, int limit, int offset) {
  LockPage page;
  page.total = tx.exec1("SELECT count(*) FROM tracker_locks")[0].as<std::int64_t>();
  for (const auto& row : tx.exec_params(std::string("SELECT ") + kRowJson +
                                            " FROM tracker_locks l ORDER BY created_at DESC, id "
                                            "DESC LIMIT $1 OFFSET $2",
                                        limit, offset)) {
    page.rows.push_back(row[0].as<std::string>());
  }
  return page;
}

}  // namespace switchyard::storage::tracker

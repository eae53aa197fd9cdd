#include "storage/workflows/workflow_repository.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace switchyard::storage::workflows {
namespace {

// Arrays travel as one JSON parameter, unpacked in order.
constexpr const char* kAdvanceSql = R"(
SELECT m.kind, m.target, m.body::text, m.body->>'id'
  FROM workflow_advance(
         ARRAY(SELECT e::uuid FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY x(e, n)
                ORDER BY n),
         ARRAY(SELECT nullif(e, '') FROM jsonb_array_elements_text($2::jsonb) WITH ORDINALITY x(e, n)
                ORDER BY n)) m)";

constexpr const char* kRepublishSql = R"(
SELECT m.kind, m.target, m.body::text, m.body->>'id'
  FROM workflow_republish(ARRAY(SELECT e::uuid FROM jsonb_array_elements_text($1::jsonb) e)) m)";

// Newest first: ids are UUIDv7 (an Idempotency-Key's id is not, and sorts
// among them by its hash; `since` still bounds on the submission time).
constexpr const char* kListSql = R"(
SELECT workflow_json(w)::text, id FROM workflows w
 WHERE ($1::text IS NULL OR status = $1)
   AND ($2::timestamptz IS NULL OR submitted_at >= $2)
   AND ($3::uuid IS NULL OR id < $3)
   AND ($4::text IS NULL OR submitted_by = $4)
 ORDER BY id DESC
 LIMIT $5)";

std::string json_array(const std::vector<std::string>& values) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartArray();
  for (const auto& value : values) {
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
  w.EndArray();
  return {buffer.GetString(), buffer.GetSize()};
}

std::vector<WorkflowMessage> messages_of(const pqxx::result& rows) {
  std::vector<WorkflowMessage> messages;
  messages.reserve(static_cast<std::size_t>(rows.size()));
  for (const auto& row : rows) {
    const std::string kind = row[0].as<std::string>();
    WorkflowMessage message;
    message.kind = kind == "publish" ? WorkflowMessage::Kind::kPublish
                   : kind == "event" ? WorkflowMessage::Kind::kEvent
                                     : WorkflowMessage::Kind::kReply;
    message.target = row[1].as<std::string>();
    message.body = row[2].as<std::string>();
    message.id = row[3].as<std::string>();
    messages.push_back(std::move(message));
  }
  return messages;
}

}  // namespace

bool create_workflow(pqxx::transaction_base& tx, const std::string& definition_json,
                     const std::string& submitted_by,
                     const std::optional<std::string>& idempotency_key,
                     const std::string& submitted_at) {
  const std::optional<std::string> at =
      submitted_at.empty() ? std::nullopt : std::optional<std::string>(submitted_at);
  return tx
      .exec_params1("SELECT workflow_create($1::jsonb, $2, $3, coalesce($4::timestamptz, now()))",
                    definition_json, submitted_by, idempotency_key, at)[0]
      .as<bool>();
}

std::optional<std::string> cancel_workflow(pqxx::transaction_base& tx, const std::string& id) {
  const auto row = tx.exec_params1("SELECT workflow_cancel($1)", id);
  if (row[0].is_null()) return std::nullopt;
  return row[0].as<std::string>();
}

std::vector<WorkflowMessage> advance_workflows(pqxx::transaction_base& tx,
                                               const std::vector<std::string>& task_ids,
                                               const std::vector<std::string>& reply_to) {
  if (task_ids.empty()) return {};
  return messages_of(tx.exec_params(kAdvanceSql, json_array(task_ids), json_array(reply_to)));
}

std::vector<WorkflowMessage> republish_workflow_steps(pqxx::transaction_base& tx,
                                                     const std::vector<std::string>& task_ids) {
  if (task_ids.empty()) return {};
  return messages_of(tx.exec_params(kRepublishSql, json_array(task_ids)));
}

std::optional<std::string> find_workflow_json(pqxx::transaction_base& tx, const std::string& id) {
  const auto rows = tx.exec_params("SELECT workflow_json(w)::text FROM workflows w WHERE id = $1", id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::optional<WorkflowHead> find_workflow_head(pqxx::transaction_base& tx, const std::string& id) {
  const auto rows = tx.exec_params("SELECT status, submitted_by FROM workflows WHERE id = $1", id);
  if (rows.empty()) return std::nullopt;
  return WorkflowHead{rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

WorkflowPage list_workflows(pqxx::transaction_base& tx, const WorkflowListFilter& filter) {
  // One more row than asked tells whether a next page exists.
  const auto rows = tx.exec_params(kListSql, filter.status, filter.since, filter.cursor,
                                   filter.submitted_by, filter.limit + 1);
  WorkflowPage page;
  const auto n = std::min<std::size_t>(rows.size(), static_cast<std::size_t>(filter.limit));
  for (std::size_t i = 0; i < n; ++i) page.items_json.push_back(rows[i][0].as<std::string>());
  if (rows.size() > n) page.next_cursor = rows[n - 1][1].as<std::string>();
  return page;
}

}  // namespace switchyard::storage::workflows

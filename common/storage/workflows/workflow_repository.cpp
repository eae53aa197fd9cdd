#include "storage/workflows/workflow_repository.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "storage/sql_statement.hpp"

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

constexpr const char* kBeginSql = R"(
SELECT m.kind, m.target, m.body::text, m.body->>'id'
  FROM workflow_begin(ARRAY(SELECT e::uuid FROM jsonb_array_elements_text($1::jsonb) e)) m)";

// Lists: one statement per filter combination, planned for its values (as the
// task lists, issue #24), newest first by (submitted_at, id): a workflow named by
// an Idempotency-Key has an id that is not time-ordered.
constexpr const char* kListSelect = "SELECT workflow_json(w)::text, id FROM workflows w WHERE true";
constexpr const char* kListOrder = " ORDER BY submitted_at DESC, id DESC LIMIT ";

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

std::vector<WorkflowMessage> begin_workflows(pqxx::transaction_base& tx,
                                             const std::vector<std::string>& workflow_ids) {
  if (workflow_ids.empty()) return {};
  return messages_of(tx.exec_params(kBeginSql, json_array(workflow_ids)));
}

std::optional<std::string> find_workflow_json(pqxx::transaction_base& tx, const std::string& id) {
  const auto rows =
      tx.exec_params("SELECT workflow_json(w)::text FROM workflows w WHERE id = $1", id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::optional<WorkflowHead> find_workflow_head(pqxx::transaction_base& tx, const std::string& id) {
  const auto rows = tx.exec_params("SELECT status, submitted_by FROM workflows WHERE id = $1", id);
  if (rows.empty()) return std::nullopt;
  return WorkflowHead{rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

std::optional<WorkflowPage> list_workflows(pqxx::transaction_base& tx,
                                           const WorkflowListFilter& filter) {
  SqlStatement statement{kListSelect, {}};
  if (filter.status) statement.bind("status =", *filter.status, "text");
  if (filter.submitted_by) statement.bind("submitted_by =", *filter.submitted_by, "text");
  if (filter.since) statement.bind("submitted_at >=", *filter.since, "timestamptz");
  if (filter.cursor) {
    const auto position =
        tx.exec_params("SELECT submitted_at::text FROM workflows WHERE id = $1", *filter.cursor);
    if (position.empty()) return std::nullopt;
    statement.values.push_back(position[0][0].as<std::string>());
    statement.values.push_back(*filter.cursor);
    statement.sql += fmt::format(" AND (submitted_at, id) < (${}::timestamptz, ${}::uuid)",
                                 statement.values.size() - 1, statement.values.size());
  }
  // One more row than asked tells whether a next page exists.
  statement.sql += kListOrder + std::to_string(filter.limit + 1);
  const auto rows = statement.run(tx);
  WorkflowPage page;
  const auto n = std::min<std::size_t>(rows.size(), static_cast<std::size_t>(filter.limit));
  for (std::size_t i = 0; i < n; ++i) page.items_json.push_back(rows[i][0].as<std::string>());
  if (rows.size() > n) page.next_cursor = rows[n - 1][1].as<std::string>();
  return page;
}

}  // namespace switchyard::storage::workflows

#include "storage/tasks/set_aside_repository.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace switchyard::storage {
namespace {

// Final for `failed`; for `dead`, the attempt's end (a replay moves it on). Only a
// task that has not got past running this attempt is touched: one that completed,
// retried or was set aside meanwhile keeps its state.
constexpr const char* kRecordSetAsideSql = R"(
INSERT INTO tasks AS t (id, service, action, status, attempts, max_attempts, payload,
                        submitted_by, started_at, finished_at, error, errors)
VALUES ($1::uuid, $2::text, $3::text, $4::text, $5::int, $5::int, '{"set_aside": true}',
        $6::text, now(), now(), $7::jsonb,
        jsonb_build_array($7::jsonb || jsonb_build_object('attempt', $5::int, 'at', rfc3339(now()))))
ON CONFLICT (id) DO UPDATE
   SET status = EXCLUDED.status, attempts = EXCLUDED.attempts, error = EXCLUDED.error,
       errors = t.errors || EXCLUDED.errors, finished_at = now(), updated_at = now(),
       result = NULL
 WHERE task_progress(t.status, t.attempts) <= task_progress('running', EXCLUDED.attempts))";

// UTF-8 sequence length announced by a lead byte, 0 when it cannot lead.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// True when text[at, at+length) is one well-formed UTF-8 character (no overlong
// forms, no surrogates, nothing past U+10FFFF).
bool well_formed(std::string_view text, std::size_t at, std::size_t length) {
  if (length == 0 || at + length > text.size()) return false;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return false;
  }
  if (length == 3 && byte(0) == 0xE0 && byte(1) < 0xA0) return false;   // overlong
  if (length == 3 && byte(0) == 0xED && byte(1) >= 0xA0) return false;  // surrogate
  if (length == 4 && byte(0) == 0xF0 && byte(1) < 0x90) return false;   // overlong
  if (length == 4 && byte(0) == 0xF4 && byte(1) >= 0x90) return false;  // past U+10FFFF
  return true;
}

std::string error_json(const SetAsideTask& task) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  const std::string type = storable_text(task.error_type, 64);
  const std::string message = storable_text(task.reason);
  w.StartObject();
  w.Key("type");
  w.String(type.c_str(), static_cast<rapidjson::SizeType>(type.size()));
  w.Key("message");
  w.String(message.c_str(), static_cast<rapidjson::SizeType>(message.size()));
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace

std::string storable_text(std::string_view text, std::size_t max_bytes) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(std::min(text.size(), max_bytes));
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = sequence_length(static_cast<unsigned char>(text[at]));
    const bool valid = well_formed(text, at, length);
    const std::string_view piece = valid ? text.substr(at, length) : kReplacement;
    at += valid ? length : 1;
    if (piece == std::string_view("\0", 1)) continue;
    if (out.size() + piece.size() > max_bytes) break;
    out.append(piece);
  }
  return out;
}

bool record_set_aside(pqxx::transaction_base& tx, const SetAsideTask& task) {
  const int attempt = std::max(task.attempt, 1);
  return tx.exec_params(kRecordSetAsideSql, task.id, storable_text(task.service, 200),
                        storable_text(task.action, 200),
                        std::string(domain::to_string(task.status)), attempt,
                        storable_text(task.submitted_by, 200), error_json(task))
             .affected_rows() == 1;
}

int add_strike(pqxx::transaction_base& tx, const std::string& task_id, int attempt) {
  const pqxx::row row = tx.exec_params1(
      "INSERT INTO delivery_strikes AS s (task_id, attempt) VALUES ($1::uuid, $2) "
      "ON CONFLICT (task_id, attempt) DO UPDATE SET strikes = s.strikes + 1, updated_at = now() "
      "RETURNING s.strikes - 1",
      task_id, attempt);
  return row[0].as<int>();
}

void note_strike_error(pqxx::transaction_base& tx, const std::string& task_id, int attempt,
                       const std::string& error) {
  tx.exec_params(
      "UPDATE delivery_strikes SET last_error = $3, updated_at = now() "
      " WHERE task_id = $1::uuid AND attempt = $2",
      task_id, attempt, storable_text(error));
}

std::optional<std::string> last_strike_error(pqxx::transaction_base& tx, const std::string& task_id,
                                             int attempt) {
  const pqxx::result rows = tx.exec_params(
      "SELECT last_error FROM delivery_strikes WHERE task_id = $1::uuid AND attempt = $2", task_id,
      attempt);
  if (rows.empty() || rows[0][0].is_null()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

void clear_strikes(pqxx::transaction_base& tx, const std::string& task_id) {
  tx.exec_params("DELETE FROM delivery_strikes WHERE task_id = $1::uuid", task_id);
}

std::int64_t purge_strikes(pqxx::transaction_base& tx, int older_than_hours) {
  return static_cast<std::int64_t>(
      tx.exec_params("DELETE FROM delivery_strikes "
                     " WHERE updated_at < now() - make_interval(hours => $1)",
                     older_than_hours)
          .affected_rows());
}

}  // namespace switchyard::storage

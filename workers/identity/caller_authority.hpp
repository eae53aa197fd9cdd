#pragma once
// Who asked for an identity write, and what they hold at the moment it is made.
// The API checks the escalation rules (domain/grant_rules.hpp) against its cached
// snapshot; the worker checks them again here against the database, inside the
// write's transaction, so a right taken away since (or a second request racing
// this one) cannot slip through.
//
// The caller is the task's submitted_by: `user:<id>` is read from the database;
// anything else is an API key, whose role never changes after it is made, and
// whose admin standing the API states in the payload (`caller_admin`): the
// identity service is internal, so only the API publishes its tasks.
#include <charconv>
#include <functional>
#include <memory>
#include <string>

#include "database_handler.hpp"
#include "domain/grant_rules.hpp"
#include "storage/identity/authority_repository.hpp"

namespace switchyard::workers::identity {

// The caller's grants as the database has them now; a user who is gone or
// inactive holds nothing (the write fails as forbidden).
inline domain::Grantor grantor_of(const std::string& submitted_by, const rapidjson::Value& payload,
                                  pqxx::transaction_base& tx) {
  constexpr std::string_view kUserPrefix = "user:";
  if (submitted_by.starts_with(kUserPrefix)) {
    std::int64_t user_id = 0;
    const char* first = submitted_by.data() + kUserPrefix.size();
    const char* last = submitted_by.data() + submitted_by.size();
    const auto [end, ec] = std::from_chars(first, last, user_id);
    if (ec != std::errc{} || end != last) return {};
    const auto standing = storage::identity::user_standing(tx, user_id);
    if (!standing || !standing->active) return {};
    return {standing->admin, standing->permissions};
  }
  const auto admin = payload.FindMember("caller_admin");
  return {admin != payload.MemberEnd() && admin->value.IsBool() && admin->value.GetBool(), {}};
}

// Throws the task's `forbidden` failure (the API answers 403) when `refusal` is set.
inline void require_allowed(const std::optional<std::string>& refusal) {
  if (refusal) throw caller_error(FailureKind::kForbidden, *refusal);
}

// A DatabaseHandler whose body also receives the task's submitted_by.
class CallerHandler final : public TaskHandler {
 public:
  using Body = std::function<std::string(const std::string& submitted_by,
                                         const rapidjson::Value& payload, pqxx::transaction_base&)>;
  CallerHandler(std::string conflict_message, Body body)
      : conflict_message_(std::move(conflict_message)), body_(std::move(body)) {}

  std::string handle(TaskContext& context) override {
    // The same mapping of PostgreSQL's refusals as every database handler.
    DatabaseHandler inner(conflict_message_,
                          [&](const rapidjson::Value& payload, pqxx::transaction_base& tx) {
                            return body_(context.task.submitted_by, payload, tx);
                          });
    return inner.handle(context);
  }
  bool uses_database() const override { return true; }

 private:
  std::string conflict_message_;
  Body body_;
};

inline std::unique_ptr<TaskHandler> caller_handler(std::string conflict_message,
                                                   CallerHandler::Body body) {
  return std::make_unique<CallerHandler>(std::move(conflict_message), std::move(body));
}

}  // namespace switchyard::workers::identity

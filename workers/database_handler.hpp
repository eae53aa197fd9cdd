#pragma once
// A handler of an internal domain service: a function of the payload run in the window's
// transaction. A unique or foreign-key violation means the caller asked for
// something that clashes with what exists: a `conflict`, not a retry; a value
// PostgreSQL refuses is a `validation` failure.
#include <functional>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <string_view>

#include "task_handler.hpp"

namespace switchyard::workers {

class DatabaseHandler final : public TaskHandler {
 public:
  using Body = std::function<std::string(const rapidjson::Value& payload, pqxx::transaction_base&)>;
  // A body that also reads the task (who submitted it, the workflow it starts).
  using TaskBody = std::function<std::string(TaskContext& context)>;
  // lock_key(payload text) → TaskHandler::lock_key; none: nothing shared.
  using LockKey = std::function<std::string(std::string_view payload_json)>;
  DatabaseHandler(std::string conflict_message, TaskBody body, LockKey lock_key = {})
      : conflict_message_(std::move(conflict_message)),
        body_(std::move(body)),
        lock_key_(std::move(lock_key)) {}
  DatabaseHandler(std::string conflict_message, Body body)
      : DatabaseHandler(std::move(conflict_message),
                        TaskBody([body = std::move(body)](TaskContext& context) {
                          return body(context.payload, *context.transaction);
                        })) {}

  std::string handle(TaskContext& context) override {
    try {
      return body_(context);
    } catch (const pqxx::unique_violation&) {
      throw caller_error(FailureKind::kConflict, conflict_message_);
    } catch (const pqxx::foreign_key_violation&) {
      // A row it names is gone, or rows still name the one it deletes.
      throw caller_error(FailureKind::kConflict,
                         "it refers to a record that no longer exists, or is still referred to");
    } catch (const pqxx::check_violation&) {
      throw caller_error(FailureKind::kValidation, "a value is out of its allowed range");
    } catch (const pqxx::data_exception& e) {
      // SQLSTATE class 22: a value PostgreSQL cannot take (a date like 2024-02-30
      // that passed the API's syntax check). The caller's input, not a retry.
      const std::string what = e.what();
      throw caller_error(FailureKind::kValidation, what.substr(0, what.find('\n')));
    }
  }
  bool uses_database() const override { return true; }
  std::string lock_key(std::string_view payload_json) const override {
    return lock_key_ ? lock_key_(payload_json) : std::string();
  }

 private:
  std::string conflict_message_;
  TaskBody body_;
  LockKey lock_key_;
};

inline std::unique_ptr<TaskHandler> handler(std::string conflict_message,
                                            DatabaseHandler::Body body) {
  return std::make_unique<DatabaseHandler>(std::move(conflict_message), std::move(body));
}

inline std::unique_ptr<TaskHandler> context_handler(std::string conflict_message,
                                                    DatabaseHandler::TaskBody body,
                                                    DatabaseHandler::LockKey lock_key = {}) {
  return std::make_unique<DatabaseHandler>(std::move(conflict_message), std::move(body),
                                           std::move(lock_key));
}

}  // namespace switchyard::workers

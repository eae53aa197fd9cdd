#pragma once
// The interface every task kind implements (one file per kind under handlers/).
// A handler turns a payload into a result, or throws TaskFailure. Handlers that
// write domain rows say so with uses_database(): they then run inside the window's
// transaction (in their own savepoint), so their rows and the task's final state
// commit together or not at all — a redelivered task never writes twice.
#include <rapidjson/document.h>

#include <chrono>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>

#include "envelope/task_envelope.hpp"

namespace switchyard::workers {

struct TaskContext {
  const envelope::TaskEnvelope& task;
  const rapidjson::Value& payload;
  std::chrono::steady_clock::time_point deadline;  // the task's timeout_ms from its start
  pqxx::transaction_base* transaction = nullptr;   // set only for uses_database() handlers

  std::chrono::milliseconds time_left() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                 std::chrono::steady_clock::now());
  }
};

// A failure the handler reports on purpose; `type` is a stable label shown in the
// task's error ({"type","message"}).
class TaskFailure : public std::runtime_error {
 public:
  TaskFailure(std::string type, const std::string& message)
      : std::runtime_error(message), type_(std::move(type)) {}
  const std::string& type() const { return type_; }

 private:
  std::string type_;
};

class TaskHandler {
 public:
  virtual ~TaskHandler() = default;
  // Returns the result as JSON text. Throws TaskFailure (or any exception, reported
  // as an internal error).
  virtual std::string handle(TaskContext& context) = 0;
  virtual bool uses_database() const { return false; }
};

}  // namespace switchyard::workers

#pragma once
// A TaskHandler whose work is a function the test gives, for the worker's unit
// tests (Dispatcher, Executor, RunnerPool, Completer); and a task envelope to
// hand them.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "envelope/task_envelope.hpp"
#include "envelope/task_id.hpp"
#include "task_handler.hpp"

namespace switchyard::testing {

class FunctionHandler final : public workers::TaskHandler {
 public:
  using Work = std::function<std::string(workers::TaskContext&)>;

  using LockKey = std::function<std::string(std::string_view payload_json)>;

  explicit FunctionHandler(Work work, bool uses_database = false, LockKey lock_key = {})
      : work_(std::move(work)), uses_database_(uses_database), lock_key_(std::move(lock_key)) {}

  std::string handle(workers::TaskContext& context) override { return work_(context); }
  bool uses_database() const override { return uses_database_; }
  std::string lock_key(std::string_view payload_json) const override {
    return lock_key_ ? lock_key_(payload_json) : std::string();
  }

 private:
  Work work_;
  bool uses_database_;
  LockKey lock_key_;
};

inline std::unique_ptr<workers::TaskHandler> handler(FunctionHandler::Work work,
                                                     bool uses_database = false,
                                                     FunctionHandler::LockKey lock_key = {}) {
  return std::make_unique<FunctionHandler>(std::move(work), uses_database, std::move(lock_key));
}

// A fresh task of `service`.`action` on its first of three attempts.
inline envelope::TaskEnvelope sample_task(std::string service = "test", std::string action = "work",
                                          std::string payload_json = "{}") {
  envelope::TaskEnvelope task;
  task.id = envelope::new_task_id();
  task.service = std::move(service);
  task.action = std::move(action);
  task.payload_json = std::move(payload_json);
  task.submitted_at = "2026-01-01T00:00:00Z";
  task.submitted_by = "tester";
  task.max_attempts = 3;
  return task;
}

}  // namespace switchyard::testing

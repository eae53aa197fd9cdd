#pragma once
// A TaskHandler whose work is a function the test gives, for the worker's unit
// tests (Dispatcher, Executor, RunnerPool, Completer); and a task envelope to
// hand them.
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "envelope/task_envelope.hpp"
#include "envelope/task_id.hpp"
#include "task_handler.hpp"

namespace switchyard::testing {

class FunctionHandler final : public workers::TaskHandler {
 public:
  using Work = std::function<std::string(workers::TaskContext&)>;

  explicit FunctionHandler(Work work, bool uses_database = false)
      : work_(std::move(work)), uses_database_(uses_database) {}

  std::string handle(workers::TaskContext& context) override { return work_(context); }
  bool uses_database() const override { return uses_database_; }

 private:
  Work work_;
  bool uses_database_;
};

inline std::unique_ptr<workers::TaskHandler> handler(FunctionHandler::Work work,
                                                     bool uses_database = false) {
  return std::make_unique<FunctionHandler>(std::move(work), uses_database);
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

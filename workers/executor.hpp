#pragma once
// Executor: runs one task through its handler and classifies what happened into a
// TaskOutcome (succeeded, or failed with a typed error). It never throws: a bug in
// a handler fails that task, not the worker. Logs one line per task at start, done
// and fail (debug for the first two), and records the handler's run time in the
// WorkerMetrics when given. The handler runs inside a logging::LogScope of the
// task's id and trace, so its log lines and outbound HTTP calls carry them.
#include <pqxx/pqxx>

#include "dispatcher.hpp"
#include "envelope/task_outcome.hpp"
#include "worker_metrics.hpp"

namespace switchyard::workers {

class Executor {
 public:
  explicit Executor(const Dispatcher& dispatcher, WorkerMetrics* metrics = nullptr)
      : dispatcher_(dispatcher), metrics_(metrics) {}

  bool needs_database(const envelope::TaskEnvelope& task) const;
  // The handler's lock_key of the task's payload ("" without a handler).
  std::string lock_key(const envelope::TaskEnvelope& task) const;

  // `transaction` is the savepoint a uses_database() handler writes in.
  envelope::TaskOutcome execute(const envelope::TaskEnvelope& task,
                                pqxx::transaction_base* transaction) const;

 private:
  const Dispatcher& dispatcher_;
  WorkerMetrics* metrics_;
};

}  // namespace switchyard::workers

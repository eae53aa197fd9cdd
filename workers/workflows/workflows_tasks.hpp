#pragma once
// The workflows' worker module: the internal service `workflows`. `start` writes
// the workflow the API validated (its payload is the definition, its id the
// workflow's), and the Completer then publishes the first steps in the same
// transaction (storage::workflows::advance_workflows). The steps are tasks of their
// own services, served wherever those run; a cancellation goes through the ledger
// like a task's (listener/ledger_writer.hpp).
#include "domain/workflows/workflows_kinds.hpp"
#include "worker_module.hpp"

namespace switchyard::workers::workflows {

class WorkflowsTasks {
 public:
  static constexpr auto& kKinds = kinds::workflows::kAll;
  static void add_to(Dispatcher& dispatcher, const WorkerContext& context);
};

}  // namespace switchyard::workers::workflows

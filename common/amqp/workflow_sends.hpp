#pragma once
// The broker messages of a workflow's progress (storage::workflows::WorkflowMessage):
// the next steps' tasks, which the writer that recorded their parent publishes
// with confirms before it acks the parent (so a crash re-delivers the parent and
// the steps are published again), and the lifecycle events and the reply to a
// waiting caller, sent after the ack like a task's own.
#include <vector>

#include "amqp/confirmed_sender.hpp"
#include "storage/workflows/workflow_repository.hpp"

namespace switchyard::amqp {

struct WorkflowSends {
  std::vector<OutgoingMessage> steps;    // to the tasks exchange, confirmed before the ack
  std::vector<OutgoingMessage> notices;  // events (persistent) and replies, after it
};

void add_workflow_sends(std::vector<storage::workflows::WorkflowMessage> messages,
                        WorkflowSends& sends);

}  // namespace switchyard::amqp

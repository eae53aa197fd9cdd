#include "amqp/workflow_sends.hpp"

#include "amqp/topology.hpp"

namespace switchyard::amqp {

using Kind = storage::workflows::WorkflowMessage::Kind;

void add_workflow_sends(std::vector<storage::workflows::WorkflowMessage> messages,
                        WorkflowSends& sends) {
  for (auto& m : messages) {
    OutgoingMessage out;
    out.routing_key = std::move(m.target);
    out.body = std::move(m.body);
    switch (m.kind) {
      case Kind::kPublish:
        out.exchange = kTasksExchange;
        out.message_id = std::move(m.id);
        out.attempt = 1;
        sends.steps.push_back(std::move(out));
        break;
      case Kind::kEvent:
        out.exchange = kEventsExchange;
        out.correlation_id = std::move(m.id);
        sends.notices.push_back(std::move(out));
        break;
      case Kind::kReply:  // default exchange, routing key = the reply-to address
        out.correlation_id = std::move(m.id);
        sends.notices.push_back(std::move(out));
        break;
    }
  }
}

}  // namespace switchyard::amqp

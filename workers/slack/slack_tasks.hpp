#pragma once
// The Slack chat-ops module (docs/slack.md): the internal service `slack`, the
// follow-ups of Slack's requests that the API answered at once — a reply posted
// to a response_url or a thread, the open incidents with their buttons, the
// create modal. Each calls Slack only (no domain write), so it runs outside the
// window's transaction; a retry may post a message twice, never write twice.
#include <memory>

#include "domain/slack/slack_kinds.hpp"
#include "incidents/orchestration_step.hpp"
#include "worker_module.hpp"

namespace switchyard::workers::slack {

using incidents::OrchestrationResources;

class SlackTasks {
 public:
  static constexpr auto& kKinds = kinds::slack::kAll;
  static void add_to(Dispatcher& dispatcher, const WorkerContext& context);
};

// The handler of each file (reply.cpp, list_incidents.cpp, open_create_modal.cpp).
void register_reply(Dispatcher& dispatcher, std::shared_ptr<OrchestrationResources> resources);
void register_list_incidents(Dispatcher& dispatcher,
                             std::shared_ptr<OrchestrationResources> resources);
void register_open_create_modal(Dispatcher& dispatcher,
                                std::shared_ptr<OrchestrationResources> resources);

}  // namespace switchyard::workers::slack

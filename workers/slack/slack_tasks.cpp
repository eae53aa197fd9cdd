#include "slack/slack_tasks.hpp"

#include <string>

namespace switchyard::workers::slack {

void SlackTasks::add_to(Dispatcher& dispatcher, const WorkerContext& context) {
  // The Slack settings and a connection per handler thread of the service's pool
  // (list_incidents reads), opened on first use.
  const auto resources =
      std::make_shared<OrchestrationResources>(incidents::OrchestrationSettings::from(
          context.settings, context.handler_threads(std::string(kinds::slack::kService))));
  register_reply(dispatcher, resources);
  register_list_incidents(dispatcher, resources);
  register_open_create_modal(dispatcher, resources);
}

}  // namespace switchyard::workers::slack

// slack.list_incidents: the open incidents (not resolved; most severe, then
// newest first; at most 20, Slack's 50-block limit with two blocks each), each
// with its Acknowledge and Resolve buttons, posted to payload.to.
#include <fmt/format.h>

#include "domain/slack/incident_buttons.hpp"
#include "pooled_connection.hpp"
#include "slack/slack_poster.hpp"
#include "slack/slack_tasks.hpp"
#include "storage/slack/slack_reads.hpp"

namespace switchyard::workers::slack {
namespace {

constexpr int kShown = 20;

class ListIncidents final : public TaskHandler {
 public:
  explicit ListIncidents(std::shared_ptr<OrchestrationResources> resources)
      : resources_(std::move(resources)) {}

  std::string handle(TaskContext& context) override {
    const auto to = SlackPoster::destination(context.payload);
    const auto incidents = read();
    using domain::slack::slack_escape;
    if (incidents.empty()) {
      SlackPoster(*resources_, context).post(to, ":white_check_mark: No open incident.");
      return R"({"incidents":0})";
    }
    std::string blocks;
    for (const auto& incident : incidents) {
      const std::string line = fmt::format(
          "*{}* · {} · {} · {}\nService: {}", slack_escape(incident.short_id), incident.severity,
          incident.status, slack_escape(incident.title), slack_escape(incident.service));
      if (!blocks.empty()) blocks += ',';
      blocks += domain::slack::incident_blocks(line, incident.id);
    }
    SlackPoster(*resources_, context)
        .post(to,
              fmt::format("{} open incident{}", incidents.size(), incidents.size() == 1 ? "" : "s"),
              "[" + blocks + "]");
    return fmt::format(R"({{"incidents":{}}})", incidents.size());
  }

 private:
  std::vector<storage::slack::OpenIncident> read() {
    return on_pooled_connection(resources_->pool(), [](pqxx::connection& connection) {
      pqxx::read_transaction tx(connection);
      return storage::slack::open_incidents(tx, kShown);
    });
  }

  std::shared_ptr<OrchestrationResources> resources_;
};

}  // namespace

void register_list_incidents(Dispatcher& dispatcher,
                             std::shared_ptr<OrchestrationResources> resources) {
  dispatcher.add(kinds::slack::kListIncidents,
                 std::make_unique<ListIncidents>(std::move(resources)));
}

}  // namespace switchyard::workers::slack

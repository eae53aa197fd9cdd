// slack.open_create_modal: views.open of the create modal
// (domain/slack/create_modal.hpp) with the catalog's services to choose from,
// for payload.trigger_id. Slack's trigger ids expire 3 s after the click, so a
// retry after a failure seldom helps; the user runs the command again.
#include "domain/slack/create_modal.hpp"
#include "payload_fields.hpp"
#include "slack/slack_poster.hpp"
#include "slack/slack_tasks.hpp"
#include "storage/slack/slack_reads.hpp"

namespace switchyard::workers::slack {
namespace {

constexpr int kMaxOptions = 100;  // Slack's limit of a static_select

class OpenCreateModal final : public TaskHandler {
 public:
  explicit OpenCreateModal(std::shared_ptr<OrchestrationResources> resources)
      : resources_(std::move(resources)) {}

  std::string handle(TaskContext& context) override {
    const std::string trigger_id = required_string(context.payload, "trigger_id");
    std::vector<std::pair<std::string, std::string>> services;
    {
      db::Lease lease = resources_->pool().acquire();
      pqxx::read_transaction tx(*lease);
      for (auto& service : storage::slack::service_choices(tx, kMaxOptions)) {
        services.emplace_back(std::move(service.id), std::move(service.name));
      }
    }
    SlackPoster(*resources_, context)
        .open_view(trigger_id, domain::slack::create_modal_view(services));
    return R"({"opened":true})";
  }

 private:
  std::shared_ptr<OrchestrationResources> resources_;
};

}  // namespace

void register_open_create_modal(Dispatcher& dispatcher,
                                std::shared_ptr<OrchestrationResources> resources) {
  dispatcher.add(kinds::slack::kOpenCreateModal,
                 std::make_unique<OpenCreateModal>(std::move(resources)));
}

}  // namespace switchyard::workers::slack

// slack.reply: posts payload.text (mrkdwn) and payload.blocks (optional Block
// Kit) to payload.to — the outcome of an incident write asked for in Slack, or
// the usage text in a mention's thread.
#include "json/json_fields.hpp"
#include "payload_fields.hpp"
#include "slack/slack_poster.hpp"
#include "slack/slack_tasks.hpp"

namespace switchyard::workers::slack {
namespace {

class Reply final : public TaskHandler {
 public:
  explicit Reply(std::shared_ptr<OrchestrationResources> resources)
      : resources_(std::move(resources)) {}

  std::string handle(TaskContext& context) override {
    const rapidjson::Value& p = context.payload;
    const auto to = SlackPoster::destination(p);
    const std::string text = required_string(p, "text");
    std::string blocks;
    if (const auto it = p.FindMember("blocks"); it != p.MemberEnd()) {
      if (!it->value.IsArray()) throw bad_payload("blocks", "a Block Kit array");
      blocks = json::to_text(it->value);
    }
    SlackPoster(*resources_, context).post(to, text, blocks);
    return R"({"posted":true})";
  }

 private:
  std::shared_ptr<OrchestrationResources> resources_;
};

}  // namespace

void register_reply(Dispatcher& dispatcher, std::shared_ptr<OrchestrationResources> resources) {
  dispatcher.add(kinds::slack::kReply, std::make_unique<Reply>(std::move(resources)));
}

}  // namespace switchyard::workers::slack

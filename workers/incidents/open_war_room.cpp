// incident_orchestration.open_war_room: the incident's Slack channel
// (war_room_channel.hpp names it), the on-call invited, a first message (with
// the Acknowledge and Resolve buttons of Slack chat-ops, docs/slack.md), and
// war_room_link = https://slack.com/app_redirect?channel=<id>.
//
// Run again after a failure or a crash, it opens one channel, not two: the
// channel's id is kept on the incident as soon as Slack created it, before
// anything else can fail, and a retry goes on from there; a channel created by an
// attempt that died before keeping it is found by its name (`name_taken`, then
// conversations.list). Its first message is posted once: kept on the incident
// right after Slack answered, and a retry goes on without it (a worker killed
// between Slack's answer and that write is the one way to see it twice). An
// incident whose war room is open already is left alone.
// An on-call unknown to Slack, or nobody on call, is said in the timeline, not a
// failure: the war room is open all the same.
#include <fmt/format.h>

#include "domain/slack/incident_buttons.hpp"
#include "incidents/orchestration_tasks.hpp"
#include "incidents/slack_client.hpp"
#include "incidents/slack_messages.hpp"
#include "incidents/war_room_channel.hpp"
#include "json/json_fields.hpp"

namespace switchyard::workers::incidents {
namespace {

namespace repo = storage::incidents;

constexpr std::string_view kSlackLink = "https://slack.com/app_redirect?channel=";

struct Invitation {
  std::string note;                    // for the "succeeded" message
  std::optional<std::string> user_id;  // the on-call's Slack id, when found
};

class OpenWarRoom final : public OrchestrationStep {
 public:
  explicit OpenWarRoom(std::shared_ptr<OrchestrationResources> resources)
      : OrchestrationStep(
            {"war_room", "War room", "opening the Slack channel", repo::IncidentLink::kWarRoom},
            std::move(resources)) {}

 protected:
  std::optional<std::string> not_configured() const override {
    if (settings().slack_configured()) return std::nullopt;
    return "SLACK_BOT_TOKEN is not set";
  }

  StepSuccess run(const OrchestrationFacts& facts, const TaskContext& context) override {
    if (facts.war_room_link) {
      return {facts.war_room_link, "open already at " + *facts.war_room_link, {}};
    }
    const auto& integrations = settings().integrations;
    SlackClient slack(resources().http(), integrations.slack_api_url, integrations.slack_bot_token,
                      [&] { return request_timeout(context); });
    try {
      const std::string name = war_room_channel_name(facts.short_id, facts.title);
      bool existed = false;  // Slack had a channel of that name already
      std::string channel_id;
      if (facts.war_room_channel_id) {
        channel_id = *facts.war_room_channel_id;  // an earlier attempt created it
      } else {
        channel_id = create_or_find(slack, name, existed);
        write([&](pqxx::transaction_base& tx) {
          repo::record_war_room_channel(tx, facts.incident_id, channel_id);
        });
      }
      const Invitation invitation = invite_on_call(slack, facts, channel_id);
      if (!facts.war_room_intro_posted) {
        const std::string intro =
            war_room_intro(facts, settings().incident_link(facts.incident_id));
        slack.post_message(channel_id, intro,
                           "[" + domain::slack::incident_blocks(intro, facts.incident_id) + "]");
        write([&](pqxx::transaction_base& tx) {
          repo::record_war_room_intro(tx, facts.incident_id);
        });
      }
      const std::string link = std::string(kSlackLink) + channel_id;
      return {
          link,
          fmt::format("#{}{} is open at {}; {}", name,
                      existed ? " (a channel of that name already)" : "", link, invitation.note),
          {{"channel_id", json::quoted(channel_id)},
           {"channel_name", json::quoted(name)},
           {"invited", invitation.user_id ? json::quoted(*invitation.user_id) : "null"}}};
    } catch (const SlackError& e) {
      if (e.retryable()) throw retryable_upstream(e.what(), e.retry_after());
      throw refused_upstream(e.what());
    }
  }

 private:
  // The new channel's id; on `name_taken`, the id of the channel of that name
  // (one an earlier attempt created, or someone else: it is the room either way).
  static std::string create_or_find(SlackClient& slack, const std::string& name, bool& existed) {
    try {
      return slack.create_channel(name).id;
    } catch (const SlackError& e) {
      if (e.code() != "name_taken") throw;
    }
    const auto existing = slack.find_channel(name);
    if (!existing) {
      throw refused_upstream(fmt::format(
          "Slack says #{} is taken, but no unarchived public channel has that name", name));
    }
    existed = true;
    return existing->id;
  }

  Invitation invite_on_call(SlackClient& slack, const OrchestrationFacts& facts,
                            const std::string& channel_id) {
    if (!facts.on_call) {
      return {facts.team_name
                  ? fmt::format("nobody is on call for {}, nobody invited", *facts.team_name)
                  : std::string("the service has no owner team, nobody invited"),
              std::nullopt};
    }
    const auto& person = *facts.on_call;
    const auto user_id = resources().slack_user(slack, person.email);
    if (!user_id) {
      return {fmt::format("{} (on call) has no Slack account with their email, not invited",
                          person.username),
              std::nullopt};
    }
    const bool invited = slack.invite(channel_id, *user_id);
    return {invited ? fmt::format("{} (on call) invited", person.username)
                    : fmt::format("{} (on call) was in it already", person.username),
            user_id};
  }
};

}  // namespace

void register_open_war_room(Dispatcher& dispatcher,
                            std::shared_ptr<OrchestrationResources> resources) {
  dispatcher.add(kinds::incidents::kOpenWarRoom,
                 std::make_unique<OpenWarRoom>(std::move(resources)));
}

}  // namespace switchyard::workers::incidents

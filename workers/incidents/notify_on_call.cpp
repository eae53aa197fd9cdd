// incident_orchestration.notify_on_call: tells the person on call for the
// service's team, through the on-call notifier (ONCALL_NOTIFY_URL) and, when
// Slack is configured, a direct message.
//
// The notifier gets POST <ONCALL_NOTIFY_URL> with the incident, its team and the
// person on call ({"id", "username", "email"}, or null when nobody is: it may page
// a fallback), `Authorization: Bearer <ONCALL_NOTIFY_TOKEN>` when a token is set
// and `Idempotency-Key: <incident id>-notify`, so that a retry after a failure of
// the direct message pages nobody twice; any 2xx will do. The direct message goes
// to the Slack user with the on-call's email; one unknown to Slack is said in the
// timeline, not a failure.
#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "incidents/json_post.hpp"
#include "incidents/notified_incident.hpp"
#include "incidents/orchestration_tasks.hpp"
#include "incidents/slack_client.hpp"
#include "incidents/slack_messages.hpp"
#include "json/json_fields.hpp"

namespace switchyard::workers::incidents {
namespace {

constexpr std::string_view kService = "the on-call notifier";

std::string notifier_request(const OrchestrationFacts& facts, const std::string& link) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  write_notified_incident(w, facts.incident_id, facts, link);
  w.Key("team");
  if (facts.team_name) {
    w.StartObject();
    json::string_field(w, "name", *facts.team_name);
    json::optional_field(w, "slack_channel_id", facts.team_slack_channel_id);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("on_call");
  if (facts.on_call) {
    w.StartObject();
    w.Key("id");
    w.Int64(facts.on_call->id);
    json::string_field(w, "username", facts.on_call->username);
    json::string_field(w, "email", facts.on_call->email);
    w.EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string nobody_on_call(const OrchestrationFacts& facts) {
  return facts.team_name ? fmt::format("nobody is on call for {}", *facts.team_name)
                         : std::string("the service has no owner team, so nobody is on call");
}

class NotifyOnCall final : public OrchestrationStep {
 public:
  explicit NotifyOnCall(std::shared_ptr<OrchestrationResources> resources)
      : OrchestrationStep(
            {"notify", "On-call notification", "notifying the person on call", std::nullopt},
            std::move(resources)) {}

 protected:
  std::optional<std::string> not_configured() const override {
    if (settings().notifier_configured() || settings().slack_configured()) return std::nullopt;
    return "neither ONCALL_NOTIFY_URL nor SLACK_BOT_TOKEN is set";
  }

  StepSuccess run(const OrchestrationFacts& facts, const TaskContext& context) override {
    const std::string link = settings().incident_link(facts.incident_id);
    std::vector<std::string> said;
    if (!facts.on_call) said.push_back(nobody_on_call(facts));
    if (settings().notifier_configured()) {
      const auto& integrations = settings().integrations;
      const net::HttpResponse response =
          post_json(resources().http(), {integrations.notify_url, integrations.notify_token,
                                         facts.incident_id + "-notify",
                                         notifier_request(facts, link), request_timeout(context)});
      expect_success(kService, response);
      said.push_back(facts.on_call
                         ? fmt::format("{} notified through the notifier", facts.on_call->username)
                         : std::string("the notifier was told (on_call null)"));
    }
    std::optional<std::string> slack_user;
    if (settings().slack_configured() && facts.on_call) {
      slack_user = direct_message(facts, link, context);
      said.push_back(slack_user
                         ? fmt::format("Slack direct message sent to {}", facts.on_call->username)
                         : fmt::format("{} has no Slack account with their email, no "
                                       "direct message",
                                       facts.on_call->username));
    }
    return {std::nullopt,
            fmt::format("{}", fmt::join(said, "; ")),
            {{"on_call", facts.on_call ? json::quoted(facts.on_call->username) : "null"},
             {"slack_user", slack_user ? json::quoted(*slack_user) : "null"}}};
  }

 private:
  // The on-call's Slack id once messaged; nullopt when Slack does not know them.
  std::optional<std::string> direct_message(const OrchestrationFacts& facts,
                                            const std::string& link, const TaskContext& context) {
    const auto& integrations = settings().integrations;
    SlackClient slack(resources().http(), integrations.slack_api_url, integrations.slack_bot_token,
                      [&] { return request_timeout(context); });
    try {
      const auto user_id = resources().slack_user(slack, facts.on_call->email);
      if (!user_id) return std::nullopt;
      slack.post_message(*user_id, on_call_message(facts, link));
      return user_id;
    } catch (const SlackError& e) {
      if (e.retryable()) throw retryable_upstream(e.what(), e.retry_after());
      throw refused_upstream(e.what());
    }
  }
};

}  // namespace

void register_notify_on_call(Dispatcher& dispatcher,
                             std::shared_ptr<OrchestrationResources> resources) {
  dispatcher.add(kinds::incidents::kNotifyOnCall,
                 std::make_unique<NotifyOnCall>(std::move(resources)));
}

}  // namespace switchyard::workers::incidents

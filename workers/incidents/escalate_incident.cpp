// incident_orchestration.escalate {"incident_id", "level"}: one level of the
// escalation policy of an incident's service (docs/incidents.md, "Escalation").
// Published delayed (run_at) by the incident's creation for level 1 and by each
// level for the next, as a follow-up committed with the level's outcome; there
// is no polling loop. When it runs:
//   1. the incident is no longer TRIGGERED (acknowledged, mitigated, resolved):
//      an "escalation stopped" entry, once per incident, and the chain ends;
//   2. the policy has no such level any more (changed or deleted meanwhile): an
//      "escalation ended" entry, and the chain ends;
//   3. otherwise the level's targets (resolved to people as it runs: the owner
//      team's or a named team's on-call now, or a person by email) are told
//      through the on-call notifier (POST ONCALL_NOTIFY_URL, Idempotency-Key
//      "<incident id>-escalation-<level>") and by a Slack direct message each,
//      whichever is configured (neither: a "skipped" entry, not a failure); then
//      the "notified" entry, and the next level's task, due after its wait.
// Entries are written once per incident, state and level (migrations/0028), so
// a retried or redelivered level adds none; the next level's task has an id of
// its own incident and level, so it is published again but runs once. A failure
// of the notifier or Slack is retried by the platform like the steps'.
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>

#include "envelope/task_id.hpp"
#include "incidents/escalation_start.hpp"
#include "incidents/json_post.hpp"
#include "incidents/notified_incident.hpp"
#include "incidents/orchestration_tasks.hpp"
#include "incidents/slack_client.hpp"
#include "json/json_fields.hpp"
#include "payload_fields.hpp"
#include "pooled_connection.hpp"
#include "storage/incidents/escalation_repository.hpp"

namespace switchyard::workers::incidents {
namespace {

namespace repo = storage::incidents;

constexpr std::string_view kNotifier = "the on-call notifier";
constexpr std::chrono::milliseconds kDeadlineMargin{250};
constexpr std::int64_t kMaxLevel = 10;  // the API's limit of levels

struct Target {
  std::string said;                  // "alice (on call for SRE Core)"
  std::optional<std::string> email;  // whom a direct message goes to
};

std::vector<Target> targets_of(const rapidjson::Document& targets) {
  std::vector<Target> out;
  for (const auto& t : targets.GetArray()) {
    const std::string type = t["type"].GetString();
    const bool has_team = t["team"].IsObject();
    const std::string team = has_team ? t["team"]["name"].GetString() : "";
    if (t["user"].IsObject()) {
      const std::string name = t["user"]["username"].GetString();
      out.push_back({type == "user" ? name : fmt::format("{} (on call for {})", name, team),
                     std::string(t["user"]["email"].GetString())});
    } else if (!has_team) {
      out.push_back({type == "owner_on_call" ? "nobody (the service has no owner team)"
                                             : "nobody (the team no longer exists)",
                     std::nullopt});
    } else {
      out.push_back({fmt::format("nobody (nobody is on call for {})", team), std::nullopt});
    }
  }
  return out;
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string notifier_request(const std::string& incident_id, const repo::EscalationLevel& facts,
                             int level, const std::string& link) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  write_notified_incident(w, incident_id, facts, link);
  w.Key("escalation");
  w.StartObject();
  w.Key("level");
  w.Int(level);
  w.Key("levels");
  w.Int(facts.levels);
  w.EndObject();
  json::raw_field(w, "targets", facts.targets_json);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

class EscalateIncident final : public TaskHandler {
 public:
  EscalateIncident(std::shared_ptr<OrchestrationResources> resources,
                   const config::ServicesConfig* services)
      : resources_(std::move(resources)), services_(services) {}

  // Runs `write(tx)` on a pooled connection: each repository function is one
  // statement. (Defined before its uses, which deduce its type.)
  template <class Write>
  auto write(Write&& write) {
    return on_pooled_connection(resources_->pool(), [&](pqxx::connection& connection) {
      pqxx::nontransaction tx(connection);
      return std::forward<Write>(write)(tx);
    });
  }

  std::string handle(TaskContext& context) override {
    const std::string incident_id = required_string(context.payload, "incident_id");
    if (!envelope::is_valid_uuid(incident_id)) throw bad_payload("incident_id", "a UUID");
    const std::int64_t level = required_int64(context.payload, "level");
    if (level < 1 || level > kMaxLevel) throw bad_payload("level", "an integer from 1 to 10");
    const int n = static_cast<int>(level);

    const auto facts = write([&](pqxx::transaction_base& tx) {
      return repo::read_escalation_level(tx, incident_id, n);
    });
    if (!facts) throw caller_error(FailureKind::kNotFound, "no incident has id " + incident_id);

    if (facts->status != "TRIGGERED") {
      record(incident_id,
             fmt::format("Escalation stopped: the incident is {}, level {} not notified",
                         lowercase(facts->status), n),
             json::string_object({{"state", "stopped"}, {"status", facts->status}}), n);
      return json::string_object({{"outcome", "stopped"}, {"status", facts->status}});
    }
    if (n > facts->levels) {
      record(incident_id,
             fmt::format("Escalation ended: the service's policy has no level {} any more", n),
             json::string_object({{"state", "ended"}}), n);
      return json::string_object({{"outcome", "ended"}});
    }

    rapidjson::Document targets;
    targets.Parse(facts->targets_json.c_str(), facts->targets_json.size());
    const std::vector<Target> people = targets_of(targets);
    std::vector<std::string> said;
    for (const auto& person : people) said.push_back(person.said);
    const std::string who = fmt::format("{}", fmt::join(said, ", "));
    const std::string of = fmt::format("level {} of {}", n, facts->levels);
    const bool last = !facts->next_wait;

    const auto& settings = resources_->settings();
    std::string message;
    std::string state = "notified";
    if (!settings.notifier_configured() && !settings.slack_configured()) {
      state = "skipped";
      message = fmt::format(
          "Escalation {}: skipped, neither ONCALL_NOTIFY_URL nor SLACK_BOT_TOKEN "
          "is set ({})",
          of, who);
    } else {
      try {
        message = fmt::format("Escalation {}: {}", of,
                              notify(incident_id, *facts, n, people, who, context));
      } catch (const TaskFailure& e) {
        throw TaskFailure(
            e.kind(), resources_->redact(e.what()),
            e.retryable() ? TaskFailure::Retry::kAllowed : TaskFailure::Retry::kPointless,
            e.retry_after());
      }
    }
    if (last) message += "; last level";
    rapidjson::StringBuffer buffer;
    json::Writer w(buffer);
    w.StartObject();
    json::string_field(w, "state", state);
    w.Key("level");
    w.Int(n);
    w.Key("last");
    w.Bool(last);
    json::raw_field(w, "targets", facts->targets_json);
    w.EndObject();
    const std::string data{buffer.GetString(), buffer.GetSize()};
    record(incident_id, resources_->redact(message), data, std::nullopt);

    if (facts->next_wait && services_ != nullptr) {
      context.follow_ups.push_back(escalation_task(
          *services_, incident_id, n + 1,
          std::chrono::system_clock::now() + std::chrono::seconds(*facts->next_wait),
          context.task.submitted_by));
    }
    return data;
  }

 private:
  // Tells the level's people; what was done, for the timeline.
  std::string notify(const std::string& incident_id, const repo::EscalationLevel& facts, int level,
                     const std::vector<Target>& people, const std::string& who,
                     const TaskContext& context) {
    const auto& settings = resources_->settings();
    const std::string link = settings.incident_link(incident_id);
    std::vector<std::string> done;
    if (settings.notifier_configured()) {
      const auto& integrations = settings.integrations;
      const net::HttpResponse response =
          post_json(OrchestrationResources::http(),
                    {integrations.notify_url, integrations.notify_token,
                     fmt::format("{}-escalation-{}", incident_id, level),
                     notifier_request(incident_id, facts, level, link), request_timeout(context)});
      expect_success(kNotifier, response);
      done.push_back(fmt::format("{} notified through the notifier", who));
    }
    if (settings.slack_configured()) {
      const auto& integrations = settings.integrations;
      SlackClient slack(OrchestrationResources::http(), integrations.slack_api_url,
                        integrations.slack_bot_token, [&] { return request_timeout(context); });
      const std::string text = fmt::format(
          ":rotating_light: Escalation, level {} of {}: *{}* · {} · {} is still unacknowledged\n"
          "Service: {}\nIncident: {}",
          level, facts.levels, slack_escape(facts.short_id), facts.severity,
          slack_escape(facts.title), slack_escape(facts.service_name), link);
      std::vector<std::string> messaged;
      std::vector<std::string> unknown;
      try {
        for (const auto& person : people) {
          if (!person.email) continue;
          const auto user_id = resources_->slack_user(slack, *person.email);
          if (!user_id) {
            unknown.push_back(*person.email);
            continue;
          }
          slack.post_message(*user_id, text);
          messaged.push_back(*person.email);
        }
      } catch (const SlackError& e) {
        if (e.retryable()) throw retryable_upstream(e.what(), e.retry_after());
        throw refused_upstream(e.what());
      }
      if (!messaged.empty()) {
        done.push_back(fmt::format("Slack direct message sent to {}", fmt::join(messaged, ", ")));
      }
      if (!unknown.empty()) {
        done.push_back(
            fmt::format("no Slack account with the email of {}", fmt::join(unknown, ", ")));
      }
      if (messaged.empty() && unknown.empty())
        done.push_back(fmt::format("{}, no direct message", who));
    }
    return fmt::format("{}", fmt::join(done, "; "));
  }

  std::chrono::milliseconds request_timeout(const TaskContext& context) const {
    const auto left = context.time_left() - kDeadlineMargin;
    if (left.count() <= 0) {
      throw TaskFailure(FailureKind::kTimeout, "the escalation ran out of time (its timeout_ms)");
    }
    return std::min(resources_->settings().integrations.request_timeout, left);
  }

  // An ESCALATION entry; `level` joins the data of the entries of one level.
  void record(const std::string& incident_id, const std::string& message, std::string data,
              std::optional<int> level) {
    if (level) {
      // The stop and the end are once per incident (no "level" member): which level
      // found them is kept apart.
      data.pop_back();
      data += fmt::format(R"(,"at_level":{}}})", *level);
    }
    write([&](pqxx::transaction_base& tx) {
      return repo::record_escalation(tx, incident_id, message, data);
    });
  }

  std::shared_ptr<OrchestrationResources> resources_;
  const config::ServicesConfig* services_;
};

}  // namespace

void register_escalate(Dispatcher& dispatcher, std::shared_ptr<OrchestrationResources> resources,
                       const config::ServicesConfig* services) {
  dispatcher.add(kinds::incidents::kEscalate,
                 std::make_unique<EscalateIncident>(std::move(resources), services));
}

}  // namespace switchyard::workers::incidents

#pragma once
// What the Slack routes hand to tasks, so that Slack gets its answer within 3 s
// while the work goes on (docs/slack.md):
//   - follow-up tasks of the `slack` service (a reply, the open incidents, the
//     create modal), published with confirm: `done(true)` once the broker has
//     the task on disk, `done(false)` when it did not take it;
//   - incident writes (acknowledge, resolve, create), published as the incident
//     manager's own tasks, exactly as the REST API publishes them (same timeline,
//     KPIs and orchestration), recorded as the Slack actor; their outcome —
//     done, refused with the worker's reason, or still running — is then posted
//     to the destination by a slack.reply task.
// Thread-safe; the callbacks run on the publisher's or a BlockingWork thread.
#include <functional>
#include <optional>
#include <string>

#include "amqp/task_publisher.hpp"
#include "config/services_config.hpp"
#include "domain/slack/slack_destination.hpp"
#include "domain/task_kind.hpp"
#include "http/awaited_writer.hpp"

namespace switchyard::api::slack {

using domain::slack::SlackDestination;

struct SlackNewIncident {
  std::string title;
  std::string severity;
  std::string service_id;
};

class SlackFollowUps {
 public:
  SlackFollowUps(amqp::TaskPublisher& publisher, AwaitedWriter& writer,
                 const config::ServicesConfig& services)
      : publisher_(publisher), writer_(writer), services_(services) {}

  // Publishes a `slack` task; `id` (optional) makes a repeat the same task.
  void publish(domain::TaskKind kind, const std::string& payload, const std::string& actor,
               const std::optional<std::string>& id, std::function<void(bool)> done);
  // A slack.reply of `text` (mrkdwn) and optional Block Kit `blocks` (a JSON
  // array's text); a broker that refuses it is logged.
  void reply(const SlackDestination& to, const std::string& text, const std::string& blocks = {});

  // `incident_id` is the incident's UUID; `label` how the user named it.
  void acknowledge(const std::string& incident_id, const std::string& label,
                   const std::string& actor, const SlackDestination& to);
  void resolve(const std::string& incident_id, const std::string& label, const std::string& actor,
               const SlackDestination& to);
  void create(const SlackNewIncident& incident, const std::string& actor,
              const SlackDestination& to);

 private:
  void move(domain::TaskKind kind, const char* verb, const std::string& incident_id,
            const std::string& label, const std::string& actor, const SlackDestination& to);

  amqp::TaskPublisher& publisher_;
  AwaitedWriter& writer_;
  const config::ServicesConfig& services_;
};

}  // namespace switchyard::api::slack

#pragma once
// An incident's orchestration under test (docs/incidents.md, "Orchestration"):
// a TestStack whose services.yaml retries the steps after 100 ms instead of 1 s,
// the catalog rows an incident needs (a team, its on-call, a service) written with
// SQL, incidents created through POST /api/v1/incidents/ (which starts the
// orchestration workflow) or written directly, step tasks published by hand, and
// the incident, its timeline and its workflow read back through the API.
#include <rapidjson/document.h>

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "amqp/task_publisher.hpp"
#include "config/services_config.hpp"
#include "domain/task_kind.hpp"
#include "http_client.hpp"
#include "temp_dir.hpp"
#include "test_stack.hpp"

namespace switchyard::testing {

struct OrchestratedIncident {
  std::string id;
  std::string short_id;  // INC-XXXXXX
  // The war room's name for a title whose words are `slug` ("inc-xxxxxx-<slug>").
  std::string channel(const std::string& slug) const;
};

// One ORCHESTRATION entry of an incident's timeline.
struct OrchestrationEntry {
  std::string message;
  std::string step;   // data.step
  std::string state;  // data.state
  int attempt = 0;    // data.attempt (0 for a skipped step)
  std::string data;   // as JSON text
};

class OrchestrationStack {
 public:
  // `env`: the integrations' settings (SLACK_*, INCIDENT_DOCS_*, ONCALL_NOTIFY_*).
  OrchestrationStack(const std::string& name, std::map<std::string, std::string> env);
  ~OrchestrationStack();

  TestStack& stack() { return *stack_; }

  // The first column of the first row of `statement` ("" for none or NULL).
  std::string sql(const std::string& statement, const std::vector<std::string>& params = {});

  // A user `<name>@example.test`; their id.
  std::string user(const std::string& name);
  // A team ("Team <n>", Slack channel CTEAM) with `on_call_user_id` on call now
  // (an override; none when empty) and a service it owns; the service's id.
  std::string service(const std::string& on_call_user_id);

  // POST /api/v1/incidents/ for a new service of `on_call_user_id`'s team: the
  // orchestration workflow starts with it.
  OrchestratedIncident create(const std::string& title, const std::string& on_call_user_id);
  // An incident written with SQL (no workflow), optionally with a war room channel
  // an earlier attempt kept; its steps are published with publish().
  OrchestratedIncident insert(const std::string& title, const std::string& on_call_user_id,
                              const std::string& war_room_channel_id = {});
  // Publishes the step's task as the workflow would; its task id.
  std::string publish(const domain::TaskKind& kind, const std::string& incident_id);

  // GET /api/v1/incidents/{id}/ and GET /api/v1/workflows/{id}.
  rapidjson::Document incident(const std::string& id);
  rapidjson::Document workflow(const std::string& id);
  rapidjson::Document task(const std::string& id);
  // Waits for the orchestration workflow to end with `status`.
  bool workflow_reaches(const std::string& id, const std::string& status);
  bool task_reaches(const std::string& id, const std::string& status);
  // The workflow's step `step_id` ("war_room", "document", "notify").
  rapidjson::Document step(const std::string& id, const std::string& step_id);

  std::vector<OrchestrationEntry> timeline(const std::string& incident_id);
  // The step's entries as "state@attempt", in order: "started@1", "failed@1", ...
  std::vector<std::string> states(const std::string& incident_id, const std::string& step);

 private:
  rapidjson::Document get(const std::string& path);

  TempDir dir_;
  std::unique_ptr<TestStack> stack_;
  std::optional<config::ServicesConfig> services_;
  std::optional<amqp::TaskPublisher> publisher_;
  std::unique_ptr<HttpClient> http_;
  int teams_ = 0;
  int inserted_ = 0;
};

}  // namespace switchyard::testing

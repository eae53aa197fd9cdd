// An incident's creation (incident_repository's insert_incident): one statement
// writes the incident, its "Incident created" entry and, when given, its
// orchestration workflow (workflow_create) with its steps, at the workflow's
// submission time; without one, no workflow. A short id already taken draws
// another, and the workflow is written once, with the incident that was.
#include <gtest/gtest.h>

#include <string>

#include "rolled_back_test.hpp"
#include "storage/incidents/incident_repository.hpp"

namespace switchyard::testing {
namespace {

namespace repo = storage::incidents;

constexpr const char* kService = "7c000000-0000-4000-8000-000000000001";

class IncidentCreation : public RolledBackTest {
 protected:
  void SetUp() override {
    tx().exec_params0("INSERT INTO incident_services (id, name) VALUES ($1, 'checkout')", kService);
  }

  static repo::NewIncident incident(const std::string& id) {
    repo::NewIncident incident;
    incident.id = id;
    incident.title = "Checkout latency";
    incident.severity = "SEV2_HIGH";
    incident.service_id = kService;
    incident.created_by = "tester";
    return incident;
  }

  // The definition the API sends (orchestration_plan): one step here.
  static std::string orchestration(const std::string& id) {
    return R"({"workflow_id":")" + id +
           R"(","failure_policy":"continue","steps":[{"id":"war_room",)"
           R"("task_id":"7c000000-0000-4000-8000-0000000000ff","service":"incident_orchestration",)"
           R"("action":"open_war_room","payload":{"incident_id":")" +
           id + R"("},"max_attempts":5,"timeout_ms":20000}]})";
  }

  std::int64_t count(const std::string& sql, const std::string& id) {
    return tx().exec_params1(sql, id)[0].as<std::int64_t>();
  }
};

TEST_F(IncidentCreation, WritesTheOrchestrationWorkflowWithTheIncident) {
  const std::string id = "7c000000-0000-4000-8000-000000000010";
  repo::NewIncident created = incident(id);
  created.orchestration = orchestration(id);
  created.submitted_at = "2026-12-05T10:00:00.000Z";
  const std::string short_id = repo::insert_incident(tx(), created).short_id;

  EXPECT_EQ(
      count("SELECT count(*) FROM incidents WHERE id = $1::uuid AND short_id = '" + short_id + "'",
            id),
      1);
  EXPECT_EQ(count("SELECT count(*) FROM incident_timeline WHERE incident_id = $1::uuid "
                  "AND message = 'Incident created'",
                  id),
            1);
  const auto workflow = tx().exec_params(
      "SELECT status, failure_policy, submitted_by, submitted_at = '2026-12-05T10:00:00Z' "
      "FROM workflows WHERE id = $1::uuid",
      id);
  ASSERT_EQ(workflow.size(), 1u);
  EXPECT_EQ(workflow[0][0].as<std::string>(), "running");
  EXPECT_EQ(workflow[0][1].as<std::string>(), "continue");
  EXPECT_EQ(workflow[0][2].as<std::string>(), "tester");
  EXPECT_TRUE(workflow[0][3].as<bool>());
  EXPECT_EQ(count("SELECT count(*) FROM workflow_steps WHERE workflow_id = $1::uuid "
                  "AND step_id = 'war_room' AND state = 'waiting'",
                  id),
            1);
}

TEST_F(IncidentCreation, WithoutAnOrchestrationWritesNoWorkflow) {
  const std::string id = "7c000000-0000-4000-8000-000000000020";
  repo::insert_incident(tx(), incident(id));
  EXPECT_EQ(count("SELECT count(*) FROM incidents WHERE id = $1::uuid", id), 1);
  EXPECT_EQ(count("SELECT count(*) FROM workflows WHERE id = $1::uuid", id), 0);
}

TEST_F(IncidentCreation, ATakenShortIdDrawsAnotherAndTheWorkflowIsWrittenOnce) {
  // The first short id is drawn from the id's last twelve hex digits: these two
  // share them, so the second incident's first draw is taken.
  const std::string first = "7c000000-0000-4000-8000-000000000abc";
  const std::string second = "7c000000-0000-4111-8000-000000000abc";
  const std::string taken = repo::insert_incident(tx(), incident(first)).short_id;
  repo::NewIncident created = incident(second);
  created.orchestration = orchestration(second);
  const std::string short_id = repo::insert_incident(tx(), created).short_id;

  EXPECT_NE(short_id, taken);
  EXPECT_EQ(count("SELECT count(*) FROM incidents WHERE id = $1::uuid", second), 1);
  EXPECT_EQ(count("SELECT count(*) FROM workflows WHERE id = $1::uuid", second), 1);
  EXPECT_EQ(count("SELECT count(*) FROM workflow_steps WHERE workflow_id = $1::uuid", second), 1);
}

}  // namespace
}  // namespace switchyard::testing

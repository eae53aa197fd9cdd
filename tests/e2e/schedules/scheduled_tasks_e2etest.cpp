// Scheduled tasks end to end (docs/scheduling.md#scheduled-tasks): the real api,
// listener and worker on the test servers. Every /system/tasks endpoint with its
// documented answers and errors; an interval schedule firing and its counts
// following its tasks' outcomes; the misfire policies after listener downtime; a
// leader killed with SIGKILL while a one-second schedule fires, the other
// listener taking over with no fire lost or doubled (fire times from the tasks'
// idempotency keys, effects from system.record's rows).
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <pqxx/pqxx>
#include <sstream>

#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

using Headers = std::map<std::string, std::string>;

// The value of the sample `series` in a scrape, or -1.
double metric(const std::string& text, const std::string& series) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(series + " ")) return std::stod(line.substr(series.size() + 1));
  }
  return -1;
}

class ScheduleClient {
 public:
  explicit ScheduleClient(const std::string& base_url) : http_(base_url) {}

  HttpResponse call(const std::string& method, const std::string& path,
                    const std::string& body = {}, const Headers& headers = admin_headers()) {
    return http_.request(method, path, body, headers);
  }
  // The item, once created (a test failure otherwise).
  rapidjson::Document create(const std::string& body) {
    const auto response = call("POST", "/system/tasks", body);
    EXPECT_EQ(response.status, 201) << body << " → " << response.body;
    return parse_json(response.body);
  }
  rapidjson::Document item(const std::string& id) {
    return parse_json(call("GET", "/system/tasks/" + id).body);
  }
  // The field that a 422 names (400 for what the JSON reader refuses: a NUL).
  static std::string invalid_field(const HttpResponse& response) {
    const auto body = parse_json(response.body);
    if ((response.status != 422 && response.status != 400) || !body.IsObject() ||
        !body.HasMember("error"))
      return "";
    const auto& details = body["error"]["details"];
    if (!details.IsArray() || details.Empty()) return "";
    return details[0]["field"].GetString();
  }

 private:
  HttpClient http_;
};

std::string json_text(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  value.Accept(w);
  return buffer.GetString();
}

std::int64_t count_of(const std::string& database_url, const std::string& sql,
                      const std::string& parameter) {
  pqxx::connection db(database_url);
  pqxx::nontransaction tx(db);
  return tx.exec_params1(sql, parameter)[0].as<std::int64_t>();
}

// ---------------------------------------------------------------------------------

class ScheduledTasks : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { stack_ = new TestStack({"schedules_e2e", 1, {}}); }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }
  static inline TestStack* stack_ = nullptr;
  ScheduleClient api_{stack_->base_url()};
};

TEST_F(ScheduledTasks, EachTypeIsCreatedReadListedChangedPausedResumedAndDeleted) {
  const auto interval =
      api_.create(R"({"id":"ma_tache","name":"Ma Tâche","type":"interval","interval":{"hours":1},)"
                  R"("service":"system","action":"noop","payload":{"a":1},"enabled":true})");
  ASSERT_TRUE(interval.IsObject());
  EXPECT_STREQ(interval["id"].GetString(), "ma_tache");
  EXPECT_STREQ(interval["type"].GetString(), "interval");
  EXPECT_STREQ(interval["status"].GetString(), "scheduled");
  EXPECT_EQ(interval["interval"]["seconds"].GetInt(), 3600);
  EXPECT_EQ(interval["success_count"].GetInt(), 0);
  EXPECT_EQ(interval["failure_count"].GetInt(), 0);
  EXPECT_TRUE(interval["last_run"].IsNull());
  EXPECT_TRUE(interval["next_run"].IsString());
  EXPECT_EQ(interval["payload"]["a"].GetInt(), 1);

  const auto cron = api_.create(
      R"({"id":"cleanup_logs","name":"Nettoyage des logs","type":"scheduled",)"
      R"("schedule":"0 0 * * *","timezone":"Europe/Paris","service":"system","action":"noop"})");
  EXPECT_STREQ(cron["schedule"].GetString(), "0 0 * * *");
  EXPECT_STREQ(cron["timezone"].GetString(), "Europe/Paris");
  // Midnight in Paris is 23:00 or 22:00 UTC.
  const std::string next = cron["next_run"].GetString();
  EXPECT_TRUE(next.find("T23:00:00") != std::string::npos ||
              next.find("T22:00:00") != std::string::npos)
      << next;

  const auto once =
      api_.create(R"({"id":"one_off","type":"once","run_at":"2099-01-01T10:00:00+02:00",)"
                  R"("service":"system","action":"noop","misfire_policy":"skip"})");
  EXPECT_STREQ(once["run_at"].GetString(), "2099-01-01T08:00:00.000Z");
  EXPECT_STREQ(once["next_run"].GetString(), "2099-01-01T08:00:00.000Z");
  EXPECT_STREQ(once["misfire_policy"].GetString(), "skip");
  EXPECT_STREQ(once["name"].GetString(), "one_off");

  // Without an id, one is made.
  const auto unnamed = api_.create(
      R"({"type":"interval","interval":{"minutes":5},"service":"system","action":"noop"})");
  EXPECT_EQ(std::string(unnamed["id"].GetString()).size(), 36U);

  // Detail, and the list with xcore paging; the listener's own retention job too.
  EXPECT_STREQ(api_.item("cleanup_logs")["name"].GetString(), "Nettoyage des logs");
  EXPECT_EQ(api_.call("GET", "/system/tasks/nope").status, 404);
  const auto page = parse_json(api_.call("GET", "/system/tasks?skip=0&limit=2").body);
  EXPECT_GE(page["total"].GetInt(), 4);
  EXPECT_EQ(page["skip"].GetInt(), 0);
  EXPECT_EQ(page["limit"].GetInt(), 2);
  EXPECT_TRUE(page["has_more"].GetBool());
  EXPECT_EQ(page["items"].Size(), 2U);
  rapidjson::Document all;
  ASSERT_TRUE(eventually([&] {
    all = parse_json(api_.call("GET", "/system/tasks?limit=100").body);
    for (const auto& item : all["items"].GetArray()) {
      if (std::string(item["id"].GetString()) == "task_retention") return true;
    }
    return false;
  })) << "the ledger retention job is not listed";
  for (const auto& item : all["items"].GetArray()) {
    if (std::string(item["id"].GetString()) != "task_retention") continue;
    EXPECT_TRUE(item["builtin"].GetBool());
    EXPECT_STREQ(item["type"].GetString(), "interval");
  }
  EXPECT_EQ(api_.call("PUT", "/system/tasks/task_retention", R"({"name":"x"})").status, 409);
  EXPECT_EQ(api_.call("DELETE", "/system/tasks/task_retention").status, 409);
  EXPECT_EQ(api_.call("GET", "/system/tasks?limit=500").status, 422);

  // Update: fields given replace the stored ones; a new type drops the old timing.
  const auto renamed = api_.call("PUT", "/system/tasks/ma_tache", R"({"name":"Renamed"})");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_STREQ(parse_json(renamed.body)["name"].GetString(), "Renamed");
  EXPECT_EQ(parse_json(renamed.body)["interval"]["seconds"].GetInt(), 3600);
  const auto retyped = api_.call("PUT", "/system/tasks/ma_tache",
                                 R"({"type":"scheduled","schedule":"*/5 * * * *"})");
  ASSERT_EQ(retyped.status, 200) << retyped.body;
  EXPECT_STREQ(parse_json(retyped.body)["schedule"].GetString(), "*/5 * * * *");
  EXPECT_TRUE(parse_json(retyped.body)["interval"].IsNull());
  EXPECT_STREQ(parse_json(retyped.body)["timezone"].GetString(), "UTC");
  EXPECT_EQ(api_.call("PUT", "/system/tasks/ma_tache", R"({"id":"other"})").status, 422);
  EXPECT_EQ(api_.call("PUT", "/system/tasks/nope", R"({"name":"x"})").status, 404);

  // Pause and resume answer the documented bodies and show in the item.
  const auto paused = api_.call("POST", "/system/tasks/ma_tache/pause");
  ASSERT_EQ(paused.status, 200) << paused.body;
  EXPECT_EQ(paused.body, R"({"id":"ma_tache","status":"paused"})");
  EXPECT_STREQ(api_.item("ma_tache")["status"].GetString(), "paused");
  EXPECT_FALSE(api_.item("ma_tache")["enabled"].GetBool());
  const auto resumed = api_.call("POST", "/system/tasks/ma_tache/resume");
  ASSERT_EQ(resumed.status, 200) << resumed.body;
  EXPECT_EQ(resumed.body, R"({"id":"ma_tache","status":"scheduled"})");
  EXPECT_STREQ(api_.item("ma_tache")["status"].GetString(), "scheduled");
  EXPECT_EQ(api_.call("POST", "/system/tasks/nope/pause").status, 404);
  EXPECT_EQ(api_.call("POST", "/system/tasks/nope/resume").status, 404);

  // Delete.
  EXPECT_EQ(api_.call("DELETE", "/system/tasks/one_off").status, 204);
  EXPECT_EQ(api_.call("GET", "/system/tasks/one_off").status, 404);
  EXPECT_EQ(api_.call("DELETE", "/system/tasks/one_off").status, 404);
}

TEST_F(ScheduledTasks, ADuplicateIdIsAConflictAndBadDefinitionsNameTheirField) {
  api_.create(
      R"({"id":"dup","type":"interval","interval":{"seconds":60},"service":"system","action":"noop"})");
  const auto again = api_.call(
      "POST", "/system/tasks",
      R"({"id":"dup","type":"interval","interval":{"seconds":60},"service":"system","action":"noop"})");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_STREQ(parse_json(again.body)["error"]["code"].GetString(), "CONFLICT");

  const std::vector<std::pair<std::string, std::string>> bad = {
      {R"({"id":"b","type":"scheduled","schedule":"61 * * * *","service":"system","action":"noop"})",
       "schedule"},
      {R"({"id":"b","type":"scheduled","schedule":"* * *","service":"system","action":"noop"})",
       "schedule"},
      {R"({"id":"b","type":"scheduled","schedule":"0 0 30 2 *","service":"system","action":"noop"})",
       "schedule"},
      {R"({"id":"b","type":"scheduled","service":"system","action":"noop"})", "schedule"},
      {R"({"id":"b","type":"scheduled","schedule":"* * * * *","timezone":"Mars/Olympus","service":"system","action":"noop"})",
       "timezone"},
      {R"({"id":"b","type":"interval","interval":{"seconds":0},"service":"system","action":"noop"})",
       "interval"},
      {R"({"id":"b","type":"interval","interval":{"weeks":1},"service":"system","action":"noop"})",
       "interval"},
      {R"({"id":"b","type":"interval","interval":{"seconds":-5},"service":"system","action":"noop"})",
       "interval"},
      {R"({"id":"b","type":"interval","interval":{"days":99999999999999},"service":"system","action":"noop"})",
       "interval"},
      {R"({"id":"b","type":"interval","interval":"1h","service":"system","action":"noop"})",
       "interval"},
      {R"({"id":"b","type":"interval","schedule":"* * * * *","interval":{"seconds":5},"service":"system","action":"noop"})",
       "schedule"},
      {R"({"id":"b","type":"once","run_at":"tomorrow","service":"system","action":"noop"})",
       "run_at"},
      {R"({"id":"b","type":"once","run_at":"2024-02-30T10:00:00Z","service":"system","action":"noop"})",
       "run_at"},
      {R"({"id":"b","type":"weekly","service":"system","action":"noop"})", "type"},
      {R"({"id":"b","type":"interval","interval":{"seconds":5},"service":"identity","action":"create_role"})",
       "service"},
      {R"({"id":"b","type":"interval","interval":{"seconds":5},"service":"nope","action":"noop"})",
       "service"},
      {R"({"id":"b","type":"interval","interval":{"seconds":5},"service":"system","action":"nope"})",
       "action"},
      {R"({"id":"b","type":"interval","interval":{"seconds":5},"service":"system","action":"noop","payload":[1]})",
       "payload"},
      {R"({"id":"b","type":"interval","interval":{"seconds":5},"service":"system","action":"noop","misfire_policy":"sometimes"})",
       "misfire_policy"},
      {R"({"id":"b","type":"interval","interval":{"seconds":5},"service":"system","action":"noop","enabled":"yes"})",
       "enabled"},
      {R"({"id":"b c","type":"interval","interval":{"seconds":5},"service":"system","action":"noop"})",
       "id"},
      {R"({"id":")" + std::string(10'000, 'x') +
           R"(","type":"interval","interval":{"seconds":5},"service":"system","action":"noop"})",
       "id"},
      {R"({"id":"b","name":"a\u0000b","type":"interval","interval":{"seconds":5},"service":"system","action":"noop"})",
       "name"},
      {R"({"id":"b","name":")" + std::string(10'000, 'n') +
           R"(","type":"interval","interval":{"seconds":5},"service":"system","action":"noop"})",
       "name"},
  };
  for (const auto& [body, field] : bad) {
    const auto response = api_.call("POST", "/system/tasks", body);
    EXPECT_EQ(ScheduleClient::invalid_field(response), field)
        << body.substr(0, 200) << " → " << response.status << " " << response.body.substr(0, 300);
  }
  // Hostile but valid input answers 4xx in the xcore format.
  std::string deep =
      R"({"id":"deep","type":"interval","interval":{"seconds":5},"service":"system","action":"noop","payload":)";
  for (int i = 0; i < 5000; ++i) deep += R"({"a":)";
  deep += "1";
  for (int i = 0; i < 5000; ++i) deep += "}";
  deep += "}";
  const auto nested = api_.call("POST", "/system/tasks", deep);
  EXPECT_GE(nested.status, 400);
  EXPECT_LT(nested.status, 500);
  EXPECT_EQ(api_.call("POST", "/system/tasks", "not json").status, 400);
  const auto long_path = api_.call("GET", "/system/tasks/" + std::string(10'000, 'z'));
  EXPECT_GE(long_path.status, 400);
  EXPECT_LT(long_path.status, 500);
  EXPECT_EQ(api_.call("GET", "/system/tasks/b").status, 404);
}

TEST_F(ScheduledTasks, CallersNeedCredentialsAndTheSchedulesPermissions) {
  EXPECT_EQ(api_.call("GET", "/system/tasks", "", {}).status, 401);
  EXPECT_EQ(api_.call("POST", "/system/tasks", "{}", {{"Content-Type", "application/json"}}).status,
            401);
  const auto reg = api_.call(
      "POST", "/auth/register",
      R"({"email":"sched@example.com","password":"SecurePassword123!","full_name":"Sched"})");
  ASSERT_EQ(reg.status, 201) << reg.body;
  const auto login =
      api_.call("POST", "/auth/login", "username=sched@example.com&password=SecurePassword123!",
                {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(login.status, 200) << login.body;
  const Headers user = {{"Authorization", std::string("Bearer ") +
                                              parse_json(login.body)["access_token"].GetString()},
                        {"Content-Type", "application/json"}};
  const auto listed = api_.call("GET", "/system/tasks", "", user);
  EXPECT_EQ(listed.status, 403);
  EXPECT_STREQ(parse_json(listed.body)["error"]["code"].GetString(), "AUTHORIZATION_ERROR");
  EXPECT_EQ(
      api_.call(
              "POST", "/system/tasks",
              R"({"type":"interval","interval":{"seconds":5},"service":"system","action":"noop"})",
              user)
          .status,
      403);
  EXPECT_EQ(api_.call("POST", "/system/tasks/x/run", "", user).status, 403);
}

TEST_F(ScheduledTasks, AnIntervalScheduleFiresAndItsCountsFollowItsTasksOutcomes) {
  api_.create(R"({"id":"every_second","type":"interval","interval":{"seconds":1},)"
              R"("service":"system","action":"noop"})");
  api_.create(R"({"id":"failing","type":"interval","interval":{"seconds":1},)"
              R"("service":"system","action":"fail"})");
  rapidjson::Document item;
  ASSERT_TRUE(eventually(
      [&] {
        item = api_.item("every_second");
        return item["success_count"].GetInt() >= 3 && item["last_run"].IsString();
      },
      std::chrono::seconds(30)))
      << json_text(item);
  EXPECT_EQ(item["failure_count"].GetInt(), 0);
  ASSERT_TRUE(eventually(
      [&] {
        item = api_.item("failing");
        return item["failure_count"].GetInt() >= 2;
      },
      std::chrono::seconds(30)))
      << json_text(item);
  EXPECT_EQ(item["success_count"].GetInt(), 0);
  ASSERT_EQ(api_.call("POST", "/system/tasks/failing/pause").status, 200);
  ASSERT_EQ(api_.call("POST", "/system/tasks/every_second/pause").status, 200);

  // Run now: published at once, whatever the schedule's state; counted like a fire.
  const int before = api_.item("every_second")["success_count"].GetInt();
  const auto run = api_.call("POST", "/system/tasks/every_second/run");
  ASSERT_EQ(run.status, 200) << run.body;
  const auto ran = parse_json(run.body);
  EXPECT_STREQ(ran["id"].GetString(), "every_second");
  EXPECT_STREQ(ran["status"].GetString(), "running");
  EXPECT_TRUE(ran["started_at"].IsString());
  TaskApiClient tasks(stack_->base_url());
  ASSERT_TRUE(tasks.reaches(ran["task_id"].GetString(), "succeeded"));
  ASSERT_TRUE(eventually(
      [&] { return api_.item("every_second")["success_count"].GetInt() >= before + 1; }));
  EXPECT_EQ(api_.call("POST", "/system/tasks/nope/run").status, 404);
  EXPECT_EQ(api_.call("POST", "/system/tasks/task_retention/run").status, 409);

  // Fired tasks carry their schedule and fire time.
  const auto fired = count_of(stack_->database_url(),
                              "SELECT count(*) FROM tasks WHERE submitted_by = $1 AND "
                              "idempotency_key LIKE 'schedule:every_second@%'",
                              "schedule:every_second");
  EXPECT_GE(fired, 3);
}

TEST_F(ScheduledTasks, ACronScheduleFiresOnTheMinuteOfItsTimeZone) {
  api_.create(R"({"id":"minutely","type":"scheduled","schedule":"* * * * *",)"
              R"("timezone":"America/New_York","service":"system","action":"noop"})");
  rapidjson::Document item;
  ASSERT_TRUE(eventually(
      [&] {
        item = api_.item("minutely");
        return item["success_count"].GetInt() >= 1;
      },
      std::chrono::seconds(90)))
      << json_text(item);
  EXPECT_NE(std::string(item["next_run"].GetString()).find(":00.000Z"), std::string::npos)
      << json_text(item);
  EXPECT_EQ(
      count_of(stack_->database_url(),
               "SELECT count(*) FROM tasks WHERE submitted_by = $1 AND "
               "extract(second FROM substr(idempotency_key, length($1) + 2)::timestamptz) = 0",
               "schedule:minutely"),
      item["success_count"].GetInt());
  ASSERT_EQ(api_.call("POST", "/system/tasks/minutely/pause").status, 200);
}

// ---------------------------------------------------------------------------------

class ScheduleMisfires : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { stack_ = new TestStack({"schedules_misfire_e2e", 1, {}}); }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }
  static inline TestStack* stack_ = nullptr;
  ScheduleClient api_{stack_->base_url()};
};

TEST_F(ScheduleMisfires, AfterListenerDowntimeEachPolicyFiresWhatItSays) {
  // Every ten minutes; the listener is down while six fires fall due (next_run
  // moved back 59 min 50 s: fires at -59:50, -49:50, ... -9:50, the next in 10 s).
  for (const std::string policy : {"skip", "once", "all"}) {
    api_.create(R"({"id":"misfire_)" + policy +
                R"(","type":"interval","interval":{"minutes":10},)"
                R"("service":"system","action":"record","misfire_policy":")" +
                policy + R"("})");
  }
  ASSERT_EQ(stack_->listener().stop(), 0);
  {
    pqxx::connection db(stack_->database_url());
    pqxx::work tx(db);
    tx.exec0(
        "UPDATE schedules SET next_run = date_trunc('second', now()) - interval '3590 seconds'"
        " WHERE id LIKE 'misfire_%'");
    tx.commit();
  }
  auto listener = stack_->start_process("switchyard-listener", "listener-after-downtime");
  // Each schedule moves past its missed fires once the leader has published them.
  ASSERT_TRUE(eventually(
      [&] {
        return count_of(stack_->database_url(),
                        "SELECT count(*) FROM schedules WHERE id LIKE $1 AND next_run > now()",
                        "misfire_%") == 3;
      },
      std::chrono::seconds(30)));
  // A run of each, published after the fires to the same queue, finishes after them.
  TaskApiClient tasks(stack_->base_url());
  std::map<std::string, std::string> markers;
  for (const std::string policy : {"skip", "once", "all"}) {
    const auto run = api_.call("POST", "/system/tasks/misfire_" + policy + "/run");
    ASSERT_EQ(run.status, 200) << run.body;
    markers[policy] = parse_json(run.body)["task_id"].GetString();
  }
  for (const auto& [policy, id] : markers) ASSERT_TRUE(tasks.reaches(id, "succeeded")) << policy;
  const std::map<std::string, std::int64_t> expected = {{"skip", 0}, {"once", 1}, {"all", 6}};
  for (const auto& [policy, fires] : expected) {
    const std::string submitted_by = "schedule:misfire_" + policy;
    EXPECT_EQ(count_of(stack_->database_url(),
                       "SELECT count(*) FROM tasks WHERE submitted_by = $1 AND "
                       "idempotency_key IS NOT NULL AND status = 'succeeded'",
                       submitted_by),
              fires)
        << policy;
  }
  // `once` fired the latest missed fire, 9 min 50 s ago.
  EXPECT_EQ(
      count_of(
          stack_->database_url(),
          "SELECT count(*) FROM tasks WHERE submitted_by = $1 AND "
          "substr(idempotency_key, length($1) + 2)::timestamptz BETWEEN now() - interval '11 min' "
          "AND now() - interval '9 min'",
          "schedule:misfire_once"),
      1);
}

// ---------------------------------------------------------------------------------

class ScheduleLeaderFailover : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { stack_ = new TestStack({"schedules_failover_e2e", 1, {}}); }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }
  static double leading(const std::string& tag) {
    HttpClient client("http://127.0.0.1:" + std::to_string(stack_->metrics_port(tag)));
    const auto response = client.request("GET", "/metrics");
    return response.status == 200 ? metric(response.body, "switchyard_scheduler_leader") : -1;
  }
  static inline TestStack* stack_ = nullptr;
  ScheduleClient api_{stack_->base_url()};
};

TEST_F(ScheduleLeaderFailover, TheOtherListenerTakesOverAndNoFireIsLostOrDoubled) {
  auto second = stack_->start_process("switchyard-listener", "listener-2");
  std::map<std::string, ChildProcess*> listeners = {{"listener", &stack_->listener()},
                                                    {"listener-2", second.get()}};
  std::string leader;
  ASSERT_TRUE(eventually([&] {
    for (const auto& [tag, process] : listeners) {
      if (leading(tag) == 1) leader = tag;
    }
    return !leader.empty();
  }));
  const std::string other = leader == "listener" ? "listener-2" : "listener";
  EXPECT_TRUE(eventually([&] { return leading(other) == 0; }));

  api_.create(R"({"id":"tick","type":"interval","interval":{"seconds":1},)"
              R"("service":"system","action":"record","misfire_policy":"all"})");
  const auto fires = [&] {
    return count_of(stack_->database_url(), "SELECT count(*) FROM tasks WHERE submitted_by = $1",
                    "schedule:tick");
  };
  ASSERT_TRUE(eventually([&] { return fires() >= 3; }, std::chrono::seconds(30)));
  listeners[leader]->kill9();
  ASSERT_TRUE(eventually([&] { return leading(other) == 1; }, std::chrono::seconds(30)));
  const auto at_takeover = fires();
  ASSERT_TRUE(eventually([&] { return fires() >= at_takeover + 4; }, std::chrono::seconds(30)));
  ASSERT_EQ(api_.call("POST", "/system/tasks/tick/pause").status, 200);

  // Once every fired task has finished: one task per fire time, one fire per
  // second from the first to the last, one effect per task.
  const std::string summary =
      "SELECT count(*)::text || ' ' || count(DISTINCT idempotency_key) || ' ' ||"
      "       (extract(epoch FROM max(substr(idempotency_key, length($1) + 2)::timestamptz)"
      "                        - min(substr(idempotency_key, length($1) + "
      "2)::timestamptz))::bigint + 1) || ' ' ||"
      "       count(*) FILTER (WHERE status = 'succeeded') || ' ' ||"
      "       coalesce(sum((SELECT count(*) FROM system_executions e WHERE e.task_id = t.id)), 0)"
      "  FROM tasks t WHERE submitted_by = $1";
  std::string last;
  const bool settled = eventually(
      [&] {
        pqxx::connection db(stack_->database_url());
        pqxx::nontransaction tx(db);
        last = tx.exec_params1(summary, "schedule:tick")[0].as<std::string>();
        std::istringstream in(last);
        std::int64_t tasks = 0, keys = 0, span = 0, succeeded = 0, effects = 0;
        in >> tasks >> keys >> span >> succeeded >> effects;
        return tasks > 0 && succeeded == tasks && effects == tasks;
      },
      std::chrono::seconds(30));
  ASSERT_TRUE(settled) << "tasks keys span succeeded effects: " << last;
  std::istringstream in(last);
  std::int64_t tasks = 0, keys = 0, span = 0, succeeded = 0, effects = 0;
  in >> tasks >> keys >> span >> succeeded >> effects;
  EXPECT_EQ(keys, tasks) << last;
  EXPECT_EQ(span, tasks) << "a fire was lost or doubled: " << last;
  EXPECT_EQ(effects, tasks) << last;
}

}  // namespace
}  // namespace switchyard::testing

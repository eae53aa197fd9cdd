// The tracker surface end to end, from tracker-api.md and tracker-wire-format.md:
// every endpoint's success and error paths, each enum value by name and number,
// invalid values, combined search filters, the lock race (50 concurrent takers,
// one winner), read-after-write, paging that stays stable while events are added,
// and the anonymous switch.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "child_process.hpp"
#include "task_api_client.hpp"
#include "test_servers.hpp"

namespace switchyard::testing {
namespace {

using Headers = std::map<std::string, std::string>;

class Tracker : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { stack_ = new TestStack({"tracker_e2e", 2, {}}); }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }

  HttpResponse call(const std::string& method, const std::string& path,
                    const std::string& body = {}) {
    return http_.request(method, path, body, admin_headers());
  }

  // Creates an event and returns its id.
  std::string create_event(const std::string& service, const std::string& extra_attributes = {}) {
    const auto response = call("POST", "/api/v1alpha1/event",
                               R"({"title":"Deploy )" + service +
                                   R"(","attributes":{"type":"deployment","service":")" + service +
                                   "\"" + extra_attributes + "}}");
    EXPECT_EQ(response.status, 200) << response.body;
    return parse_json(response.body)["event"]["metadata"]["id"].GetString();
  }

  static TestStack* stack_;
  HttpClient http_{stack_->base_url()};
};

TestStack* Tracker::stack_ = nullptr;

TEST_F(Tracker, EventLifecycleInTheOriginalWireFormat) {
  const auto created = call("POST", "/api/v1alpha1/event", R"({
    "title": "Deploy user-service v2.1.0 to production",
    "attributes": {"message": "Deployed via GitHub Actions workflow", "source": "github_actions",
      "type": "deployment", "priority": "P2", "service": "user-service", "status": "success",
      "environment": "production", "impact": true, "startDate": "2024-01-15T10:00:00Z",
      "endDate": "2024-01-15T10:05:00Z", "owner": "platform-team",
      "stakeHolders": ["backend-team", "ops-team"], "notification": true},
    "links": {"pullRequestLink": "https://github.com/org/repo/pull/123", "ticket": "PROJ-456"}})");
  ASSERT_EQ(created.status, 200) << created.body;
  const auto event = parse_json(created.body);
  const auto& attributes = event["event"]["attributes"];
  EXPECT_STREQ(attributes["type"].GetString(), "deployment");
  EXPECT_STREQ(attributes["priority"].GetString(), "P2");
  EXPECT_STREQ(attributes["environment"].GetString(), "production");
  EXPECT_EQ(attributes["stakeHolders"].Size(), 2u);
  EXPECT_STREQ(event["event"]["links"]["ticket"].GetString(), "PROJ-456");
  EXPECT_STREQ(event["event"]["metadata"]["duration"].GetString(), "300s");
  const std::string id = event["event"]["metadata"]["id"].GetString();

  // Read-after-write: the answer came back, so the read sees it.
  const auto read = call("GET", "/api/v1alpha1/event/" + id);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(parse_json(read.body)["event"]["title"], event["event"]["title"]);

  // Update (snake_case input is accepted too); the rest stays.
  const auto updated =
      call("PUT", "/api/v1alpha1/event",
           R"({"id":")" + id +
               R"(","attributes":{"status":"failure","end_date":"2024-01-15T10:10:00Z"}})");
  ASSERT_EQ(updated.status, 200) << updated.body;
  const auto after = parse_json(updated.body);
  EXPECT_STREQ(after["event"]["attributes"]["status"].GetString(), "failure");
  EXPECT_STREQ(after["event"]["attributes"]["service"].GetString(), "user-service");
  EXPECT_STREQ(after["event"]["metadata"]["duration"].GetString(), "600s");

  const auto deleted = call("DELETE", "/api/v1alpha1/event/" + id);
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(parse_json(deleted.body)["id"].GetString(), id);
  EXPECT_EQ(call("GET", "/api/v1alpha1/event/" + id).status, 404);
  EXPECT_EQ(call("DELETE", "/api/v1alpha1/event/" + id).status, 404);
  EXPECT_EQ(call("PUT", "/api/v1alpha1/event", R"({"id":")" + id + R"(","title":"x"})").status,
            404);
  EXPECT_EQ(call("GET", "/api/v1alpha1/event/not-a-uuid").status, 400);
}

TEST_F(Tracker, RequiredFieldsAndEnumValuesAreValidated) {
  const auto missing =
      call("POST", "/api/v1alpha1/event", R"({"attributes":{"type":"deployment","service":"s"}})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_STREQ(parse_json(missing.body)["details"][0]["field"].GetString(), "title");
  EXPECT_EQ(
      call("POST", "/api/v1alpha1/event", R"({"title":"t","attributes":{"service":"s"}})").status,
      400);
  EXPECT_EQ(
      call("POST", "/api/v1alpha1/event", R"({"title":"t","attributes":{"type":"drift"}})").status,
      400);

  struct Bad {
    const char* field;
    const char* value;
  };
  for (const Bad& bad :
       {Bad{"type", "\"bogus\""}, Bad{"priority", "\"P9\""}, Bad{"status", "\"fine\""},
        Bad{"environment", "\"prod\""}, Bad{"type", "99"}, Bad{"startDate", "\"yesterday\""},
        Bad{"impact", "\"yes\""}}) {
    const std::string type = std::string(bad.field) == "type" ? "" : R"("type":"deployment",)";
    const auto response = call("POST", "/api/v1alpha1/event",
                               R"({"title":"t","attributes":{"service":"s",)" + type + "\"" +
                                   bad.field + "\":" + bad.value + "}}");
    EXPECT_EQ(response.status, 400) << bad.field << "=" << bad.value;
    const auto body = parse_json(response.body);
    EXPECT_EQ(body["code"].GetInt(), 3);  // INVALID_ARGUMENT, as grpc-gateway
    EXPECT_EQ(std::string(body["details"][0]["field"].GetString()),
              std::string("attributes.") + bad.field);
  }
  // Well-formed but impossible: refused as the caller's error, never a 500.
  const auto impossible = call("POST", "/api/v1alpha1/event",
                               R"({"title":"t","attributes":{"service":"s","type":"drift",)"
                               R"("startDate":"2024-02-30T10:00:00Z"}})");
  EXPECT_EQ(impossible.status / 100, 4) << impossible.body;
  const auto listed = parse_json(call("POST", "/api/v1alpha1/event",
                                      R"({"title":"t","attributes":{"service":"s","type":"nope"}})")
                                     .body);
  EXPECT_NE(
      std::string(listed["message"].GetString()).find("deployment, operation, drift, incident"),
      std::string::npos);
}

TEST_F(Tracker, EveryEnumValueByNameAndByNumber) {
  const std::pair<const char*, std::vector<std::pair<const char*, int>>> enums[] = {
      {"type",
       {{"deployment", 1}, {"operation", 2}, {"drift", 3}, {"incident", 4}, {"rpa_usage", 5}}},
      {"priority", {{"P1", 1}, {"P2", 2}, {"P3", 3}, {"P4", 4}, {"P5", 5}}},
      {"status",
       {{"start", 1},
        {"failure", 2},
        {"success", 3},
        {"warning", 4},
        {"error", 5},
        {"snapshot", 6},
        {"user_update", 7},
        {"recommandation", 8},
        {"open", 9},
        {"close", 10},
        {"done", 11}}},
      {"environment",
       {{"development", 1},
        {"integration", 2},
        {"TNR", 3},
        {"UAT", 4},
        {"recette", 5},
        {"preproduction", 6},
        {"production", 7},
        {"mco", 8}}}};
  for (const auto& [field, values] : enums) {
    for (const auto& [name, number] : values) {
      for (const std::string& input : {"\"" + std::string(name) + "\"", std::to_string(number)}) {
        const std::string type = std::string(field) == "type" ? "" : R"("type":"deployment",)";
        const std::string attributes =
            R"("service":"enums",)" + type + "\"" + field + "\":" + input;
        const auto response = call("POST", "/api/v1alpha1/event",
                                   R"({"title":"enum","attributes":{)" + attributes + "}}");
        ASSERT_EQ(response.status, 200) << field << "=" << input << ": " << response.body;
        EXPECT_STREQ(parse_json(response.body)["event"]["attributes"][field].GetString(), name);
      }
    }
  }
}

TEST_F(Tracker, SearchFiltersCombine) {
  create_event(
      "search-a",
      R"(,"priority":"P1","status":"success","environment":"production","impact":true,"source":"gha","startDate":"2024-03-01")");
  create_event(
      "search-a",
      R"(,"priority":"P3","status":"failure","environment":"production","impact":false,"source":"gha","startDate":"2024-03-05T12:00:00Z")");
  create_event(
      "search-a",
      R"(,"priority":"P1","status":"success","environment":"development","impact":true,"source":"jenkins","startDate":"2024-04-01")");
  create_event(
      "search-b",
      R"(,"priority":"P1","status":"success","environment":"production","impact":true,"source":"gha","startDate":"2024-03-02")");
  auto count = [&](const std::string& query) {
    const auto response = call("GET", "/api/v1alpha1/events/search?" + query);
    EXPECT_EQ(response.status, 200) << query << ": " << response.body;
    const auto body = parse_json(response.body);
    EXPECT_EQ(body["events"].Size(), static_cast<rapidjson::SizeType>(body["totalCount"].GetInt()));
    return body["totalCount"].GetInt();
  };
  EXPECT_EQ(count("service=search-a"), 3);
  EXPECT_EQ(count("service=search-a&environment=production"), 2);
  EXPECT_EQ(count("service=search-a&environment=7&priority=P1"), 1);
  EXPECT_EQ(count("service=search-a&impact=true&source=gha"), 1);
  EXPECT_EQ(count("service=search-a&status=success&start_date=2024-03-15"), 1);
  EXPECT_EQ(count("service=search-a&start_date=2024-03-01&end_date=2024-03-31T23:59:59Z"), 2);
  EXPECT_EQ(count("type=deployment&environment=production&priority=1&service=search-b"), 1);
  EXPECT_EQ(call("GET", "/api/v1alpha1/events/search?priority=P7").status, 400);
  EXPECT_EQ(call("GET", "/api/v1alpha1/events/search?start_date=soon").status, 400);
  EXPECT_EQ(call("GET", "/api/v1alpha1/events/search?impact=maybe").status, 400);

  const auto today = parse_json(call("GET", "/api/v1alpha1/events/today?per_page=1000").body);
  EXPECT_GE(today["totalCount"].GetInt(), 4);
}

TEST_F(Tracker, ListIsNewestFirstAndPagesStayStableWhileEventsAreAdded) {
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) ids.push_back(create_event("paging"));
  const auto first = parse_json(call("GET", "/api/v1alpha1/events/list?per_page=5&page=1").body);
  ASSERT_EQ(first["events"].Size(), 5u);
  EXPECT_EQ(first["events"][0]["metadata"]["id"].GetString(), ids.back());  // newest first
  EXPECT_EQ(call("GET", "/api/v1alpha1/events/list?per_page=0").status, 400);
  EXPECT_EQ(call("GET", "/api/v1alpha1/events/list?page=0").status, 400);

  // Walk every page by token while another thread keeps adding events: each event
  // that existed at the start appears exactly once.
  std::atomic<bool> adding{true};
  std::thread writer([&] {
    HttpClient client(stack_->base_url());
    while (adding) {
      client.request(
          "POST", "/api/v1alpha1/event",
          R"({"title":"noise","attributes":{"type":"operation","service":"paging-noise"}})",
          admin_headers());
    }
  });
  std::set<std::string> seen;
  int repeats = 0;
  std::string token;
  for (int page = 0; page < 1000; ++page) {
    const auto response = call("GET", "/api/v1alpha1/events/list?per_page=4" +
                                          (token.empty() ? std::string() : "&page_token=" + token));
    ASSERT_EQ(response.status, 200) << response.body;
    const auto body = parse_json(response.body);
    for (const auto& event : body["events"].GetArray()) {
      if (!seen.insert(event["metadata"]["id"].GetString()).second) ++repeats;
    }
    if (!body.HasMember("nextPageToken")) break;
    token = body["nextPageToken"].GetString();
  }
  adding = false;
  writer.join();
  EXPECT_EQ(repeats, 0);
  for (const auto& id : ids) EXPECT_TRUE(seen.count(id)) << id << " was skipped";
}

TEST_F(Tracker, CatalogCreateUpdateGetListDelete) {
  const auto created = call("PUT", "/api/v1alpha1/catalog", R"({
    "name": "user-service", "type": "module", "languages": "golang", "owner": "platform-team",
    "version": "1.4.2", "repository": "https://github.com/org/user-service",
    "dependenciesIn": ["auth-service"], "dependenciesOut": ["postgres"],
    "sla": {"level": "high", "uptimePercentage": 99.9, "responseTimeMs": 200, "description": "tier 1"}})");
  ASSERT_EQ(created.status, 200) << created.body;
  const auto created_doc = parse_json(created.body);  // owns what `entry` points into
  const auto& entry = created_doc["catalog"];
  EXPECT_STREQ(entry["languages"].GetString(), "golang");
  EXPECT_STREQ(entry["sla"]["level"].GetString(), "high");
  EXPECT_EQ(entry["dependenciesOut"][0], "postgres");

  const auto updated = call("PUT", "/api/v1alpha1/catalog",
                            R"({"name":"user-service","type":2,"languages":12,"version":"1.5.0"})");
  ASSERT_EQ(updated.status, 200) << updated.body;
  const auto replaced = parse_json(updated.body);
  EXPECT_STREQ(replaced["catalog"]["type"].GetString(), "library");
  EXPECT_STREQ(replaced["catalog"]["languages"].GetString(), "typescript");
  EXPECT_STREQ(replaced["catalog"]["version"].GetString(), "1.5.0");

  EXPECT_EQ(call("GET", "/api/v1alpha1/catalog?name=user-service").status, 200);
  call("PUT", "/api/v1alpha1/catalog", R"({"name":"api-gateway","type":"container"})");
  const auto listed = parse_json(call("GET", "/api/v1alpha1/catalogs/list").body);
  EXPECT_EQ(listed["totalCount"].GetInt(), 2);
  EXPECT_STREQ(listed["catalogs"][0]["name"].GetString(), "api-gateway");

  EXPECT_EQ(call("PUT", "/api/v1alpha1/catalog", R"({"name":"x","type":"spaceship"})").status, 400);
  EXPECT_EQ(
      call("PUT", "/api/v1alpha1/catalog", R"({"name":"x","type":"module","languages":"cobol"})")
          .status,
      400);
  EXPECT_EQ(call("PUT", "/api/v1alpha1/catalog",
                 R"({"name":"x","type":"module","sla":{"uptimePercentage":120}})")
                .status,
            400);
  EXPECT_EQ(call("PUT", "/api/v1alpha1/catalog", R"({"type":"module"})").status, 400);
  EXPECT_EQ(call("GET", "/api/v1alpha1/catalog").status, 400);

  const auto deleted = call("DELETE", "/api/v1alpha1/catalog?name=user-service");
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_STREQ(parse_json(deleted.body)["name"].GetString(), "user-service");
  EXPECT_EQ(call("GET", "/api/v1alpha1/catalog?name=user-service").status, 404);
  EXPECT_EQ(call("DELETE", "/api/v1alpha1/catalog?name=user-service").status, 404);
}

TEST_F(Tracker, LockTakeGetConflictUnlock) {
  const auto taken = call(
      "POST", "/api/v1alpha1/lock",
      R"({"service":"production-deployment","who":"ci-pipeline-123","environment":"production","resource":"deployment"})");
  ASSERT_EQ(taken.status, 200) << taken.body;
  const std::string id = parse_json(taken.body)["lock"]["id"].GetString();
  EXPECT_EQ(call("GET", "/api/v1alpha1/lock/" + id).status, 200);

  const auto held = call("POST", "/api/v1alpha1/lock",
                         R"({"service":"production-deployment","who":"someone-else"})");
  ASSERT_EQ(held.status, 409) << held.body;
  const auto conflict = parse_json(held.body);
  EXPECT_STREQ(conflict["details"][0]["lock"]["who"].GetString(), "ci-pipeline-123");

  const auto listed = parse_json(call("GET", "/api/v1alpha1/locks/list").body);
  EXPECT_GE(listed["totalCount"].GetInt(), 1);

  const auto released = call("GET", "/api/v1alpha1/unlock/" + id);
  ASSERT_EQ(released.status, 200) << released.body;
  EXPECT_EQ(parse_json(released.body)["count"].GetInt(), 1);
  EXPECT_EQ(call("GET", "/api/v1alpha1/lock/" + id).status, 404);
  EXPECT_EQ(call("GET", "/api/v1alpha1/unlock/" + id).status, 404);
  EXPECT_EQ(
      call("POST", "/api/v1alpha1/lock", R"({"service":"production-deployment","who":"next"})")
          .status,
      200);
  EXPECT_EQ(call("POST", "/api/v1alpha1/lock", R"({"who":"nobody"})").status, 400);
}

TEST_F(Tracker, FiftyConcurrentTakersOneWinner) {
  std::atomic<int> won{0}, refused{0}, other{0};
  std::vector<std::thread> takers;
  for (int i = 0; i < 50; ++i) {
    takers.emplace_back([&, i] {
      HttpClient client(stack_->base_url());
      const auto response = client.request(
          "POST", "/api/v1alpha1/lock",
          R"({"service":"race","who":"taker-)" + std::to_string(i) + "\"}", admin_headers());
      if (response.status == 200) {
        ++won;
      } else if (response.status == 409) {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : takers) t.join();
  EXPECT_EQ(won, 1);
  EXPECT_EQ(refused, 49);
  EXPECT_EQ(other, 0);
}

TEST_F(Tracker, CredentialsAreRequiredUnlessTheAnonymousSwitchIsOn) {
  HttpClient anonymous(stack_->base_url());
  EXPECT_EQ(anonymous.request("GET", "/api/v1alpha1/events/list").status, 401);
  const auto refused =
      anonymous.request("POST", "/api/v1alpha1/lock", R"({"service":"s","who":"w"})",
                        {{"Content-Type", "application/json"}});
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(parse_json(refused.body)["code"].GetInt(), 16);  // UNAUTHENTICATED

  // A second API with TRACKER_ANONYMOUS=read: reads open, writes still closed.
  auto env = stack_->environment();
  env["API_PORT"] = std::to_string(free_port());
  env["TRACKER_ANONYMOUS"] = "read";
  ChildProcess api(build_dir() + "/switchyard-api", {}, env,
                   build_dir() + "/test-logs/tracker_e2e-api-anon.log");
  HttpClient open("http://127.0.0.1:" + env["API_PORT"]);
  ASSERT_TRUE(eventually([&] { return open.request("GET", "/health").status == 200; }));
  EXPECT_EQ(open.request("GET", "/api/v1alpha1/events/list").status, 200);
  EXPECT_EQ(open.request("POST", "/api/v1alpha1/lock", R"({"service":"s","who":"w"})").status, 401);
  EXPECT_EQ(open.request("GET", "/api/v1/tasks/stats").status, 401);  // only the tracker opens
}

TEST_F(Tracker, AnUnsupportedMethodAnswersInTheTrackersFormat) {
  const auto response = call("PATCH", "/api/v1alpha1/event");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(parse_json(response.body)["code"].GetInt(), 12);  // UNIMPLEMENTED
  EXPECT_EQ(response.header("allow"), "POST, PUT, OPTIONS");
}

TEST_F(Tracker, SwaggerJsonIsTheOpenApiDocument) {
  const auto swagger = http_.request("GET", "/swagger.json");
  ASSERT_EQ(swagger.status, 200);
  EXPECT_EQ(swagger.body, http_.request("GET", "/openapi.json").body);
  EXPECT_EQ(swagger.header("content-type"), "application/json");
  // With nosniff on every answer, a page without its type would not render.
  EXPECT_EQ(http_.request("GET", "/docs").header("content-type"), "text/html; charset=utf-8");
}

}  // namespace
}  // namespace switchyard::testing

// Incidents end to end (docs/incidents.md): the real api, listener and worker on the
// test servers, every write through the queue. Creation answers 201 once the row is
// committed, every bad field is a 400 in the IMAS format, each legal move of the
// lifecycle succeeds and each illegal one is a 409, KPIs are the documented
// differences, comments and tags join the timeline, and paging through the list
// stays put while incidents are created.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cmath>
#include <pqxx/pqxx>
#include <regex>
#include <set>

#include "task_api_client.hpp"

namespace switchyard::testing {
namespace {

constexpr const char* kService = "550e8400-e29b-41d4-a716-446655440000";
constexpr const char* kOtherService = "550e8400-e29b-41d4-a716-4466554400ff";
constexpr const char* kScope = "660e8400-e29b-41d4-a716-446655440001";

std::string incident_body(const std::string& title, const std::string& extra = "") {
  return R"({"title":")" + title + R"(","service":")" + kService + "\"" +
         (extra.empty() ? "" : "," + extra) + "}";
}

// Seconds between two RFC 3339 times PostgreSQL wrote.
double seconds_between(pqxx::connection& db, const std::string& from, const std::string& to) {
  pqxx::nontransaction tx(db);
  return tx
      .exec_params1("SELECT extract(epoch FROM $2::timestamptz - $1::timestamptz)", from, to)[0]
      .as<double>();
}

class Incidents : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack_ = new TestStack({"incidents_e2e", 1, {{"PUBLIC_URL", "https://imas.example.com"}}});
    pqxx::connection db(stack_->database_url());
    pqxx::work tx(db);
    tx.exec0(
        "INSERT INTO incident_teams (id, name) VALUES ('0b0c0d0e-0000-4000-8000-000000000001', "
        "'SRE Core')");
    tx.exec_params0(
        "INSERT INTO incident_services (id, name, owner_team_id, criticality, runbook_url) VALUES "
        "($1, 'redis-prod', '0b0c0d0e-0000-4000-8000-000000000001', 'TIER_1_CRITICAL', "
        "'https://wiki.example.com/redis-recovery'), ($2, 'api-gateway', NULL, 'TIER_2_HIGH', "
        "NULL)",
        kService, kOtherService);
    tx.exec_params0("INSERT INTO incident_impact_scopes (id, name) VALUES ($1, 'Data Loss Risk')",
                    kScope);
    tx.commit();
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }
  void SetUp() override { http_ = std::make_unique<HttpClient>(stack_->base_url()); }

  HttpResponse call(const std::string& method, const std::string& path,
                    const std::string& body = "",
                    const std::map<std::string, std::string>& headers = admin_headers()) {
    return http_->request(method, path, body, headers);
  }

  // A new incident's id ("" and a failure when refused).
  std::string create(const std::string& body) {
    const auto response = call("POST", "/api/v1/incidents/", body);
    EXPECT_EQ(response.status, 201) << response.body;
    if (response.status != 201) return "";
    return parse_json(response.body)["id"].GetString();
  }

  rapidjson::Document detail(const std::string& id) {
    const auto response = call("GET", "/api/v1/incidents/" + id + "/");
    EXPECT_EQ(response.status, 200) << response.body;
    return parse_json(response.body);
  }

  static inline TestStack* stack_ = nullptr;
  std::unique_ptr<HttpClient> http_;
};

TEST_F(Incidents, CreationAnswers201AfterTheRowIsCommittedAndTheDetailShowsEverything) {
  const auto response =
      call("POST", "/api/v1/incidents/",
           incident_body("Redis Cluster Down",
                         R"("description":"All nodes reporting connection timeout.",)"
                         R"("severity":"SEV1_CRITICAL","impacted_scopes":[")" +
                             std::string(kScope) + R"("],"detected_at":"2026-02-05T18:25:00Z")"));
  ASSERT_EQ(response.status, 201) << response.body;
  const auto created = parse_json(response.body);
  const std::string id = created["id"].GetString();
  const std::string short_id = created["short_id"].GetString();
  EXPECT_TRUE(std::regex_match(short_id, std::regex("INC-[0-9A-Z]{6}"))) << short_id;
  EXPECT_STREQ(created["status"].GetString(), "TRIGGERED");
  EXPECT_STREQ(created["title"].GetString(), "Redis Cluster Down");
  EXPECT_TRUE(created["war_room_link"].IsNull());
  EXPECT_TRUE(created["lid_link"].IsNull());
  EXPECT_STREQ(created["message"].GetString(), "Incident created. Orchestration in progress...");
  EXPECT_EQ(response.header("location"), "/api/v1/incidents/" + id + "/");

  // Readable at once (the answer came after the commit), by id or short id, with
  // or without the trailing slash.
  for (const std::string& path :
       {"/api/v1/incidents/" + id + "/", "/api/v1/incidents/" + id,
        "/api/v1/incidents/" + short_id + "/", "/api/v1/incidents/inc-" + short_id.substr(4)}) {
    const auto read = call("GET", path);
    EXPECT_EQ(read.status, 200) << path << " " << read.body;
  }
  const auto incident = detail(short_id);
  EXPECT_STREQ(incident["severity_display"].GetString(), "SEV1 - Critical");
  EXPECT_STREQ(incident["status_display"].GetString(), "Triggered");
  EXPECT_STREQ(incident["service"]["name"].GetString(), "redis-prod");
  EXPECT_STREQ(incident["service"]["owner_team"]["name"].GetString(), "SRE Core");
  EXPECT_STREQ(incident["service"]["runbook_url"].GetString(),
               "https://wiki.example.com/redis-recovery");
  ASSERT_EQ(incident["impacted_scopes"].Size(), 1u);
  EXPECT_STREQ(incident["impacted_scopes"][0]["name"].GetString(), "Data Loss Risk");
  EXPECT_STREQ(incident["detected_at"].GetString(), "2026-02-05T18:25:00.000Z");
  EXPECT_TRUE(incident["acknowledged_at"].IsNull());
  EXPECT_TRUE(incident["resolved_at"].IsNull());
  EXPECT_TRUE(incident["kpis"]["mttd_seconds"].IsInt64());
  EXPECT_GT(incident["kpis"]["mttd_seconds"].GetInt64(), 86400);  // detected in February
  EXPECT_TRUE(incident["kpis"]["mtta_seconds"].IsNull());
  EXPECT_TRUE(incident["kpis"]["mttr_seconds"].IsNull());
  EXPECT_STREQ(incident["created_by"]["username"].GetString(), "dev-admin");
  ASSERT_GE(incident["timeline"].Size(), 1u);
  EXPECT_STREQ(incident["timeline"][0]["type"].GetString(), "STATUS_CHANGE");
  EXPECT_STREQ(incident["timeline"][0]["message"].GetString(), "Incident created");
  EXPECT_TRUE(incident["timeline"][0].HasMember("timestamp"));
}

TEST_F(Incidents, EveryBadFieldIsA400NamingItAndNothingIsWritten) {
  pqxx::connection db(stack_->database_url());
  const auto count = [&] {
    pqxx::nontransaction tx(db);
    return tx.exec1("SELECT count(*) FROM incidents")[0].as<int>();
  };
  const int before = count();
  const std::string long_title(201, 'x');
  const std::string nul_title = "a\\u0000b";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"service":")" + std::string(kService) + "\"}", "title"},
      {incident_body(""), "title"},
      {incident_body(long_title), "title"},
      {incident_body(nul_title), "title"},
      {R"({"title":"t","service":42})", "service"},
      {R"({"title":"t","service":"not-a-uuid"})", "service"},
      {R"({"title":"t","service":"00000000-0000-4000-8000-000000000000"})", "service"},
      {incident_body("t", R"("severity":"SEV5_NONE")"), "severity"},
      {incident_body("t", R"("severity":1)"), "severity"},
      {incident_body("t", R"("impacted_scopes":"x")"), "impacted_scopes"},
      {incident_body("t", R"("impacted_scopes":["00000000-0000-4000-8000-000000000000"])"),
       "impacted_scopes"},
      {incident_body("t", R"("detected_at":"yesterday")"), "detected_at"},
      {incident_body("t", R"("detected_at":"2026-02-30T00:00:00Z")"), "detected_at"},
      {incident_body("t", R"("detected_at":"2999-01-01T00:00:00Z")"), "detected_at"},
      {incident_body("t", R"("description":12345678901234567890123)"), "description"},
  };
  for (const auto& [body, field] : cases) {
    const auto response = call("POST", "/api/v1/incidents/", body);
    EXPECT_EQ(response.status, 400) << body << " " << response.body;
    const auto error = parse_json(response.body);
    ASSERT_TRUE(error.IsObject()) << response.body;
    EXPECT_EQ(std::string(error["error"].GetString()).rfind("Validation failed", 0), 0u) << body;
    EXPECT_TRUE(error["details"].HasMember(field.c_str())) << body << " " << response.body;
  }
  // Several bad fields are named at once.
  const auto several = call("POST", "/api/v1/incidents/", R"({"severity":"x","service":"y"})");
  const auto error = parse_json(several.body);
  EXPECT_EQ(several.status, 400);
  for (const char* field : {"title", "service", "severity"}) {
    EXPECT_TRUE(error["details"].HasMember(field)) << field << " " << several.body;
  }
  for (const std::string& body :
       std::vector<std::string>{"[]", "not json", "", "{\"title\":" + std::string(100, '[')}) {
    const auto response = call("POST", "/api/v1/incidents/", body);
    EXPECT_EQ(response.status, 400) << body.substr(0, 20) << " " << response.body;
    EXPECT_TRUE(parse_json(response.body).HasMember("error")) << response.body;
  }
  EXPECT_EQ(count(), before);
}

TEST_F(Incidents, TheLifecycleAllowsEachDocumentedMoveAndRefusesTheOthersWith409) {
  // From each status, each move: 200 or 409 (the table of docs/incidents.md).
  struct Case {
    std::vector<std::string> path;  // moves that reach the starting status
    std::string move;
    int status;
  };
  const std::vector<Case> table = {
      {{}, "acknowledge", 200},
      {{}, "mitigate", 200},
      {{}, "resolve", 200},
      {{"acknowledge"}, "acknowledge", 409},
      {{"acknowledge"}, "mitigate", 200},
      {{"acknowledge"}, "resolve", 200},
      {{"mitigate"}, "acknowledge", 409},
      {{"mitigate"}, "mitigate", 409},
      {{"mitigate"}, "resolve", 200},
      {{"resolve"}, "acknowledge", 409},
      {{"resolve"}, "mitigate", 409},
      {{"resolve"}, "resolve", 409},
  };
  const std::map<std::string, std::string> reached = {
      {"acknowledge", "ACKNOWLEDGED"}, {"mitigate", "MITIGATED"}, {"resolve", "RESOLVED"}};
  for (const auto& c : table) {
    const std::string id = create(incident_body("lifecycle " + c.move));
    for (const auto& step : c.path) {
      ASSERT_EQ(call("POST", "/api/v1/incidents/" + id + "/" + step + "/").status, 200);
    }
    const std::string before = detail(id)["status"].GetString();
    const auto response = call("POST", "/api/v1/incidents/" + id + "/" + c.move + "/", "{}");
    EXPECT_EQ(response.status, c.status) << before << " + " << c.move << ": " << response.body;
    const auto after = detail(id);
    if (c.status == 200) {
      EXPECT_EQ(after["status"].GetString(), reached.at(c.move)) << before << " + " << c.move;
      EXPECT_STREQ(parse_json(response.body)["status"].GetString(), reached.at(c.move).c_str());
    } else {
      EXPECT_EQ(after["status"].GetString(), before) << "a refused move changed the incident";
      EXPECT_TRUE(parse_json(response.body)["error"].IsString()) << response.body;
    }
  }
  // Unknown incidents are 404 in the IMAS format.
  for (const std::string key : {"00000000-0000-4000-8000-000000000000", "INC-ZZZZZZ", "nope"}) {
    const auto response = call("POST", "/api/v1/incidents/" + key + "/acknowledge/");
    EXPECT_EQ(response.status, 404) << key;
    EXPECT_STREQ(parse_json(response.body)["error"].GetString(), "Incident not found.");
  }
}

TEST_F(Incidents, KpisAreTheDocumentedDifferencesInSeconds) {
  const std::string id = create(incident_body("kpis", R"("detected_at":"2026-01-01T00:00:00Z")"));
  const auto ack = call("POST", "/api/v1/incidents/" + id + "/acknowledge/",
                        R"({"message":"Investigating the issue"})");
  ASSERT_EQ(ack.status, 200) << ack.body;
  const auto acknowledged = parse_json(ack.body);
  EXPECT_STREQ(acknowledged["message"].GetString(), "Incident acknowledged successfully");
  EXPECT_STREQ(acknowledged["acknowledged_by"]["username"].GetString(), "dev-admin");
  const auto resolve =
      call("POST", "/api/v1/incidents/" + id + "/resolve/",
           R"({"resolution_note":"Recovered after failover.","root_cause":"Memory"})");
  ASSERT_EQ(resolve.status, 200) << resolve.body;
  const auto resolved = parse_json(resolve.body);
  EXPECT_STREQ(resolved["resolution_note"].GetString(), "Recovered after failover.");
  EXPECT_STREQ(resolved["root_cause"].GetString(), "Memory");

  const auto incident = detail(id);
  pqxx::connection db(stack_->database_url());
  const std::string created = incident["created_at"].GetString();
  const auto whole = [](double seconds) {
    return static_cast<std::int64_t>(std::llround(seconds));
  };
  EXPECT_EQ(incident["kpis"]["mttd_seconds"].GetInt64(),
            whole(seconds_between(db, "2026-01-01T00:00:00Z", created)));
  EXPECT_EQ(incident["kpis"]["mtta_seconds"].GetInt64(),
            whole(seconds_between(db, created, incident["acknowledged_at"].GetString())));
  EXPECT_EQ(incident["kpis"]["mttr_seconds"].GetInt64(),
            whole(seconds_between(db, created, incident["resolved_at"].GetString())));
  EXPECT_EQ(resolved["kpis"]["mttr_seconds"].GetInt64(),
            incident["kpis"]["mttr_seconds"].GetInt64());

  // Resolving straight from TRIGGERED acknowledges at the same moment.
  const std::string direct = create(incident_body("resolved at once"));
  ASSERT_EQ(call("POST", "/api/v1/incidents/" + direct + "/resolve/").status, 200);
  const auto at_once = detail(direct);
  EXPECT_STREQ(at_once["acknowledged_at"].GetString(), at_once["resolved_at"].GetString());
  EXPECT_EQ(at_once["kpis"]["mtta_seconds"].GetInt64(), at_once["kpis"]["mttr_seconds"].GetInt64());

  // Each move is a timeline entry with its author.
  std::vector<std::string> messages;
  for (const auto& entry : incident["timeline"].GetArray())
    messages.push_back(entry["message"].GetString());
  EXPECT_NE(
      std::find(messages.begin(), messages.end(), "Incident acknowledged: Investigating the issue"),
      messages.end());
  EXPECT_NE(std::find(messages.begin(), messages.end(), "Incident resolved"), messages.end());
}

TEST_F(Incidents, CommentsAndTagsJoinTheIncidentAndItsTimeline) {
  const std::string id = create(incident_body("comments and tags"));
  const auto added =
      call("POST", "/api/v1/incidents/" + id + "/comments/",
           R"({"content":"Failover completed, monitoring recovery.","comment_type":"update"})");
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_STREQ(parse_json(added.body)["comment_type"].GetString(), "update");
  ASSERT_EQ(
      call("POST", "/api/v1/incidents/" + id + "/comments/", R"({"content":"second"})").status,
      201);
  for (const std::string bad :
       {R"({})", R"({"content":""})", R"({"content":"x","comment_type":"rant"})",
        R"({"content":"a\u0000b"})"}) {
    EXPECT_EQ(call("POST", "/api/v1/incidents/" + id + "/comments/", bad).status, 400) << bad;
  }
  const auto comments = parse_json(call("GET", "/api/v1/incidents/" + id + "/comments/").body);
  EXPECT_EQ(comments["count"].GetInt(), 2);
  EXPECT_STREQ(comments["results"][0]["content"].GetString(),
               "Failover completed, monitoring recovery.");
  EXPECT_STREQ(comments["results"][1]["comment_type"].GetString(), "note");

  const auto tagged = call("POST", "/api/v1/incidents/" + id + "/tags/",
                           R"({"tags":["postmortem-required","customer-impact"]})");
  ASSERT_EQ(tagged.status, 200) << tagged.body;
  // Again, with another spelling of a known name: attached once.
  const auto again =
      call("POST", "/api/v1/incidents/" + id + "/tags/", R"({"tags":["Customer-Impact"]})");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(parse_json(again.body)["tags"].Size(), 2u) << again.body;
  for (const std::string& bad : std::vector<std::string>{
           R"({})", R"({"tags":[]})", R"({"tags":"x"})", R"({"tags":[""]})", R"({"tags":[1]})",
           R"({"tags":[")" + std::string(101, 't') + "\"]}"}) {
    EXPECT_EQ(call("POST", "/api/v1/incidents/" + id + "/tags/", bad).status, 400) << bad;
  }
  {
    pqxx::connection db(stack_->database_url());
    pqxx::nontransaction tx(db);
    EXPECT_EQ(tx.exec1("SELECT count(*) FROM incident_tag_names WHERE lower(name) IN "
                       "('postmortem-required', 'customer-impact')")[0]
                  .as<int>(),
              2);
  }
  const auto incident = detail(id);
  EXPECT_EQ(incident["tags"].Size(), 2u);
  std::multiset<std::string> types;
  for (const auto& entry : incident["timeline"].GetArray()) types.insert(entry["type"].GetString());
  EXPECT_EQ(types.count("COMMENT"), 2u);
  EXPECT_EQ(types.count("TAG"), 1u) << "re-adding a tag adds no entry";
}

TEST_F(Incidents, ListFiltersOrderAndPagesStayPutWhileIncidentsAreCreated) {
  const std::string marker = "paging-" + std::to_string(std::time(nullptr));
  std::set<std::string> first_five;
  for (int i = 0; i < 5; ++i)
    first_five.insert(create(incident_body(marker + " " + std::to_string(i))));
  const std::string query = "/api/v1/incidents/?search=" + marker + "&page_size=2";
  auto page = parse_json(call("GET", query).body);
  EXPECT_EQ(page["count"].GetInt(), 5);
  EXPECT_TRUE(page["count_exact"].GetBool());  // a search counts up to 1,000 matches
  EXPECT_TRUE(page["previous"].IsNull());
  // New incidents arrive while the client pages through.
  for (int i = 5; i < 8; ++i) create(incident_body(marker + " " + std::to_string(i)));
  std::set<std::string> seen;
  for (int pages = 0;; ++pages) {
    ASSERT_LT(pages, 5);
    for (const auto& item : page["results"].GetArray()) {
      EXPECT_TRUE(seen.insert(item["id"].GetString()).second) << "seen twice";
    }
    EXPECT_EQ(page["count"].GetInt(), 5);
    if (page["next"].IsNull()) break;
    const std::string next = page["next"].GetString();
    ASSERT_EQ(next.rfind("https://imas.example.com/api/v1/incidents/?", 0), 0u) << next;
    page =
        parse_json(call("GET", next.substr(std::string("https://imas.example.com").size())).body);
    ASSERT_TRUE(page.IsObject());
    EXPECT_TRUE(page["previous"].IsString());
  }
  EXPECT_EQ(seen, first_five);

  // Filters: status and severity in either case, service, search; ordering.
  const std::string sev1 = create(incident_body(marker + " sev1", R"("severity":"sev1_critical")"));
  ASSERT_EQ(call("POST", "/api/v1/incidents/" + sev1 + "/acknowledge/").status, 200);
  const auto only = [&](const std::string& filter) {
    return parse_json(call("GET", "/api/v1/incidents/?search=" + marker + "&" + filter).body);
  };
  EXPECT_EQ(only("status=acknowledged")["count"].GetInt(), 1);
  EXPECT_EQ(only("status=ACKNOWLEDGED")["count"].GetInt(), 1);
  EXPECT_EQ(only("status=triggered")["count"].GetInt(), 8);
  EXPECT_EQ(only("severity=SEV1_CRITICAL")["count"].GetInt(), 1);
  EXPECT_EQ(only("service=" + std::string(kOtherService))["count"].GetInt(), 0);
  EXPECT_STREQ(only("ordering=severity")["results"][0]["id"].GetString(), sev1.c_str());
  EXPECT_STREQ(only("ordering=-status")["results"][0]["id"].GetString(), sev1.c_str());
  EXPECT_EQ(
      parse_json(call("GET", "/api/v1/incidents/?search=%25%25no-such%25").body)["count"].GetInt(),
      0);
  // Hostile but valid input: huge numbers, a NUL, a 5,000-character search.
  for (const std::string& bad : std::vector<std::string>{
           "status=open", "severity=high", "service=x", "ordering=title", "page=0", "page_size=101",
           "page=x", "as_of=-1", "page_size=1000000000000000000000000000000",
           "page=1000000000000000000000000000000", "as_of=99999999999999999999999", "search=a%00b",
           "search=" + std::string(5000, 'x')}) {
    const auto response = call("GET", "/api/v1/incidents/?" + bad);
    EXPECT_EQ(response.status, 400) << bad.substr(0, 60) << " " << response.body;
    const auto error = parse_json(response.body);  // the IMAS format
    EXPECT_TRUE(error.IsObject() && error.HasMember("details")) << response.body.substr(0, 200);
  }
  // 10,000 characters pass the request line's limit: refused before any route.
  const auto too_long = call("GET", "/api/v1/incidents/?search=" + std::string(10000, 'x'));
  EXPECT_EQ(too_long.status, 414);
  EXPECT_TRUE(parse_json(too_long.body)["error"].IsString()) << too_long.body;
  EXPECT_EQ(call("GET", "/api/v1/incidents/?page=999999999&page_size=100").status, 404);
  EXPECT_EQ(
      parse_json(call("GET", "/api/v1/incidents/?as_of=1&search=" + marker).body)["count"].GetInt(),
      0);
  EXPECT_EQ(call("GET", "/api/v1/incidents/?search=" + marker + "&page=99").status, 404);
}

TEST_F(Incidents, AnIdempotencyKeyIsOneIncident) {
  auto headers = admin_headers();
  headers["Idempotency-Key"] = "alert-42-" + std::to_string(std::time(nullptr));
  const auto first = call("POST", "/api/v1/incidents/", incident_body("once"), headers);
  const auto second = call("POST", "/api/v1/incidents/", incident_body("once"), headers);
  ASSERT_EQ(first.status, 201) << first.body;
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(parse_json(first.body)["short_id"].GetString(),
            std::string(parse_json(second.body)["short_id"].GetString()));
}

TEST_F(Incidents, ARegisteredUserWorksIncidentsWithAnImasToken) {
  const auto reg = call(
      "POST", "/auth/register",
      R"({"email":"oncall@example.com","password":"correct horse battery","full_name":"On Call"})",
      {{"Content-Type", "application/json"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  const auto token = call("POST", "/api/auth/token/",
                          R"({"username":"oncall@example.com","password":"correct horse battery"})",
                          {{"Content-Type", "application/json"}});
  ASSERT_EQ(token.status, 200) << token.body;
  const std::map<std::string, std::string> user = {
      {"Authorization", std::string("Token ") + parse_json(token.body)["token"].GetString()},
      {"Content-Type", "application/json"}};
  const auto created = call("POST", "/api/v1/incidents/", incident_body("by a user"), user);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = parse_json(created.body)["id"].GetString();
  const auto incident = parse_json(call("GET", "/api/v1/incidents/" + id + "/", "", user).body);
  EXPECT_STREQ(incident["lead"]["email"].GetString(), "oncall@example.com");
  const auto ack = call("POST", "/api/v1/incidents/" + id + "/acknowledge/", "", user);
  EXPECT_EQ(ack.status, 200) << ack.body;
  EXPECT_STREQ(parse_json(ack.body)["acknowledged_by"]["email"].GetString(), "oncall@example.com");
  // Without credentials: 401 in the IMAS format.
  const auto anonymous = call("GET", "/api/v1/incidents/", "", {});
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_TRUE(parse_json(anonymous.body)["error"].IsString()) << anonymous.body;
}

}  // namespace
}  // namespace switchyard::testing
